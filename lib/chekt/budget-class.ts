/**
 * Classes of CHeKT calls, highest priority first. Every call spends the shared budget of its
 * credential at one of these; a lower class keeps a reserve free for the higher ones, so an alarm
 * answer never waits behind a bulk job or a background sweep.
 */
export const BUDGET_CLASSES = ["answer", "write", "snapshot", "read", "bulk", "sync"] as const;
export type BudgetClass = (typeof BUDGET_CLASSES)[number];

export const BUDGET_CLASS_LABELS: Record<BudgetClass, string> = {
  answer: "Verification answers",
  write: "Interactive writes",
  snapshot: "Snapshot fetches",
  read: "Interactive reads and refreshes",
  bulk: "Bulk jobs",
  sync: "Background sync",
};

/** The class a call gets when its caller names none: writes are interactive writes, reads interactive reads. */
export function defaultBudgetClass(method: string): BudgetClass {
  return method.toUpperCase() === "GET" ? "read" : "write";
}
