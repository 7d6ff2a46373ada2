/**
 * The hourly token refresh is fetched for every call waiting on it, not under the rule of the action
 * that happened to start it. Every audited action runs inside runInteractive (lib/actions/client.ts),
 * the verification answer included; there a write that would wait past 1.5 s is handed back to the form
 * (lib/chekt/budget-wait.ts). The token request must not be: an answer waiting on it would fail with
 * "Getting a CHeKT access token failed: Waiting…". And an answer waits for the token no longer than its
 * own 4 s deadline. Scripted answers and a clock that skips its sleeps.
 */
import { describe, expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { FREE_TIER } from "../../lib/chekt/budget-rules";
import { runInteractive } from "../../lib/chekt/budget-wait";
import { ATTEMPT_DEADLINE_MS } from "../../lib/verifications/answer-rules";
import { caughtChektError, scriptedChektClient } from "../support/chekt";
import { SkipClock } from "../support/clock";

const DEALER = "/partner/v1/dealers/{dealerId}" as const;
const ANSWER = "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}" as const;
const HOUR = 3_600_000;

/** A partner client whose token lives an hour, on the free tier, with its first token already fetched. */
async function world() {
  const clock = new SkipClock();
  const budget = new CallBudget("client:token-test", { limits: FREE_TIER, clock });
  const { client, sent } = scriptedChektClient(
    (req, requests) =>
      Response.json(
        new URL(req.url).pathname === "/oauth/token"
          ? {
              access_token: `token-${requests.length}`,
              token_type: "Bearer",
              expires_in: HOUR / 1000,
              scope: "partner",
            }
          : { id: 1, verification_id: "v-1", contact_id: 4, action: "dispatch", responded_at: "x" },
      ),
    { auth: { type: "client_secret", clientId: "partner", clientSecret: "secret" }, budget, clock },
  );
  const answer = (deadlineMs = ATTEMPT_DEADLINE_MS, idempotencyKey = "k-1") =>
    client.request(
      "PATCH",
      ANSWER,
      {
        params: { path: { dealerId: 1, siteId: 2, verificationId: "v-1" } },
        body: { verification_id: "v-1", action: "dispatch", contact_id: 4, responded_at: new Date(0).toISOString() },
      },
      { budgetClass: "answer", deadlineMs, idempotencyKey },
    );
  await answer();
  expect(sent).toEqual(["POST /oauth/token", "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1"]);
  sent.length = 0;
  // An hour on: the token is due for its refresh.
  clock.skip(HOUR);
  return { clock, budget, sent, answer, client };
}

describe("the token refresh an answer waits on", () => {
  it("inside an action, with the budget held 3 s by a 429, is not handed back: the answer goes", async () => {
    const w = await world();
    await w.budget.block(w.clock.now() + 3_000, "read");
    const { data } = await runInteractive(() => w.answer());
    expect(data).toMatchObject({ verification_id: "v-1", action: "dispatch" });
    expect(w.sent).toEqual(["POST /oauth/token", "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1"]);
  });

  it("held longer than the answer's deadline: fails at once with the wait, sending nothing", async () => {
    const w = await world();
    await w.budget.block(w.clock.now() + 10_000, "read");
    const e = await caughtChektError(runInteractive(() => w.answer()));
    expect(e.code).not.toBe("budget_wait");
    expect(e.toActionFailure().message).toBe(
      "CHeKT is busy (rate limit); gave up. Nothing was saved. Try again in 10 s.",
    );
    expect(w.sent).toEqual([]);
    // Once the block is over, the next answer fetches its token and goes.
    w.clock.skip(10_000);
    expect((await w.answer()).data).toMatchObject({ action: "dispatch" });
    expect(w.sent).toEqual(["POST /oauth/token", "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1"]);
  });

  it("an answer joining a token request begun with more time stops at its deadline, sends nothing", async () => {
    const w = await world();
    await w.budget.block(w.clock.now() + 10_000, "read");
    // An answer with 30 s to go asks for the token first; the desk's answer (4 s) waits on the same request.
    const patient = w.answer(30_000, "k-2");
    const e = await caughtChektError(w.answer());
    expect(e.toActionFailure().message).toBe("CHeKT did not answer in time. Nothing was saved. Try again shortly.");
    expect(e.message).toMatch(/^Getting a CHeKT access token failed/);
    await patient;
    const sentAnswer = "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1";
    expect(w.sent).toEqual(["POST /oauth/token", sentAnswer]);
  });

  it("a sweep's token request in flight: an answer sends its own at the answer class, and goes first", async () => {
    const w = await world();
    // The bucket drained by answers: a sync call waits for 3.5 tokens, an answer for one.
    for (let i = 0; i < FREE_TIER.burst; i++) await w.budget.acquire("answer", { deadline: w.clock.now() });
    const sweep = w.client.request("GET", DEALER, { params: { path: { dealerId: 1 } } }, { budgetClass: "sync" });
    await w.clock.nextSleep(); // the sweep's token request waits for the budget
    const { data } = await w.answer();
    expect(data).toMatchObject({ action: "dispatch" });
    await sweep;
    expect(w.sent).toEqual([
      "POST /oauth/token",
      "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1",
      "POST /oauth/token",
      "GET /partner/v1/dealers/1",
    ]);
  });
});
