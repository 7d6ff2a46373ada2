// Where the focus goes when a row is deleted: the control it was on leaves with the row, and the
// browser would put it on <body>, so a keyboard or screen-reader user starts again from the top.
// The same control of the row that takes its place, else of the row before, else the list's way in.

const CONTROLS = "a[href], button, input, select, textarea";

/** A control's kind and words: the Delete of one row is the Delete of the next (icon-only: by its place). */
const kindOf = (el: Element) => `${el.tagName}:${el.textContent?.trim() ?? ""}`;

function sameControls(row: Element, kind: string) {
  return [...row.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => kindOf(el) === kind);
}

/** The first heading of the section the list is in, focusable by script for the moment. */
function headingOf(list: Element): HTMLElement | null {
  const heading = list.closest("section")?.querySelector<HTMLElement>("h1, h2, h3");
  if (heading && !heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  return heading ?? null;
}

/**
 * Call with the control that removes its row (a table row or list item) when the row is asked to go:
 * each frame, for up to `maxMs`, it checks whether the row went (a refreshed page, a state update), then
 * focuses the same control of the row now in its place, or of the row before, or `fallback` (default:
 * the heading of the list's section). Nothing moves if the row stays (refused) or the user focused
 * something else meanwhile.
 */
export function focusAfterRowRemoval(control: Element, fallback?: Element | null, maxMs = 10_000) {
  const row = control.closest("tr, li");
  const list = row?.parentElement;
  if (!row || !list) return;
  const doc = control.ownerDocument;
  const index = [...list.children].indexOf(row);
  const kind = kindOf(control);
  const nth = sameControls(row, kind).indexOf(control as HTMLElement);
  const lastResort = fallback === undefined ? headingOf(list) : fallback;
  const started = performance.now();
  const inRow = (n: number) => {
    const other = list.isConnected ? list.children[n] : undefined;
    const el = other ? sameControls(other, kind)[nth] : undefined;
    return el && !el.matches(":disabled") ? el : null;
  };
  const step = () => {
    if (row.isConnected) {
      if (performance.now() - started < maxMs) requestAnimationFrame(step);
      return;
    }
    const active = doc.activeElement;
    if (active && active !== doc.body && active.isConnected) return;
    const target = inRow(index) ?? inRow(index - 1) ?? (lastResort?.isConnected ? lastResort : null);
    if (target instanceof HTMLElement) target.focus();
  };
  requestAnimationFrame(step);
}
