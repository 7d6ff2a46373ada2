import { BUDGET_CLASSES, type BudgetClass } from "./budget-class";
import {
  CLASS_RESERVE,
  FULL_BUCKET_LAG_MS,
  IDLE_RESERVE_TOKENS,
  RESERVE_HOLD_MS,
  WAITING_TTL_MS,
  type BucketState,
  type TakeDecision,
} from "./budget-rules";
import { RELAXED_COMMIT } from "@/lib/relaxed-commit";
import {
  minuteOf,
  USAGE_KEEP_MS,
  type BudgetStore,
  type Step,
  type StepUsage,
  type TakeRequest,
  type UsageDelta,
  type UsageRow,
} from "./budget-store";

/**
 * The budget in Postgres, shared by every app instance (tables chekt_budgets and
 * chekt_budget_usage, prisma/schema.prisma).
 *
 * A token is taken by one statement whatever the other instances do: the SQL function
 * chekt_budget_take (prisma/migrations/20261205195820_chekt_budget_waiting_until) applies decideTake's rules
 * to the row under its lock and counts the call, constants passed from budget-rules.ts. The rarer
 * changes (a correction from CHeKT's headers, a 429's block) are one atomic statement each too:
 * `UPDATE … WHERE credential = $1 AND version = $2 RETURNING version` — a compare-and-set on the
 * row's version, the rule run here in TypeScript on the last state this instance saw; when another
 * instance changed the row meanwhile, the UPDATE matches nothing, the row is read again and the
 * rule re-applied. No lock is ever held across a network call.
 */

/** Runs one parameterised statement and returns its rows (a pg Pool, or Prisma's $queryRawUnsafe). */
export type SqlRunner = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

const MAX_CAS_TRIES = 50;

type Cached = { state: BucketState; version: number };

const COLUMNS =
  "per_min, burst, tokens, at_ms, blocked_until_ms, waiting_until_ms, active_at_ms, taken, learned, version";

function fromRow(r: Record<string, unknown>): Cached {
  const waiting = (r.waiting_until_ms as unknown[] | null) ?? [];
  const active = (r.active_at_ms as unknown[] | null) ?? [];
  return {
    version: Number(r.version),
    state: {
      perMin: Number(r.per_min),
      burst: Number(r.burst),
      tokens: Number(r.tokens),
      atMs: Number(r.at_ms),
      blockedUntilMs: Number(r.blocked_until_ms),
      waitingUntilMs: waiting.map(Number),
      activeAtMs: active.map(Number),
      taken: Number(r.taken),
      learned: r.learned === true,
    },
  };
}

/**
 * Adds one step's counters to its (credential, minute, class) row. `from`: a CTE whose row must
 * exist for the counters to move (the credential is then $1 of the enclosing statement); the
 * row's own values start at parameter `$first`.
 */
function usageInsert(from: string | null, first: number): string {
  const p = (i: number) => `$${first + i}`;
  const values = `${p(0)}::timestamp(3), ${p(1)}::text, ${p(2)}::int, ${p(3)}::int, ${p(4)}::int, ${p(5)}::int`;
  return `INSERT INTO chekt_budget_usage (credential, minute, budget_class, calls, waits, wait_ms, rate_limited)
       ${from ? `SELECT $1, ${values} FROM ${from}` : `VALUES ($1, ${values})`}
       ON CONFLICT (credential, minute, budget_class) DO UPDATE SET
         calls = chekt_budget_usage.calls + EXCLUDED.calls,
         waits = chekt_budget_usage.waits + EXCLUDED.waits,
         wait_ms = chekt_budget_usage.wait_ms + EXCLUDED.wait_ms,
         rate_limited = chekt_budget_usage.rate_limited + EXCLUDED.rate_limited`;
}

const usageValues = ({ cls, atMs, delta }: StepUsage) => [
  new Date(minuteOf(atMs)),
  cls,
  delta.calls ?? 0,
  delta.waits ?? 0,
  Math.round(delta.waitMs ?? 0),
  delta.rateLimited ?? 0,
];

const stateValues = (s: BucketState) => [
  s.perMin,
  s.burst,
  s.tokens,
  s.atMs,
  s.blockedUntilMs,
  s.waitingUntilMs,
  s.activeAtMs,
  s.taken,
  s.learned,
];

export class PgBudgetStore implements BudgetStore {
  private cache = new Map<string, Cached>();
  private lastPrune = 0;

  constructor(private readonly sql: SqlRunner) {}

  private async load(credential: string, init: () => BucketState): Promise<Cached> {
    const s = init();
    // Creating the row and reading it back in one statement: ON CONFLICT DO UPDATE returns the
    // existing row untouched (the no-op SET keeps its values) when another instance made it first.
    const rows = await this.sql(
      `INSERT INTO chekt_budgets (credential, per_min, burst, tokens, at_ms, blocked_until_ms, waiting_until_ms,
         active_at_ms, taken, learned, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7::double precision[], $8::double precision[], $9, $10, 0)
       ON CONFLICT (credential) DO UPDATE SET credential = EXCLUDED.credential
       RETURNING ${COLUMNS}`,
      [credential, ...stateValues(s)],
    );
    const c = fromRow(rows[0]);
    this.cache.set(credential, c);
    return c;
  }

  async update<T>(credential: string, init: () => BucketState, fn: (s: BucketState) => Step<T>): Promise<T> {
    let cached = this.cache.get(credential) ?? (await this.load(credential, init));
    for (let i = 0; i < MAX_CAS_TRIES; i++) {
      const c = cached.state;
      const s: BucketState = { ...c, waitingUntilMs: [...c.waitingUntilMs], activeAtMs: [...c.activeAtMs] };
      const { result, changed, usage } = fn(s);
      if (!changed) {
        if (usage) await this.recordUsage(credential, usage.cls, usage.atMs, usage.delta);
        return result;
      }
      const update = `UPDATE chekt_budgets SET per_min = $3, burst = $4, tokens = $5, at_ms = $6, blocked_until_ms = $7,
           waiting_until_ms = $8::double precision[], active_at_ms = $9::double precision[], taken = $10, learned = $11,
           version = version + 1, updated_at = now()
         WHERE credential = $1 AND version = $2
         RETURNING version, ${RELAXED_COMMIT}`;
      const values = [credential, cached.version, ...stateValues(s)];
      // A token taken and its usage row in one round trip: the counters move only if the
      // compare-and-set won (the INSERT reads the UPDATE's RETURNING).
      const rows = usage
        ? await this.sql(
            `WITH taken AS (${update}), counted AS (${usageInsert("taken", 12)}) SELECT version FROM taken`,
            [...values, ...usageValues(usage)],
          )
        : await this.sql(update, values);
      if (rows.length === 1) {
        if (usage) void this.prune(usage.atMs).catch(() => undefined);
        this.cache.set(credential, { state: s, version: Number(rows[0].version) });
        return result;
      }
      // Another instance changed the row since we last saw it: read it and decide again, after a
      // random pause of a millisecond or two so two busy instances do not stay in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 2 * Math.min(i + 1, 5)));
      cached = await this.reload(credential, init);
    }
    throw new Error(`chekt_budgets: ${MAX_CAS_TRIES} concurrent changes in a row for one credential`);
  }

  async take(credential: string, init: () => BucketState, req: TakeRequest): Promise<TakeDecision> {
    const s = init();
    const rows = await this.sql(
      // The token state and its usage count: harmless to lose in a Postgres crash (lib/relaxed-commit.ts).
      `SELECT *, ${RELAXED_COMMIT}
       FROM chekt_budget_take($1::text, $2::int, $3::float8, $4::float8, $5::float8, $6::boolean, $7::float8[],
         $8::float8, $9::float8, $10::float8, $11::float8, $12::timestamp(3), $13::text, $14::int, $15::int)`,
      [
        credential,
        BUDGET_CLASSES.indexOf(req.cls),
        req.atMs,
        s.perMin,
        s.burst,
        s.learned,
        BUDGET_CLASSES.map((c) => CLASS_RESERVE[c]),
        RESERVE_HOLD_MS,
        IDLE_RESERVE_TOKENS,
        FULL_BUCKET_LAG_MS,
        WAITING_TTL_MS,
        new Date(minuteOf(req.atMs)),
        req.cls,
        req.waited ? 1 : 0,
        Math.round(req.waitedMs),
      ],
    );
    const r = rows[0];
    // The state after the take: the next estimate and compare-and-set start from it.
    const after = fromRow(r);
    this.cache.set(credential, after);
    if (r.ok === true) {
      void this.prune(req.atMs).catch(() => undefined);
      return { ok: true, tokensLeft: after.state.tokens, takenSeq: after.state.taken };
    }
    const why = String(r.why);
    return {
      ok: false,
      waitMs: Number(r.wait_ms),
      why: why === "blocked" || why === "higher_waiting" ? why : "reserve",
    };
  }

  /** The row as it is now, kept as the next compare-and-set's start; null when the credential has none. */
  private async fetchRow(credential: string): Promise<Cached | null> {
    const rows = await this.sql(`SELECT ${COLUMNS} FROM chekt_budgets WHERE credential = $1`, [credential]);
    if (rows.length === 0) return null;
    const c = fromRow(rows[0]);
    this.cache.set(credential, c);
    return c;
  }

  private async reload(credential: string, init: () => BucketState): Promise<Cached> {
    return (await this.fetchRow(credential)) ?? this.load(credential, init);
  }

  /** Fresh from the table, never the cache: a budget's estimate and the Settings panel read it. */
  async read(credential: string): Promise<BucketState | null> {
    return (await this.fetchRow(credential))?.state ?? null;
  }

  async recordUsage(credential: string, cls: BudgetClass, atMs: number, delta: UsageDelta): Promise<void> {
    await this.sql(usageInsert(null, 2), [credential, ...usageValues({ cls, atMs, delta })]);
    await this.prune(atMs);
  }

  private async prune(atMs: number): Promise<void> {
    // Pruned by whoever writes, at most once a minute per instance: the table stays about an hour long.
    if (atMs - this.lastPrune > 60_000) {
      this.lastPrune = atMs;
      await this.sql(`DELETE FROM chekt_budget_usage WHERE minute < $1`, [new Date(atMs - USAGE_KEEP_MS)]);
    }
  }

  async usage(credential: string, sinceMs: number): Promise<UsageRow[]> {
    const rows = await this.sql(
      `SELECT minute, budget_class, calls, waits, wait_ms, rate_limited FROM chekt_budget_usage
       WHERE credential = $1 AND minute >= $2 ORDER BY minute, budget_class`,
      [credential, new Date(minuteOf(sinceMs))],
    );
    const isClass = (v: unknown): v is BudgetClass => BUDGET_CLASSES.some((c) => c === v);
    return rows.flatMap((r) =>
      isClass(r.budget_class)
        ? [
            {
              minute: r.minute instanceof Date ? r.minute : new Date(String(r.minute)),
              budgetClass: r.budget_class,
              calls: Number(r.calls),
              waits: Number(r.waits),
              waitMs: Number(r.wait_ms),
              rateLimited: Number(r.rate_limited),
            },
          ]
        : [],
    );
  }
}
