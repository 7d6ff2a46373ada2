/**
 * While Postgres is unreachable each instance paces itself by a bucket of its own (lib/chekt/budget.ts).
 * CHeKT still counts one bucket for all of them: a fallback that started full let N instances send
 * N × 5 at once and draw 429s. It starts with one token and refills at the tier's rate.
 */
import { describe, expect, it } from "vitest";
import { BudgetWaitTooLong, CallBudget } from "../../lib/chekt/budget";
import { FREE_TIER } from "../../lib/chekt/budget-rules";
import type { BudgetStore } from "../../lib/chekt/budget-store";
import { FakeClock } from "../support/clock";

const down = () => Promise.reject(new Error("connection refused"));
const broken: BudgetStore = { update: down, take: down, read: down, recordUsage: down, usage: down };

/** One app instance whose shared store is down. */
const instance = (clock: FakeClock, warnings: unknown[]) =>
  new CallBudget("client:fallback", {
    store: broken,
    limits: FREE_TIER,
    clock,
    onStoreError: (e) => warnings.push(e),
  });

/** How many answers `b` sends at once, without waiting. */
async function sentAtOnce(b: CallBudget, clock: FakeClock): Promise<number> {
  for (let n = 0; ; n++) {
    try {
      await b.acquire("answer", { deadline: clock.now() });
    } catch (e) {
      if (e instanceof BudgetWaitTooLong) return n;
      throw e;
    }
  }
}

describe("the local bucket used while the shared store is down", () => {
  it("three instances together send no more than CHeKT's burst at once, then one a second each", async () => {
    const clock = new FakeClock();
    const warnings: unknown[] = [];
    const instances = [instance(clock, warnings), instance(clock, warnings), instance(clock, warnings)];
    let atOnce = 0;
    for (const b of instances) atOnce += await sentAtOnce(b, clock);
    expect(atOnce).toBeLessThanOrEqual(FREE_TIER.burst);
    expect(atOnce).toBeGreaterThan(0); // an answer still goes at once on every instance
    expect(warnings.length).toBeGreaterThanOrEqual(instances.length);
    // Paced, not stopped: the tier's refill gives each its next token.
    await clock.advance(1_000);
    for (const b of instances) expect(await sentAtOnce(b, clock)).toBe(1);
  });
});
