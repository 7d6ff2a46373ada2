import { describe, expect, it } from "vitest";
import { CallBudget, BudgetWaitTooLong, credentialKey } from "../../lib/chekt/budget";
import {
  correct,
  decideTake,
  initialState,
  readRateHeaders,
  FREE_TIER,
  RESERVE_HOLD_MS,
  type BucketState,
} from "../../lib/chekt/budget-rules";
import { MemoryBudgetStore, type BudgetStore } from "../../lib/chekt/budget-store";
import { FakeClock, flush } from "../support/clock";

const state = (over: Partial<BucketState> = {}): BucketState => ({ ...initialState(FREE_TIER, true, 0), ...over });
const rateHeaders = (o: { limit?: number; remaining?: number; resetS?: number }) => {
  const h = new Headers();
  if (o.limit !== undefined) h.set("x-ratelimit-limit", String(o.limit));
  if (o.remaining !== undefined) h.set("x-ratelimit-remaining", String(o.remaining));
  if (o.resetS !== undefined) h.set("x-ratelimit-reset", String(o.resetS));
  return h;
};

describe("budget rules: class reserves", () => {
  // Times from T (0 means "never" in activeAtMs). An answer asked for a token at T: every lower
  // class keeps its full reserve for a while.
  const T = 1_000_000;
  const answerActive = { atMs: T, activeAtMs: [T, 0, 0, 0, 0, 0] };

  it("a higher class active: sync goes above half the bucket, bulk above a quarter, answers take the last", () => {
    const s = state(answerActive); // 5 tokens, 1 a second
    const takes = (cls: Parameters<typeof decideTake>[1]) => {
      let n = 0;
      while (decideTake(s, cls, T, false).ok) n++;
      return n;
    };
    expect(takes("sync")).toBe(2); // 5 → 3: the next would leave less than half
    expect(s.tokens).toBe(3);
    expect(takes("bulk")).toBe(1); // 3 → 2: the next would leave less than 1.25
    expect(takes("read")).toBe(1); // 2 → 1: reads keep 1 token free
    expect(takes("write")).toBe(0); // 1 < 1.25: writes keep a quarter token for answers
    expect(takes("answer")).toBe(1); // the last token
    expect(s.tokens).toBe(0);
  });

  it("nobody above active: a lower class leaves one token, not its reserve; the answer taking it restores it", () => {
    const s = state({ atMs: T });
    let bulk = 0;
    while (decideTake(s, "bulk", T).ok) bulk++;
    expect(bulk).toBe(4); // 5 → 1: one token kept for whoever comes first
    expect(decideTake(s, "answer", T)).toMatchObject({ ok: true, tokensLeft: 0 }); // goes at once
    // Refill starts at T + 200 ms (FULL_BUCKET_LAG_MS). At T + 2.2 s 2 tokens are back, enough
    // for bulk's kept token, but the answer is active: bulk needs 1 + 1.25 again.
    expect(decideTake(s, "bulk", T + 2_200)).toMatchObject({ ok: false, why: "reserve" });
    expect(decideTake(s, "bulk", T + 2_500).ok).toBe(true);
    // RESERVE_HOLD_MS after the answer's last ask, one kept token is enough again.
    const held = state({ tokens: 2, atMs: T + RESERVE_HOLD_MS - 1, activeAtMs: [T, 0, 0, 0, 0, 0] });
    expect(decideTake(held, "bulk", T + RESERVE_HOLD_MS - 1, false)).toMatchObject({ ok: false, why: "reserve" });
    const quiet = state({ tokens: 2, atMs: T + RESERVE_HOLD_MS, activeAtMs: [T, 0, 0, 0, 0, 0] });
    expect(decideTake(quiet, "bulk", T + RESERVE_HOLD_MS, false).ok).toBe(true);
  });

  it("a class's own activity and the classes below it never raise its reserve", () => {
    const s = state({ tokens: 2, atMs: T, activeAtMs: [0, 0, 0, 0, T, T] }); // bulk and sync busy
    expect(decideTake(s, "bulk", T, false).ok).toBe(true);
  });

  it("a refused class is told how long until it may go, longer for lower classes", () => {
    const s = state({ tokens: 0, ...answerActive });
    const wait = (cls: Parameters<typeof decideTake>[1]) => {
      const d = decideTake({ ...s, waitingUntilMs: [0, 0, 0, 0, 0, 0] }, cls, T, false);
      return d.ok ? 0 : d.waitMs;
    };
    expect(wait("answer")).toBe(1000);
    expect(wait("write")).toBe(1250);
    expect(wait("bulk")).toBe(2250);
    expect(wait("sync")).toBe(3500);
    // Nobody above active: one kept token, whatever the class.
    expect(decideTake(state({ tokens: 0, atMs: T }), "sync", T, false)).toMatchObject({ ok: false, waitMs: 2000 });
  });

  it("a class whose call is waiting goes before lower classes, even when these could go", () => {
    const s = state({ tokens: 1, atMs: 10_000 });
    expect(decideTake(s, "write", 10_000).ok).toBe(false); // needs 1.25: marks 'write' waiting
    const later = 10_500; // 1.5 tokens now: enough for a snapshot, but the write waits
    const snap = decideTake(s, "snapshot", later);
    expect(snap).toMatchObject({ ok: false, why: "higher_waiting" });
    expect(decideTake(s, "write", later).ok).toBe(true);
  });
});

describe("budget rules: corrections from CHeKT's headers", () => {
  /**
   * `correct` with an answer that shows CHeKT's Limit and Remaining, for the call taken `takenSeq`th, sent at
   * `sentAtMs` and answered at `now` (the first call, sent and answered at 0, unless said).
   */
  type Call = Parameters<typeof correct>[2];
  const answer = (s: BucketState, shown: { limit: number; remaining: number }, call: Partial<Call> = {}) => {
    const ctx = { now: 0, sentAtMs: 0, takenSeq: 1, ...call };
    return correct(s, readRateHeaders(rateHeaders(shown), ctx.now), ctx);
  };

  it("X-RateLimit-Limit sets the refill rate (a tier change), and the burst follows no higher than CHeKT shows", () => {
    const s = state();
    answer(s, { limit: 600, remaining: 4 }, { takenSeq: 0 });
    expect(s.perMin).toBe(600);
    expect(s.burst).toBe(5);
    const down = state({ perMin: 600, burst: 30, tokens: 30 });
    answer(down, { limit: 12, remaining: 0 }, { takenSeq: 0 });
    expect(down).toMatchObject({ perMin: 12, burst: 1, tokens: 0 });
  });

  it("a Remaining clearly below ours wins; at 0 the next token comes by refill, not at Reset (a full bucket)", () => {
    const s = state({ tokens: 4, taken: 1 });
    s.atMs = 1_800_000_000_000;
    const now = s.atMs;
    const h = readRateHeaders(rateHeaders({ limit: 60, remaining: 0, resetS: 1_800_000_005 }), now);
    expect(correct(s, h, { now, sentAtMs: now - 5, takenSeq: 1 })).toBe(true);
    expect(s.tokens).toBe(0);
    expect(s.blockedUntilMs).toBe(0);
    expect(decideTake(s, "answer", now + 999, false)).toMatchObject({ ok: false, why: "reserve" });
    expect(decideTake(s, "answer", now + 1_000, false).ok).toBe(true);
  });

  it("CHeKT's Remaining is read net of the calls taken after this one (on any instance)", () => {
    // This call was the 3rd taken; 2 more went out after it. CHeKT said 4 left when it arrived:
    // those 2 were not counted yet, so 2 are really left — exactly what we have. No change.
    const s = state({ tokens: 2, taken: 5 });
    expect(answer(s, { limit: 60, remaining: 4 }, { takenSeq: 3 })).toBe(false);
    expect(s.tokens).toBe(2);
  });

  it("an answer agreeing with our count changes nothing, however long after (no write to the shared row)", () => {
    // 2 tokens at t=0, the call taken as the last one; half a second later CHeKT says 2 left
    // (it floors its count): the refill alone is not a change, so the caller skips its UPDATE.
    const s = state({ tokens: 2, taken: 1 });
    expect(answer(s, { limit: 60, remaining: 2 }, { now: 500, sentAtMs: 450 })).toBe(false);
    // …while a Remaining clearly below it still is one.
    const t = state({ tokens: 4, taken: 1 });
    expect(answer(t, { limit: 60, remaining: 1 }, { now: 500, sentAtMs: 450 })).toBe(true);
    expect(t.tokens).toBe(1);
  });

  it("a Remaining clearly above ours gives the tokens back (CHeKT's window reset, or a bigger bucket)", () => {
    const s = state({ tokens: 0, taken: 1 });
    answer(s, { limit: 60, remaining: 4 });
    expect(s.tokens).toBe(4);
    const big = state({ tokens: 1, taken: 1 });
    answer(big, { limit: 600, remaining: 29 });
    expect(big.burst).toBe(30);
    expect(big.tokens).toBe(29);
  });

  it("agreeing models never fight: CHeKT's floored count within a token of ours changes nothing", () => {
    const s = state({ tokens: 1.6, taken: 1 });
    expect(answer(s, { limit: 60, remaining: 1 })).toBe(false);
    expect(s.tokens).toBe(1.6);
  });

  it("assumed limits are replaced by what the first answer says", () => {
    const s = initialState({ perMin: 600_000, burst: 10_000 }, false, 0);
    s.tokens -= 1;
    s.taken = 1;
    answer(s, { limit: 60, remaining: 4 });
    expect(s).toMatchObject({ perMin: 60, burst: 5, tokens: 4, learned: true });
  });
});

describe("CallBudget (clock injected, no sleeping)", () => {
  const make = (clock: FakeClock, store: BudgetStore = new MemoryBudgetStore()) =>
    new CallBudget("client:test", { store, limits: FREE_TIER, clock });

  it("an answer queued after bulk and sync calls is served first, then bulk, then sync", async () => {
    const clock = new FakeClock();
    const b = make(clock);
    for (let i = 0; i < 5; i++) await b.acquire("answer", { deadline: Infinity }); // empty the bucket
    const order: string[] = [];
    const go = (cls: "answer" | "bulk" | "sync") => b.acquire(cls, { deadline: Infinity }).then(() => order.push(cls));
    const all = [go("sync"), go("bulk"), go("sync"), go("bulk")];
    await flush();
    all.push(go("answer"));
    await clock.advance(12_000);
    await Promise.all(all);
    expect(order).toEqual(["answer", "bulk", "bulk", "sync", "sync"]);
  });

  it("two budgets on one store (two instances) defer to each other's waiting higher class", async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    const a = make(clock, store);
    const b = make(clock, store);
    for (let i = 0; i < 5; i++) await a.acquire("answer", { deadline: Infinity });
    const order: string[] = [];
    const bulk = b.acquire("bulk", { deadline: Infinity }).then(() => order.push("bulk on B"));
    await clock.advance(100);
    const answer = a.acquire("answer", { deadline: Infinity }).then(() => order.push("answer on A"));
    await clock.advance(5_000);
    await Promise.all([bulk, answer]);
    expect(order).toEqual(["answer on A", "bulk on B"]);
  });

  it("a 429 blocks every class until Retry-After; a wait past the deadline fails at once", async () => {
    const clock = new FakeClock();
    const b = make(clock);
    await b.block(clock.now() + 3_000, "read");
    await expect(b.acquire("answer", { deadline: clock.now() + 1_000 })).rejects.toBeInstanceOf(BudgetWaitTooLong);
    const waiting = b.acquire("answer", { deadline: Infinity });
    let done = false;
    void waiting.then(() => (done = true));
    await clock.advance(2_900);
    expect(done).toBe(false);
    await clock.advance(200);
    expect(done).toBe(true);
    expect((await waiting).waitedMs).toBeGreaterThanOrEqual(3_000);
    const usage = await b.store.usage("client:test", 0);
    expect(usage.find((u) => u.budgetClass === "read")?.rateLimited).toBe(1);
  });

  it("refuseOverMs hands a long wait back at once and takes nothing", async () => {
    const clock = new FakeClock();
    const b = make(clock);
    for (let i = 0; i < 5; i++) await b.acquire("answer", { deadline: Infinity });
    const e = await b.acquire("write", { deadline: Infinity, refuseOverMs: 500 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BudgetWaitTooLong);
    // 1.25 tokens for a write, refilled from 200 ms after the bucket stopped being full.
    expect(e).toMatchObject({ refused: true, waitMs: 1450 });
    // Nothing taken: after that a write goes at once.
    await clock.advance(1_450);
    expect((await b.acquire("write", { deadline: clock.now() })).waitedMs).toBe(0);
  });

  it("a cancelled waiting call leaves the queue and the next one is served", async () => {
    const clock = new FakeClock();
    const b = make(clock);
    for (let i = 0; i < 5; i++) await b.acquire("answer", { deadline: Infinity });
    const ctl = new AbortController();
    const first = b.acquire("read", { deadline: Infinity, signal: ctl.signal });
    const second = b.acquire("read", { deadline: Infinity });
    await clock.advance(100);
    ctl.abort(new Error("cancelled by the user"));
    await expect(first).rejects.toThrow("cancelled by the user");
    await clock.advance(2_500);
    await expect(second).resolves.toMatchObject({ cls: "read" });
  });

  it("the answer's headers correct the shared bucket", async () => {
    const clock = new FakeClock();
    const b = make(clock);
    const t = await b.acquire("read", { deadline: Infinity });
    await b.settle(t, rateHeaders({ limit: 60, remaining: 0, resetS: Math.ceil((clock.now() + 5_000) / 1000) }));
    // Nothing left: the next token is one refill away (Reset is when all five are back).
    expect(await b.estimate("answer")).toBe(1_000);
  });

  it("when the shared store fails, calls are paced by a local bucket with the same rules", async () => {
    const clock = new FakeClock();
    const broken: BudgetStore = {
      update: () => Promise.reject(new Error("connection refused")),
      take: () => Promise.reject(new Error("connection refused")),
      read: () => Promise.reject(new Error("connection refused")),
      recordUsage: () => Promise.reject(new Error("connection refused")),
      usage: () => Promise.reject(new Error("connection refused")),
    };
    const errors: unknown[] = [];
    const b = new CallBudget("client:test", {
      store: broken,
      limits: FREE_TIER,
      clock,
      onStoreError: (e) => errors.push(e),
    });
    // It starts with one token, not a full bucket (every instance has one: tests/unit/chekt-budget-fallback.test.ts).
    await b.acquire("answer", { deadline: clock.now() });
    await expect(b.acquire("answer", { deadline: clock.now() + 500 })).rejects.toBeInstanceOf(BudgetWaitTooLong);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it("stores an API key's budget under a hash, never the key", () => {
    const key = credentialKey({ type: "api_key", apiKey: "chekt_test_abcdefghijklmnopqrstuvwxyz" });
    expect(key).toMatch(/^key:[0-9a-f]{24}$/);
    expect(key).not.toContain("abcdef");
    expect(credentialKey({ type: "client_secret", clientId: "demo-partner" })).toBe("client:demo-partner");
  });
});

describe("interactive actions: which calls may be refused instead of held", () => {
  it("only the first call of an action, judged as a write, never an answer; none outside an action", async () => {
    const { runInteractive, refusalFor, noteSent } = await import("../../lib/chekt/budget-wait");
    expect(refusalFor("write")).toBeUndefined();
    await runInteractive(async () => {
      expect(refusalFor("read")).toEqual({ overMs: 1_500, judgeAs: "write" });
      expect(refusalFor("write")).toEqual({ overMs: 1_500, judgeAs: "write" });
      expect(refusalFor("answer")).toBeUndefined();
      noteSent();
      // Something went out: the rest of the action waits rather than stopping half-way.
      expect(refusalFor("write")).toBeUndefined();
    });
  });

  it("a refused write reaches the form as budget_wait with the wait, saying nothing was sent", async () => {
    const { BudgetWaitError } = await import("../../lib/chekt/budget-wait");
    const f = new BudgetWaitError({ retryAfterMs: 3_400, traceId: "t-1" }).toActionFailure();
    expect(f).toEqual({
      code: "budget_wait",
      retryAfterMs: 3_400,
      traceId: "t-1",
      message: "Waiting for CHeKT's rate limit — sending in 4 s. Nothing has been sent yet.",
    });
  });
});
