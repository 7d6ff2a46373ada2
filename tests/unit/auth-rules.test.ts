import { describe, expect, it } from "vitest";
import { isPublicPath } from "@/lib/auth/config";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { POLICY, step, throttleMessage, type Limit } from "@/lib/auth/throttle";

const now = new Date("2026-11-24T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const fresh = { count: 0, lastAt: new Date(0), retryAt: new Date(0) };

/** Runs `n` attempts through the rule at the same instant; returns how many were allowed and the final state. */
function burst(n: number, limit: Limit, start = fresh, when = now) {
  let state = start;
  let allowed = 0;
  for (let i = 0; i < n; i++) {
    const r = step(state, when, limit);
    if (r.allowed) allowed++;
    state = r.next;
  }
  return { allowed, state };
}

describe("throttle rule (step)", () => {
  it("lets `free` attempts through at once, then asks for 1 s", () => {
    const { allowed, state } = burst(12, POLICY.pair);
    expect(allowed).toBe(5);
    expect(state.retryAt).toEqual(at(1_000));
  });

  it("doubles the wait with each further attempt, up to the cap", () => {
    let state = burst(5, POLICY.pair).state;
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = step(state, state.retryAt, POLICY.pair);
      expect(r.allowed).toBe(true);
      waits.push(r.next.retryAt.getTime() - state.retryAt.getTime());
      state = r.next;
    }
    expect(waits.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(Math.max(...waits)).toBe(POLICY.pair.maxDelayMs);
  });

  it("never locks: past the wait the next attempt is always allowed", () => {
    const { state } = burst(40, POLICY.account);
    expect(step(state, state.retryAt, POLICY.account).allowed).toBe(true);
    expect(POLICY.account.maxDelayMs).toBeLessThanOrEqual(5 * 60_000);
  });

  it("starts over after a quiet window, but not while attempts keep coming at the cap", () => {
    const busy = burst(30, POLICY.pair).state;
    expect(step(busy, new Date(busy.lastAt.getTime() + POLICY.windowMs), POLICY.pair).next.count).toBe(1);
    expect(POLICY.pair.maxDelayMs).toBeLessThan(POLICY.windowMs);
  });

  it("gives an IP more room than an account", () => {
    expect(burst(29, POLICY.ip).allowed).toBe(29);
    expect(burst(29, POLICY.pair).allowed).toBe(5);
  });

  it("says when to try again, without naming the account", () => {
    expect(throttleMessage(at(1_000), now)).toBe("Too many failed attempts. Wait 1 second and try again.");
    expect(throttleMessage(at(30_000), now)).toBe("Too many failed attempts. Wait 30 seconds and try again.");
    expect(throttleMessage(at(5 * 60_000), now)).toBe(
      "Too many failed attempts. Wait about 5 minutes and try again (after 12:05 UTC).",
    );
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-origin relative paths with their query", () => {
    expect(safeCallbackPath("/sites/12?tab=devices")).toBe("/sites/12?tab=devices");
    expect(safeCallbackPath("/verifications#open")).toBe("/verifications#open");
  });
  it.each([
    ["https://evil.example/x"],
    ["//evil.example/x"],
    ["/\\evil.example"],
    ["javascript:alert(1)"],
    ["sites"],
    [""],
    ["/sign-in?callbackUrl=/x"],
    ["/api/auth/signout"],
    ["/a\nb"],
    [undefined],
    [42],
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, "/")).toBe("/");
  });
});

describe("isPublicPath", () => {
  // Only sign-in, the auth API, webhooks, health and CSP reports go through without a session.
  it.each([
    ["/sign-in", true],
    ["/api/auth/session", true],
    ["/api/auth/callback/credentials", true],
    ["/api/webhooks/chekt/acme-security", true],
    ["/api/health", true],
    ["/api/csp-report", true],
    ["/", false],
    ["/sites", false],
    ["/settings", false],
    ["/api/live/verifications", false],
    ["/api/healthz", false],
    ["/sign-inx", false],
    ["/api/webhooksx", false],
    ["/api/csp-reports", false],
  ])("%s is public: %s", (p, open) => {
    expect(isPublicPath(p)).toBe(open);
  });
});

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).not.toContain("correct");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });
  it("refuses to hash a password shorter than 8 characters", async () => {
    await expect(hashPassword("short")).rejects.toThrow(/at least 8/);
  });
  it("has a dummy hash that matches nothing (used for unknown emails)", async () => {
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("password", DUMMY_HASH)).toBe(false);
  });
});
