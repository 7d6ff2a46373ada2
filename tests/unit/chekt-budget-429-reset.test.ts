/**
 * A 429 holds the credential for its Retry-After, not until X-RateLimit-Reset. CHeKT's limit is a token
 * bucket (the simulator's rate-limit.ts is the model): Reset is when the bucket is full again, Retry-After
 * when one token is back. An alarm answer (4 s deadline, lib/verifications/answer-rules.ts) sent just
 * after a 429 must go once that one token is back, not fail at once into "retrying". Scripted answers
 * and a clock that skips its sleeps: what is asserted is what the code chose to wait.
 */
import { describe, expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { FREE_TIER } from "../../lib/chekt/budget-rules";
import { rateLimitWaitMs } from "../../lib/chekt/errors";
import { ATTEMPT_DEADLINE_MS } from "../../lib/verifications/answer-rules";
import { caughtChektError, scriptedChektClient } from "../support/chekt";
import { SkipClock } from "../support/clock";

const DEALER = "/partner/v1/dealers/{dealerId}" as const;
const ANSWER = "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}" as const;

/** A client on the free tier whose first request meets CHeKT's 429 with the headers CHeKT sends with it. */
function world(refusal: (now: number) => Record<string, string>) {
  const clock = new SkipClock();
  const budget = new CallBudget("client:reset-test", { limits: FREE_TIER, clock });
  const { client, sent } = scriptedChektClient(
    (_req, requests) =>
      requests.length === 1
        ? Response.json(
            { error: { code: "rate_limited", message: "slow down" } },
            { status: 429, headers: refusal(clock.now()) },
          )
        : Response.json({ id: 1, verification_id: "v-1", contact_id: 4, action: "dispatch", responded_at: "x" }),
    { budget, clock },
  );
  const read = () =>
    client.request("GET", DEALER, { params: { path: { dealerId: 1 } } }, { budgetClass: "read", deadlineMs: 500 });
  const answer = () =>
    client.request(
      "PATCH",
      ANSWER,
      {
        params: { path: { dealerId: 1, siteId: 2, verificationId: "v-1" } },
        body: { verification_id: "v-1", action: "dispatch", contact_id: 4, responded_at: new Date(0).toISOString() },
      },
      { budgetClass: "answer", deadlineMs: ATTEMPT_DEADLINE_MS, idempotencyKey: "k-1" },
    );
  return { clock, budget, sent, read, answer };
}

describe("a 429 with Retry-After 1 s and a Reset 4.8 s ahead", () => {
  const refusal = (now: number) => ({
    "retry-after": "1",
    "x-ratelimit-limit": "60",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": String(Math.ceil((now + 4_800) / 1000)),
  });

  it("holds every class for about a second, and an alarm answer sent right after it goes through", async () => {
    const w = world(refusal);
    // The read cannot wait out the second within its own short deadline: it fails with the 429.
    expect((await caughtChektError(w.read())).kind).toBe("rate_limited");
    // The one token Retry-After names, not the full bucket Reset names.
    expect(await w.budget.estimate("answer")).toBeLessThanOrEqual(1_000);
    const slept = w.clock.slept;
    const { data } = await w.answer();
    expect(data).toMatchObject({ verification_id: "v-1", action: "dispatch" });
    expect(w.sent).toEqual([
      "GET /partner/v1/dealers/1",
      "PATCH /partner/v1/dealers/1/sites/2/alarm-verifications/v-1",
    ]);
    // What the answer waited, by the clock: about the second, not the five.
    expect(w.clock.slept - slept).toBeLessThanOrEqual(1_050);
  });

  it("without Retry-After the wait is one token's refill (X-RateLimit-Limit), not the Reset", async () => {
    const now = Date.parse("2026-12-01T12:00:00.000Z");
    const { "retry-after": _, ...noRetryAfter } = refusal(now);
    const headers = new Headers(noRetryAfter);
    expect(rateLimitWaitMs(headers, now)).toBe(1_000);
    headers.set("x-ratelimit-limit", "600");
    expect(rateLimitWaitMs(headers, now)).toBe(100);
    const w = world((t) => {
      const { "retry-after": _, ...rest } = refusal(t);
      return rest;
    });
    await caughtChektError(w.read());
    const { data } = await w.answer();
    expect(data).toMatchObject({ action: "dispatch" });
  });
});
