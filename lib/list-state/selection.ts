// A list's picked rows held as a Set in React state (the review grid's skipped lines, a checklist's
// checked steps): each change is a new Set, so React sees it changed.

/** `set` with `item` added (`on`) or taken out; `set` itself is left as it was. */
export function withToggled<T>(set: ReadonlySet<T>, item: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
}
