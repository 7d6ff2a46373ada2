// A rate-limited failure that names no wait is waited out for the same time by every caller: the
// shared DEFAULT_RATE_LIMIT_WAIT_MS (lib/chekt/errors.ts), which the budget holds too.
import { describe, expect, it } from "vitest";
import { ChektError, DEFAULT_RATE_LIMIT_WAIT_MS } from "@/lib/chekt/errors";
import { classifyFailure } from "@/lib/jobs/errors";
import { MIN_RETRY_MS, retryDelayMs } from "@/lib/verifications/answer-rules";

const unnamed = new ChektError({ kind: "rate_limited", status: 429, code: "rate_limited", message: "slow" });
const named = new ChektError({ kind: "rate_limited", status: 429, code: "rate_limited", message: "x", retryAfterS: 4 });

describe("the wait after a 429 that names none", () => {
  it("the bulk worker waits the shared default", () => {
    expect(classifyFailure(unnamed)).toMatchObject({ type: "rate", waitS: DEFAULT_RATE_LIMIT_WAIT_MS / 1000 });
    expect(classifyFailure(named)).toMatchObject({ type: "rate", waitS: 4 });
  });

  it("the answer's resend waits the shared default (never under its floor)", () => {
    expect(retryDelayMs(60_000, unnamed)).toBe(Math.max(MIN_RETRY_MS, DEFAULT_RATE_LIMIT_WAIT_MS));
    expect(retryDelayMs(60_000, named)).toBe(4_000);
  });
});

describe("the bulk worker's transient statuses are the client's", () => {
  it("a 408, a 5xx and no answer are unknown outcomes resent with the same key; a 4xx is a refusal", () => {
    const at = (status: number | null) =>
      classifyFailure(new ChektError({ kind: "server", status, code: "x", message: "x" })).type;
    expect([408, 500, 502, 503, null].map(at)).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown"]);
    expect([400, 401, 403, 404, 422].map(at)).toEqual(["rejected", "rejected", "rejected", "rejected", "rejected"]);
  });
});
