import type { BudgetClass } from "./budget-class";
import { decideTake, type BucketState, type TakeDecision } from "./budget-rules";

/**
 * Where a credential's bucket and usage counters live. Two implementations: in memory (one
 * process: tests, scripts) and Postgres (budget-pg.ts: every app instance). Neither knows the
 * rules; they only apply a rule function atomically.
 */

/** Counters added to one (credential, minute, class) row. */
export type UsageDelta = { calls?: number; waits?: number; waitMs?: number; rateLimited?: number };

export type UsageRow = {
  minute: Date;
  budgetClass: BudgetClass;
  calls: number;
  waits: number;
  waitMs: number;
  rateLimited: number;
};

/** Usage counters a step adds when it is applied: written with the state, in the same statement. */
export type StepUsage = { cls: BudgetClass; atMs: number; delta: UsageDelta };

/** What a rule function returns: its result, whether it changed the state, and usage to count. */
export type Step<T> = { result: T; changed: boolean; usage?: StepUsage };

/** One call asking for a token of class `cls` at `atMs`; when it gets one, the call is counted with its wait. */
export type TakeRequest = { cls: BudgetClass; atMs: number; waited: boolean; waitedMs: number };

/** A take as a rule function (decideTake, and the call counted when it goes), for stores that run the rules here. */
export function takeStep(s: BucketState, { cls, atMs, waited, waitedMs }: TakeRequest): Step<TakeDecision> {
  const result = decideTake(s, cls, atMs);
  const usage = result.ok ? { cls, atMs, delta: { calls: 1, waits: waited ? 1 : 0, waitMs: waitedMs } } : undefined;
  return { result, changed: true, usage };
}

export interface BudgetStore {
  /**
   * Runs `fn` on the credential's state (created from `init` when missing) as one atomic step and
   * returns its result. `fn` mutates the state and returns `changed: false` when it changed
   * nothing, so nothing is written. `fn` may run more than once (a concurrent writer won): it must
   * not have side effects. The `usage` of the step that is applied is added to the counters.
   */
  update<T>(credential: string, init: () => BucketState, fn: (s: BucketState) => Step<T>): Promise<T>;
  /**
   * decideTake as one atomic step, the call counted in the same step when it gets its token
   * (`takeStep` through `update`, or the same rules in one SQL statement: budget-pg.ts).
   */
  take(credential: string, init: () => BucketState, req: TakeRequest): Promise<TakeDecision>;
  /** The state as last stored (null: never used). */
  read(credential: string): Promise<BucketState | null>;
  /** Adds to the usage counters of the minute `atMs` falls in. */
  recordUsage(credential: string, cls: BudgetClass, atMs: number, delta: UsageDelta): Promise<void>;
  /** Usage rows of the last `minutes` minutes, oldest first. */
  usage(credential: string, sinceMs: number): Promise<UsageRow[]>;
}

export const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/** Keeps usage for an hour: enough for the panel, small enough to never matter. */
export const USAGE_KEEP_MS = 60 * 60_000;

const clone = (s: BucketState): BucketState => ({
  ...s,
  waitingUntilMs: [...s.waitingUntilMs],
  activeAtMs: [...s.activeAtMs],
});

export class MemoryBudgetStore implements BudgetStore {
  private states = new Map<string, BucketState>();
  private rows = new Map<string, UsageRow & { credential: string }>();

  async update<T>(credential: string, init: () => BucketState, fn: (s: BucketState) => Step<T>): Promise<T> {
    const s = this.states.get(credential) ?? init();
    this.states.set(credential, s);
    const step = fn(s);
    if (step.usage) await this.recordUsage(credential, step.usage.cls, step.usage.atMs, step.usage.delta);
    return step.result;
  }

  take(credential: string, init: () => BucketState, req: TakeRequest): Promise<TakeDecision> {
    return this.update(credential, init, (s) => takeStep(s, req));
  }

  async read(credential: string): Promise<BucketState | null> {
    const s = this.states.get(credential);
    return s ? clone(s) : null;
  }

  async recordUsage(credential: string, cls: BudgetClass, atMs: number, delta: UsageDelta): Promise<void> {
    const minute = minuteOf(atMs);
    const key = `${credential}\u0000${minute}\u0000${cls}`;
    const row = this.rows.get(key) ?? {
      credential,
      minute: new Date(minute),
      budgetClass: cls,
      calls: 0,
      waits: 0,
      waitMs: 0,
      rateLimited: 0,
    };
    row.calls += delta.calls ?? 0;
    row.waits += delta.waits ?? 0;
    row.waitMs += Math.round(delta.waitMs ?? 0);
    row.rateLimited += delta.rateLimited ?? 0;
    this.rows.set(key, row);
    for (const [k, r] of this.rows) if (r.minute.getTime() < atMs - USAGE_KEEP_MS) this.rows.delete(k);
  }

  async usage(credential: string, sinceMs: number): Promise<UsageRow[]> {
    return [...this.rows.values()]
      .filter((r) => r.credential === credential && r.minute.getTime() >= minuteOf(sinceMs))
      .sort((a, b) => a.minute.getTime() - b.minute.getTime())
      .map(({ credential: _, ...r }) => ({ ...r }));
  }
}
