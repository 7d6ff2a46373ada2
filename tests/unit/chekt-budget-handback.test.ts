/**
 * A save handed back to its form ("sending in 20 s") gets the token it was told to come back for: a
 * background sweep polling the bucket holds off until the resend is back (the hand-back's mark, for
 * the wait plus HANDBACK_GRACE_MS), instead of taking every token the moment it refills and handing
 * the form back again and again. At the e2e's limit, 3 calls a minute in bursts of 1. Clock injected.
 */
import { describe, expect, it } from "vitest";
import { BudgetWaitTooLong, CallBudget, POLL_MS } from "../../lib/chekt/budget";
import {
  decideTake,
  estimateWait,
  HANDBACK_GRACE_MS,
  initialState,
  markWaiting,
  type BucketState,
} from "../../lib/chekt/budget-rules";
import { BudgetWaitError, runInteractive } from "../../lib/chekt/budget-wait";
import { caughtChektError, scriptedChektClient } from "../support/chekt";
import { FakeClock, SkipClock } from "../support/clock";

const LOW = { perMin: 3, burst: 1 };
const T0 = 1_000_000;

/** The sweep took the one token at T0; the save asks then and is handed back with its wait W. */
function handedBack(): { s: BucketState; w: number } {
  const s = initialState(LOW, true, T0);
  expect(decideTake(s, "sync", T0).ok).toBe(true);
  const w = estimateWait(s, "write", T0);
  markWaiting(s, "write", T0 + w + HANDBACK_GRACE_MS); // what CallBudget.handBack stores
  return { s, w };
}

/** The first time in [from, to] the sweep, asking every POLL_MS, gets a token (null: never). */
function sweepTakes(s: BucketState, from: number, to: number): number | null {
  for (let t = from; t <= to; t += POLL_MS) if (decideTake(s, "sync", t).ok) return t;
  return null;
}

describe("budget rules: a hand-back holds lower classes off until the resend", () => {
  it("the save's resend 1 s after its wait gets the token; the sweep does not get it before", () => {
    const { s, w } = handedBack();
    expect(w).toBe(20_200); // a token every 20 s, refill from 200 ms after the full bucket's take
    expect(sweepTakes(s, T0 + POLL_MS, T0 + w + 1_000)).toBeNull();
    expect(decideTake(s, "write", T0 + w + 1_000)).toMatchObject({ ok: true });
  });

  it("with no resend (the countdown cancelled), the sweep gets it once the wait and the grace are over", () => {
    const { s, w } = handedBack();
    const at = sweepTakes(s, T0 + POLL_MS, T0 + 60_000);
    expect(at).not.toBeNull();
    expect(at).toBeGreaterThanOrEqual(T0 + w + HANDBACK_GRACE_MS);
    expect(at).toBeLessThan(T0 + w + HANDBACK_GRACE_MS + POLL_MS);
  });

  it("a lower class held off is told the wait up to the mark, and a poll changes no mark", () => {
    const { s, w } = handedBack();
    const d = decideTake(s, "sync", T0 + 5_000);
    expect(d).toMatchObject({ ok: false, why: "higher_waiting", waitMs: w + HANDBACK_GRACE_MS - 5_000 });
    const marks = [...s.waitingUntilMs];
    decideTake(s, "sync", T0 + 5_000 + POLL_MS);
    expect(s.waitingUntilMs).toEqual(marks);
  });
});

describe("CallBudget: the handed-back save against a sweep waiting in acquire", () => {
  /** A budget at the low limit whose sweep took the token; the save handed back; a sweep waiting for the next. */
  async function scene() {
    const clock = new FakeClock();
    const budget = new CallBudget("client:handback", { limits: LOW, clock });
    await budget.acquire("sync", { deadline: clock.now() });
    const refused = await budget.acquire("write", { deadline: clock.now(), refuseOverMs: 1_500 }).catch((e) => e);
    expect(refused).toBeInstanceOf(BudgetWaitTooLong);
    const w = refused instanceof BudgetWaitTooLong ? refused.waitMs : 0;
    const sweep = { done: false };
    const sweeping = budget.acquire("sync", { deadline: clock.now() + 120_000 }).then(() => (sweep.done = true));
    return { clock, budget, w, sweep, sweeping };
  }

  it("the resend at W + 1 s is sent; the sweep waits for the token after it", async () => {
    const { clock, budget, w, sweep, sweeping } = await scene();
    await clock.advance(w + 1_000, 50);
    expect(sweep.done).toBe(false);
    const resend = await budget.acquire("write", { deadline: clock.now(), refuseOverMs: 1_500 });
    expect(resend.cls).toBe("write");
    await clock.advance(20_000 + POLL_MS, 50);
    await sweeping;
    expect(sweep.done).toBe(true);
  });

  it("a cancelled countdown: the sweep goes once the wait and the grace are over", async () => {
    const { clock, w, sweep, sweeping } = await scene();
    await clock.advance(w + HANDBACK_GRACE_MS - 100, 50);
    expect(sweep.done).toBe(false);
    await clock.advance(100 + POLL_MS, 50);
    await sweeping;
    expect(sweep.done).toBe(true);
  });
});

describe("CHeKT's own 429 handed back to the form", () => {
  it("holds the sweep off after the block too, so the save's resend gets the first token", async () => {
    const clock = new SkipClock();
    const budget = new CallBudget("client:429-hand-back", { limits: LOW, clock });
    const { client } = scriptedChektClient(
      () => Response.json({ error: { code: "rate_limited" } }, { status: 429, headers: { "retry-after": "20" } }),
      { budget, clock },
    );
    const site = { params: { path: { dealerId: 1, siteId: 2 } }, body: {} };
    const save = () =>
      client.request("PUT", "/partner/v1/dealers/{dealerId}/sites/{siteId}", site, { budgetClass: "write" });
    expect(await caughtChektError(runInteractive(save))).toBeInstanceOf(BudgetWaitError);
    const s = await budget.store.read("client:429-hand-back");
    if (!s) throw new Error("the 429 wrote no budget row");
    const blockEnd = s.blockedUntilMs;
    expect(sweepTakes(s, blockEnd, blockEnd + 1_000)).toBeNull();
    expect(decideTake(s, "write", blockEnd + 1_000)).toMatchObject({ ok: true });
  });
});
