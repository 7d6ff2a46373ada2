/**
 * The Postgres budget store's round trips: a call's token and its usage row are one statement
 * (chekt_budget_take), so the shared budget costs each CHeKT call one round trip (issue 12) however
 * many instances take at once, the counters move only when the token was really taken, and the SQL
 * decides exactly as budget-rules.ts's decideTake does. And "sending in N s" is judged on the row as
 * it is now, not on what this instance last saw of it, and holds the other instances' sweeps off.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { FakeClock } from "../support/clock";
import { BudgetWaitTooLong, CallBudget, POLL_MS } from "../../lib/chekt/budget";
import { PgBudgetStore } from "../../lib/chekt/budget-pg";
import { BUDGET_CLASSES, type BudgetClass } from "../../lib/chekt/budget-class";
import {
  decideTake,
  FREE_TIER,
  HANDBACK_GRACE_MS,
  initialState,
  refill,
  type BucketState,
} from "../../lib/chekt/budget-rules";
import { INTERACTIVE_REFUSE_OVER_MS } from "../../lib/chekt/budget-wait";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase("chekt_budget_pg");
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // The database is dropped WITH FORCE at teardown: an idle client still closing then gets 57P01
  // (administrator command). Any other error on an idle client is still thrown.
  pool.on("error", (e: Error & { code?: string }) => {
    if (e.code !== "57P01") throw e;
  });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** A store over the pool that keeps every statement it sends. */
function countingStore() {
  const sent: string[] = [];
  const store = new PgBudgetStore(async (text, values) => {
    sent.push(text.trim().split(/\s+/)[0]!.toUpperCase());
    return (await pool.query(text, values)).rows;
  });
  return { store, sent };
}

async function usageRows(credential: string) {
  const { rows } = await pool.query<{ budget_class: string; calls: number; waits: number }>(
    "SELECT budget_class, calls, waits FROM chekt_budget_usage WHERE credential = $1 ORDER BY budget_class",
    [credential],
  );
  return rows;
}

describe("the Postgres budget store", () => {
  it("takes a token and counts the call in one statement", async () => {
    const { store, sent } = countingStore();
    const budget = new CallBudget("client:one-trip", { store, limits: FREE_TIER });
    // Even the first call: the statement creates the row when the credential has none.
    for (let i = 0; i < 4; i++) await budget.acquire(i === 3 ? "answer" : "read", { deadline: Date.now() + 5_000 });
    // Beside them, at most one prune of old usage rows (once a minute per instance, not awaited).
    expect(sent.filter((k) => k !== "DELETE")).toEqual(["SELECT", "SELECT", "SELECT", "SELECT"]);
    expect(sent.filter((k) => k === "DELETE").length).toBeLessThanOrEqual(1);
    expect(await usageRows("client:one-trip")).toEqual([
      { budget_class: "answer", calls: 1, waits: 0 },
      { budget_class: "read", calls: 3, waits: 0 },
    ]);
  });

  it("a row another instance changed meanwhile costs no re-read: still one statement a token", async () => {
    const a = countingStore();
    const b = countingStore();
    const one = new CallBudget("client:two", { store: a.store, limits: FREE_TIER });
    const two = new CallBudget("client:two", { store: b.store, limits: FREE_TIER });
    await one.acquire("read", { deadline: Date.now() + 5_000 });
    await two.acquire("bulk", { deadline: Date.now() + 5_000 });
    a.sent.length = 0;
    await one.acquire("read", { deadline: Date.now() + 5_000 });
    // `one` last saw the row before `two` took its token: the take is still one statement (the
    // compare-and-set it replaces missed here, read the row and sent again: three).
    expect(a.sent).toEqual(["SELECT"]);
    expect(await usageRows("client:two")).toEqual([
      { budget_class: "bulk", calls: 1, waits: 0 },
      { budget_class: "read", calls: 2, waits: 0 },
    ]);
    const { rows } = await pool.query("SELECT taken, version FROM chekt_budgets WHERE credential = 'client:two'");
    expect(rows[0]).toEqual({ taken: 3, version: 3 });
  });

  it("takers on four pools at one instant get exactly the bucket's tokens, each counted once", async () => {
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: db.url, max: 3 }));
    try {
      const stores = pools.map((p) => new PgBudgetStore(async (text, values) => (await p.query(text, values)).rows));
      const at = Date.now();
      const init = () => initialState(FREE_TIER, true, at);
      // 40 answers at the same clock time: no refill between them, so a bucket of 5 gives 5 tokens
      // whatever order the statements meet the row in; a lost update would give more.
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          stores[i % 4]!.take("client:race", init, { cls: "answer", atMs: at, waited: false, waitedMs: 0 }),
        ),
      );
      const granted = decisions.filter((d) => d.ok);
      expect(granted).toHaveLength(FREE_TIER.burst);
      // Each token has its own sequence number: none was handed out twice.
      expect(granted.map((d) => (d.ok ? d.takenSeq : 0)).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(decisions.filter((d) => !d.ok && d.why === "reserve")).toHaveLength(40 - FREE_TIER.burst);
      expect(await usageRows("client:race")).toEqual([{ budget_class: "answer", calls: 5, waits: 0 }]);
      const { rows } = await pool.query("SELECT tokens, taken FROM chekt_budgets WHERE credential = 'client:race'");
      expect(rows[0]).toEqual({ tokens: 0, taken: 5 });
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("decides exactly as decideTake over 400 random states", async () => {
    // A small fixed-seed generator: a failure names a state that can be replayed.
    let seed = 12;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const now = 1_800_000_000_000;
    const { store } = countingStore();
    for (let i = 0; i < 400; i++) {
      const burst = pick([1, 5, 10, 20]);
      const s: BucketState = {
        ...initialState({ perMin: pick([30, 60, 600]), burst }, true, now),
        tokens: rnd() * (burst + 1) - 1,
        // Behind now (refill), or ahead of it (a take from a full bucket started refill later).
        atMs: now - Math.floor(rnd() * 8_000) + (rnd() < 0.2 ? 300 : 0),
        blockedUntilMs: rnd() < 0.15 ? now + Math.floor(rnd() * 2_000) - 1_000 : 0,
        // Lapsed, or holding lower classes off for a while yet (a refusal's or a hand-back's mark).
        waitingUntilMs: BUDGET_CLASSES.map(() => (rnd() < 0.25 ? now + Math.floor(rnd() * 6_000) - 1_200 : 0)),
        activeAtMs: BUDGET_CLASSES.map(() => (rnd() < 0.5 ? now - Math.floor(rnd() * 10_000) : 0)),
        taken: Math.floor(rnd() * 1_000),
      };
      const cls = pick(BUDGET_CLASSES);
      const credential = `client:random-${i}`;
      await pool.query(
        `INSERT INTO chekt_budgets (credential, per_min, burst, tokens, at_ms, blocked_until_ms, waiting_until_ms,
           active_at_ms, taken, learned, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, 0, now())`,
        [credential, s.perMin, s.burst, s.tokens, s.atMs, s.blockedUntilMs, s.waitingUntilMs, s.activeAtMs, s.taken],
      );
      const expected = { ...s, waitingUntilMs: [...s.waitingUntilMs], activeAtMs: [...s.activeAtMs] };
      const want = decideTake(expected, cls, now);
      const got = await store.take(credential, () => s, { cls, atMs: now, waited: false, waitedMs: 0 });
      expect({ i, cls, decision: got }).toEqual({ i, cls, decision: want });
      // A refusal that changed nothing but the refill is not written (any reader refills the same way).
      const stored = await store.read(credential);
      if (stored) refill(stored, now);
      expect({ i, state: stored }).toEqual({ i, state: expected });
    }
  });
});

/** Two instances of the app on one credential: a store each (each with its own cache), one database. */
function twoInstances(credential: string, limits = FREE_TIER) {
  const clock = new FakeClock();
  const store = () => new PgBudgetStore(async (text, values) => (await pool.query(text, values)).rows);
  const a = new CallBudget(credential, { store: store(), limits, clock });
  const b = new CallBudget(credential, { store: store(), limits, clock });
  return { clock, a, b };
}

/** The refusal B's first interactive write meets (as lib/chekt/transport.ts asks), or null when it got a token. */
async function refusalOfWrite(b: CallBudget, clock: FakeClock, refuseOverMs: number) {
  try {
    await b.acquire("write", { deadline: clock.now(), refuseOverMs });
    return null;
  } catch (e) {
    if (e instanceof BudgetWaitTooLong) return { refused: e.refused, waitMs: e.waitMs };
    throw e;
  }
}

/**
 * Two PgBudgetStore objects on one database are two app instances: when one drains the bucket or meets
 * a 429, the other's first interactive write is handed back to the form with the wait (budget_wait),
 * instead of hanging in its wait or ending in a bare "rate limited". Clock injected, nothing sleeps.
 */
describe("the wait an interactive write is refused on, with two instances", () => {
  it("B, which last saw a full bucket, is refused with the wait once A drained it", async () => {
    const { clock, a, b } = twoInstances("client:estimate-drain");
    // B has seen the row: a full bucket, and nothing waits.
    expect(await b.estimate("write")).toBe(0);
    for (let i = 0; i < FREE_TIER.burst; i++) await a.acquire("answer", { deadline: clock.now() });
    // 1.25 tokens for a write while answers are active, refilled from 200 ms after the bucket stopped being full.
    expect(await refusalOfWrite(b, clock, 1_000)).toEqual({ refused: true, waitMs: 1_450 });
  });

  it("B is refused with the wait of the 429 block A wrote", async () => {
    const { clock, a, b } = twoInstances("client:estimate-block");
    await b.acquire("read", { deadline: clock.now() });
    await a.block(clock.now() + 3_000, "read");
    expect(await refusalOfWrite(b, clock, INTERACTIVE_REFUSE_OVER_MS)).toEqual({ refused: true, waitMs: 3_000 });
  });
});

/** One ask, as a waiter in acquire's loop makes it: true when the token was taken. */
async function asks(budget: CallBudget, cls: BudgetClass, clock: FakeClock): Promise<boolean> {
  try {
    await budget.acquire(cls, { deadline: clock.now() });
    return true;
  } catch (e) {
    if (e instanceof BudgetWaitTooLong) return false;
    throw e;
  }
}

/**
 * At 3 calls a minute in bursts of 1, instance A's mirror sweep asks for a token every POLL_MS while
 * instance B's save is handed back to its form ("sending in 20 s"). The hand-back's mark is in the
 * shared row, so the sweep holds off and the resend a second after its wait is sent; with no resend
 * the sweep goes once the wait and HANDBACK_GRACE_MS are over. Before, the sweep took the token the
 * moment it refilled and the save was handed back again, every time.
 */
const LOW = { perMin: 3, burst: 1 };
/** The save's wait after the sweep's take: a token every 20 s, refilled from 200 ms after the full bucket's take. */
const W = 20_200;

describe("a save handed back on one instance, a sweep on another", () => {
  it("the save's resend a second after its wait is sent; the sweep does not take the token before", async () => {
    const { clock, a, b } = twoInstances("client:handback-resend", LOW);
    const t0 = clock.now();
    expect(await asks(a, "sync", clock)).toBe(true);
    expect(await refusalOfWrite(b, clock, INTERACTIVE_REFUSE_OVER_MS)).toEqual({ refused: true, waitMs: W });
    for (clock.t = t0 + POLL_MS; clock.t <= t0 + W + 1_000; clock.t += POLL_MS) {
      expect({ at: clock.t - t0, took: await asks(a, "sync", clock) }).toEqual({ at: clock.t - t0, took: false });
    }
    clock.t = t0 + W + 1_000;
    expect(await refusalOfWrite(b, clock, INTERACTIVE_REFUSE_OVER_MS)).toBeNull(); // sent
    expect(await usageRows("client:handback-resend")).toEqual([
      { budget_class: "sync", calls: 1, waits: 0 },
      { budget_class: "write", calls: 1, waits: 0 },
    ]);
  });

  it("with no resend (the countdown cancelled), the sweep goes once the wait and the grace are over", async () => {
    const { clock, a, b } = twoInstances("client:handback-lapse", LOW);
    const t0 = clock.now();
    expect(await asks(a, "sync", clock)).toBe(true);
    expect(await refusalOfWrite(b, clock, INTERACTIVE_REFUSE_OVER_MS)).toEqual({ refused: true, waitMs: W });
    let took: number | null = null;
    for (clock.t = t0 + POLL_MS; took === null && clock.t <= t0 + 60_000; clock.t += POLL_MS) {
      if (await asks(a, "sync", clock)) took = clock.t - t0;
    }
    expect(took).not.toBeNull();
    expect(took).toBeGreaterThanOrEqual(W + HANDBACK_GRACE_MS);
    expect(took).toBeLessThan(W + HANDBACK_GRACE_MS + POLL_MS);
  });
});
