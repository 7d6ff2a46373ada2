// What a failed CHeKT call tells the dealer and its callers: a write that may have landed is never
// "Nothing was saved", a 429's wait is the one the shared budget holds (whichever header named it),
// every caller falls back to the same wait, and one rule says which statuses are worth sending again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ChektError,
  DEFAULT_RATE_LIMIT_WAIT_MS,
  errorFromResponse,
  isTransient,
  isTransientStatus,
  kindForStatus,
  retryWaitMs,
} from "../../lib/chekt/errors";

const NOW = 1_700_000_000_000;
const h = (o: Record<string, string> = {}) => new Headers(o);
const UNSURE = /may or may not have been saved/;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("a write that may have landed", () => {
  it("a 429 met after a 5xx (the wait runs past the deadline) does not say nothing was saved", () => {
    const e = errorFromResponse({
      status: 429,
      body: { error: { code: "rate_limited", message: "slow down" } },
      headers: h({ "retry-after": "30" }),
      method: "POST",
      mayHaveApplied: true,
    });
    const message = e.toActionFailure().message;
    expect(message).toMatch(UNSURE);
    expect(message).not.toMatch(/Nothing was saved/);
    expect(message).toMatch(/Try again in 30 s\./);
  });

  it("nor does a refusal of the credentials after a resend", () => {
    for (const kind of ["unauthorized", "forbidden"] as const) {
      const e = new ChektError({ kind, status: 401, code: kind, message: "no", method: "PUT", mayHaveApplied: true });
      expect(e.toActionFailure().message, kind).toMatch(UNSURE);
      expect(e.toActionFailure().message, kind).not.toMatch(/Nothing was saved/);
    }
  });

  it("while a write CHeKT certainly did not take still says so, and a read says nothing of saving", () => {
    const write = errorFromResponse({ status: 429, body: {}, headers: h({ "retry-after": "3" }), method: "PATCH" });
    expect(write.toActionFailure().message).toBe(
      "CHeKT is busy (rate limit); gave up. Nothing was saved. Try again in 3 s.",
    );
    const read = errorFromResponse({ status: 429, body: {}, headers: h({ "retry-after": "3" }), method: "GET" });
    expect(read.toActionFailure().message).toBe("CHeKT is busy (rate limit); gave up. Try again in 3 s.");
  });
});

describe("a 429's wait", () => {
  it("is one token's refill when Retry-After is missing, never until X-RateLimit-Reset (a full bucket)", () => {
    const headers = h({ "x-ratelimit-limit": "12", "x-ratelimit-reset": String(NOW / 1000 + 40) });
    const e = errorFromResponse({ status: 429, body: {}, headers, method: "GET" });
    expect(e.retryAfterS).toBe(5);
    expect(e.toActionFailure().message).toMatch(/Try again in 5 s\./);
    expect(retryWaitMs(e)).toBe(5_000);
  });

  it("is the shared default when CHeKT names none, in whole seconds", () => {
    const e = errorFromResponse({ status: 429, body: {}, headers: h(), method: "GET" });
    expect(e.retryAfterS).toBe(DEFAULT_RATE_LIMIT_WAIT_MS / 1000);
    const fractional = errorFromResponse({ status: 429, body: {}, headers: h({ "retry-after": "1.4" }) });
    expect(fractional.retryAfterS).toBe(2);
  });

  it("other statuses carry their Retry-After only when they send one", () => {
    expect(errorFromResponse({ status: 503, body: {}, headers: h({ "retry-after": "7" }) }).retryAfterS).toBe(7);
    expect(errorFromResponse({ status: 503, body: {}, headers: h() }).retryAfterS).toBeUndefined();
  });

  it("a caller with nothing named waits the shared default", () => {
    expect(retryWaitMs(new ChektError({ kind: "rate_limited", code: "rate_limited", message: "x" }))).toBe(
      DEFAULT_RATE_LIMIT_WAIT_MS,
    );
    expect(retryWaitMs(new TypeError("fetch failed"))).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(retryWaitMs({ retryAfterS: 7 })).toBe(7_000);
  });
});

describe("which statuses are transient", () => {
  it("429, 408 and 5xx, and the kind each maps to agrees", () => {
    for (let status = 400; status < 600; status++) {
      const transient = status === 408 || status === 429 || status >= 500;
      expect(isTransientStatus(status), String(status)).toBe(transient);
      expect(isTransient(errorFromResponse({ status, body: {}, headers: h(), method: "POST" })), String(status)).toBe(
        transient,
      );
    }
  });

  it("a 408 is a timeout CHeKT never read whole: nothing was saved", () => {
    expect(kindForStatus(408)).toBe("timeout");
    const e = errorFromResponse({ status: 408, body: {}, headers: h(), method: "POST" });
    expect(e.mayHaveApplied).toBe(false);
    expect(e.toActionFailure().message).toBe("CHeKT did not answer in time. Nothing was saved. Try again shortly.");
  });
});
