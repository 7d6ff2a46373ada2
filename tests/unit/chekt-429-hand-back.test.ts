/**
 * Which of an interactive action's calls CHeKT's own 429 hands back to the form (budget_wait: the page counts
 * down and sends the action again) and which keep the old way (wait when it fits, else a rate_limited error).
 * Sending the action again must not repeat a change: only an action that sent nothing but reads, or whose one
 * write request is the one refused, is handed back; an alarm answer never is. Scripted CHeKT, skipped sleeps.
 */
import { describe, expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { BudgetWaitError, runInteractive } from "../../lib/chekt/budget-wait";
import { FREE_TIER } from "../../lib/chekt/budget-rules";
import { caughtChektError, scriptedChektClient } from "../support/chekt";
import { SkipClock } from "../support/clock";

const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}" as const;
const SLOW_DOWN = { status: 429, headers: { "retry-after": "20" } };

/** A client whose CHeKT answers 429 (Retry-After 20 s) to the requests `refused` picks, 200 to the others. */
function world(refused: (n: number) => boolean) {
  const clock = new SkipClock();
  const budget = new CallBudget("client:hand-back", { limits: FREE_TIER, clock });
  const { client, sent } = scriptedChektClient(
    (_req, requests) =>
      refused(requests.length)
        ? Response.json({ error: { code: "rate_limited", message: "slow down" } }, SLOW_DOWN)
        : Response.json({ id: 1 }),
    { budget, clock },
  );
  const path = { params: { path: { dealerId: 1, siteId: 2 } } };
  const read = () => client.request("GET", SITE, path, { budgetClass: "read", deadlineMs: 8_000 });
  const write = () => client.request("PUT", SITE, { ...path, body: {} }, { budgetClass: "write", deadlineMs: 8_000 });
  const answer = () => client.request("PUT", SITE, { ...path, body: {} }, { budgetClass: "answer" });
  return { read, write, answer, sent };
}

describe("CHeKT's 429 with Retry-After 20 s inside an interactive action", () => {
  it("hands back an action of reads, or whose one write was refused; never a later write or an answer", async () => {
    const reads = world((n) => n === 2);
    const e1 = await caughtChektError(runInteractive(async () => (await reads.read(), await reads.read())));
    expect(e1).toBeInstanceOf(BudgetWaitError);
    expect(e1.toActionFailure()).toMatchObject({ code: "budget_wait", retryAfterMs: 20_000 });

    const first = world((n) => n === 1);
    const e2 = await caughtChektError(runInteractive(() => first.write()));
    expect(e2.toActionFailure()).toMatchObject({ code: "budget_wait", retryAfterMs: 20_000 });
    expect(first.sent).toEqual(["PUT /partner/v1/dealers/1/sites/2"]);

    // Sent again whole, these would repeat a change or hold back an alarm: they keep waiting, or fail.
    const twice = world((n) => n === 2);
    const e3 = await caughtChektError(runInteractive(async () => (await twice.write(), await twice.write())));
    expect(e3).not.toBeInstanceOf(BudgetWaitError);
    expect(e3).toMatchObject({ kind: "rate_limited", code: "rate_limited" });

    // An alarm answer waits out the 20 s within its deadline and goes again, never handed back.
    const answer = world((n) => n === 1);
    await expect(runInteractive(() => answer.answer())).resolves.toMatchObject({ data: { id: 1 } });
    expect(answer.sent).toHaveLength(2);

    const background = world((n) => n === 1);
    const e4 = await caughtChektError(background.read());
    expect(e4).not.toBeInstanceOf(BudgetWaitError);
    expect(e4.kind).toBe("rate_limited");
  });
});
