import { describe, expect, it } from "vitest";
import { ChektError } from "@/lib/chekt/errors";
import { classifyFailure } from "@/lib/jobs/errors";
import { rateLimitFloorMs } from "@/bench/bulk-floor";

const err = (init: Partial<ConstructorParameters<typeof ChektError>[0]>) =>
  new ChektError({ kind: "server", status: 500, code: "internal_error", message: "boom", ...init });

describe("how the bulk worker reads a failed CHeKT call", () => {
  it("waits out a 429, and the client's own 'wait too long' refusal, for Retry-After", () => {
    expect(classifyFailure(err({ kind: "rate_limited", status: 429, retryAfterS: 7 }))).toMatchObject({
      type: "rate",
      waitS: 7,
    });
    expect(classifyFailure(err({ kind: "rate_limited", status: null, retryAfterS: 40 }))).toMatchObject({
      type: "rate",
      waitS: 40,
    });
    expect(classifyFailure(err({ kind: "rate_limited", status: 429 }))).toMatchObject({ type: "rate", waitS: 1 });
  });

  it("treats no answer and 5xx as unknown outcomes (resend with the same key)", () => {
    for (const e of [
      err({ kind: "network", status: null }),
      err({ kind: "timeout", status: null }),
      err({ status: 500 }),
      err({ status: 503 }),
      new TypeError("fetch failed"),
    ]) {
      expect(classifyFailure(e).type).toBe("unknown");
    }
  });

  it("reconciles on an idempotency conflict and fails the chunk on other refusals", () => {
    expect(classifyFailure(err({ kind: "conflict", status: 409, code: "idempotency_conflict" })).type).toBe("conflict");
    expect(
      classifyFailure(err({ kind: "forbidden", status: 403, code: "permission_denied", message: "no reach" })),
    ).toEqual({ type: "rejected", status: 403, message: "no reach" });
    expect(classifyFailure(err({ kind: "validation", status: 400, code: "validation_failed" }))).toMatchObject({
      type: "rejected",
      status: 400,
    });
    expect(classifyFailure(err({ kind: "config", status: null, code: "config" }))).toMatchObject({
      type: "rejected",
      status: 0,
    });
  });
});

describe("rate-limit floor", () => {
  it("lets the burst through and spaces the rest by the sustained rate", () => {
    expect(rateLimitFloorMs(10, 60, 5)).toBe(5000);
    expect(rateLimitFloorMs(3, 60, 5)).toBe(0);
    expect(rateLimitFloorMs(10, 600, 30)).toBe(0);
  });
});
