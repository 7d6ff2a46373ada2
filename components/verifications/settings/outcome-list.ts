// Pure helpers of the outcome and checklist editors (outcome-settings.tsx, outcome-checklist.tsx).

/** Problems the shared schema finds, as sentences ("Outcome 3: Give the outcome a label"). */
export function schemaProblems(
  result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  noun: string,
): string[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) =>
    typeof i.path[1] === "number" ? `${noun} ${i.path[1] + 1}: ${i.message}` : i.message,
  );
}

/** Moves item i by d places (-1 up, +1 down) in a copy of the list. */
export function moved<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** A copy of the list with `patch` applied to item i. */
export function patchedAt<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((r, n) => (n === i ? { ...r, ...patch } : r));
}

/**
 * A key for an editor that holds the saved rows in state: it changes with every save, so the refresh after
 * one remounts the editor from what was stored (new rows with their ids), not from what was typed.
 */
export function savedVersion(saved: unknown): string {
  return JSON.stringify(saved);
}
