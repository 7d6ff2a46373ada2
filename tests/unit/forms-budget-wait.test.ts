import { describe, expect, it } from "vitest";
import type { Outcome } from "@/components/forms/action-result";
import { sendThroughBudgetWait, type BudgetWait } from "@/components/forms/use-budget-wait";

const wait = (ms: number): Outcome<string> => ({
  ok: false,
  failure: { code: "budget_wait", message: "wait", retryAfterMs: ms },
  fieldErrors: {},
});

/** A countdown that ends at once (or is cancelled), noting each wait it was asked for. */
function countdowns(go: boolean) {
  const asked: number[] = [];
  const budgetWait: BudgetWait = {
    secondsLeft: null,
    countdown: async (ms) => {
      asked.push(ms);
      return go;
    },
    cancel: () => {},
  };
  return { asked, budgetWait };
}

/** A send that answers the given outcomes in turn, counting its calls. */
function sender(...answers: Outcome<string>[]) {
  const sent = { count: 0 };
  const send = async () => answers[Math.min(sent.count++, answers.length - 1)];
  return { sent, send };
}

describe("sendThroughBudgetWait", () => {
  it("counts each rate-limit wait down and sends the same again until CHeKT's answer comes", async () => {
    const { asked, budgetWait } = countdowns(true);
    const { sent, send } = sender(wait(4000), wait(1500), { ok: true, data: "saved" });
    expect(await sendThroughBudgetWait(send, budgetWait)).toEqual({ ok: true, data: "saved" });
    expect(sent.count).toBe(3);
    expect(asked).toEqual([4000, 1500]);
  });

  it("returns null and sends nothing more when the countdown is cancelled", async () => {
    const { asked, budgetWait } = countdowns(false);
    const { sent, send } = sender(wait(4000), { ok: true, data: "saved" });
    expect(await sendThroughBudgetWait(send, budgetWait)).toBeNull();
    expect(sent.count).toBe(1);
    expect(asked).toEqual([4000]);
  });

  it("hands any other refusal back at once, without a countdown", async () => {
    const refused: Outcome<string> = { ok: false, failure: { code: "conflict", message: "taken" }, fieldErrors: {} };
    const { asked, budgetWait } = countdowns(true);
    const { sent, send } = sender(refused);
    expect(await sendThroughBudgetWait(send, budgetWait)).toBe(refused);
    expect(sent.count).toBe(1);
    expect(asked).toEqual([]);
  });
});
