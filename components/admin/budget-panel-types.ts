// What /api/chekt/budget answers and the Settings panel shows (components/admin/budget-panel.tsx),
// declared once as zod schemas: the route builds these types (lib/chekt/budget-panel.ts) and the panel
// checks what it reads against the schema. No server imports: shared by the route handler and the browser.
import { z } from "zod";

const classSchema = z.object({ id: z.string(), label: z.string() });

const countsSchema = z.object({
  calls: z.record(z.string(), z.number()),
  rateLimited: z.number(),
  waits: z.number(),
  waitMs: z.number(),
});

const credentialSchema = z.object({
  /** "client:<id>" for the partner, "key:<hash>" for a CHeKT App key (never the key). */
  credential: z.string(),
  label: z.string(),
  perMin: z.number(),
  burst: z.number(),
  tokens: z.number(),
  /** Seconds every call waits because of a 429 or CHeKT saying 0 left (0 = none). */
  blockedForS: z.number(),
  /** Seconds a call of each class would wait now. */
  waitS: z.record(z.string(), z.number()),
  /** Oldest first, one per minute, the current minute last. */
  minutes: z.array(z.object({ minute: z.string(), ...countsSchema.shape })),
  totals: countsSchema,
});

export const budgetPanelSchema = z.object({
  at: z.string(),
  windowMinutes: z.number(),
  classes: z.array(classSchema),
  credentials: z.array(credentialSchema),
});

export type BudgetPanelClass = z.output<typeof classSchema>;
export type BudgetPanelCounts = z.output<typeof countsSchema>;
export type BudgetPanelCredential = z.output<typeof credentialSchema>;
export type BudgetPanelData = z.output<typeof budgetPanelSchema>;
