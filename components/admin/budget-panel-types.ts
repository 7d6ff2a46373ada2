// What /api/chekt/budget answers and the Settings panel shows (components/admin/budget-panel.tsx).
// Plain types, no imports: shared by the route handler and the browser.

export type BudgetPanelClass = { id: string; label: string };

export type BudgetPanelCounts = { calls: Record<string, number>; rateLimited: number; waits: number; waitMs: number };

export type BudgetPanelCredential = {
  /** "client:<id>" for the partner, "key:<hash>" for a CHeKT App key (never the key). */
  credential: string;
  label: string;
  perMin: number;
  burst: number;
  tokens: number;
  /** Seconds every call waits because of a 429 or CHeKT saying 0 left (0 = none). */
  blockedForS: number;
  /** Seconds a call of each class would wait now. */
  waitS: Record<string, number>;
  /** Oldest first, one per minute, the current minute last. */
  minutes: ({ minute: string } & BudgetPanelCounts)[];
  totals: BudgetPanelCounts;
};

export type BudgetPanelData = {
  at: string;
  windowMinutes: number;
  classes: BudgetPanelClass[];
  credentials: BudgetPanelCredential[];
};
