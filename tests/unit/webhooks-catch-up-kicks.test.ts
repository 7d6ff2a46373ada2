// catchUpKicks (lib/webhooks/catch-up-kicks.ts): a resuming page's catch-up is its own dealer's only,
// at most once per dealer per gap, and requests close together share one run.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { catchUpKicks } from "@/lib/webhooks/catch-up-kicks";

const GAP = 30_000;
const DELAY = 500;

function kicks() {
  const runs: string[][] = [];
  const k = catchUpKicks((ids) => runs.push([...ids].sort()), { gapMs: GAP, delayMs: DELAY });
  /** Pages of `dealers` resume close together, and the delay that gathers them passes. */
  const resume = (...dealers: string[]) => {
    for (const d of dealers) k.kick(d);
    vi.advanceTimersByTime(DELAY);
  };
  return { k, runs, resume };
}

describe("catchUpKicks", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("runs the catch-up of the dealers asked for only, once for requests close together", () => {
    const { k, runs } = kicks();
    k.kick("a");
    k.kick("b");
    k.kick("a");
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(DELAY);
    expect(runs).toEqual([["a", "b"]]);
  });

  it("asks for a dealer at most once per gap, however often its pages resume", () => {
    const { runs, resume } = kicks();
    for (let i = 0; i < (GAP - DELAY) / DELAY; i++) resume("a");
    expect(runs).toEqual([["a"]]);
    vi.advanceTimersByTime(GAP);
    resume("a");
    expect(runs).toEqual([["a"], ["a"]]);
  });

  it("one dealer's gap does not hold back another's catch-up", () => {
    const { runs, resume } = kicks();
    resume("a");
    resume("a", "b");
    expect(runs).toEqual([["a"], ["b"]]);
  });

  it("runs nothing once stopped", () => {
    const { k, runs } = kicks();
    k.kick("a");
    k.stop();
    vi.advanceTimersByTime(GAP);
    expect(runs).toEqual([]);
  });
});
