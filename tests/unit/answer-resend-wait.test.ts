import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnswerPhase } from "@/components/verifications/answer/answer-phase";

// No DOM renderer here: the hook's React calls run as plain functions (its callbacks and refs as they are).
vi.mock("react", () => ({
  useCallback: <T>(fn: T) => fn,
  useEffect: () => undefined,
  useRef: <T>(current: T) => ({ current }),
}));

const { useResendWait } = await import("@/components/verifications/answer/use-resend-wait");

describe("useResendWait: the answer's resend countdown", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a 1.4 s wait counts 2 s and resends only after the wait, never early", () => {
    const phases: AnswerPhase[] = [];
    const next = vi.fn();
    const { waitThen } = useResendWait((p) => phases.push(typeof p === "function" ? p({ kind: "idle" }) : p));
    waitThen("dispatch", "CHeKT is busy", 1_400, next);
    expect(phases[0]).toMatchObject({ kind: "waiting", inS: 2 });
    vi.advanceTimersByTime(1_400);
    expect(next).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(next).toHaveBeenCalledOnce();
  });
});
