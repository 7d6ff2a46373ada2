import { describe, expect, it } from "vitest";
import { isPublicPath } from "@/lib/auth/config";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { clientIp, judge, POLICY, throttleMessage } from "@/lib/auth/throttle";

const now = new Date("2026-11-24T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const failures = (n: number, lastAgoMs = 0) => Array.from({ length: n }, (_, i) => ago(lastAgoMs + i * 1000));

describe("throttle rule (judge)", () => {
  it("lets the first failures through without delay", () => {
    expect(judge(failures(POLICY.account.free - 1), now, POLICY.account, "account")).toEqual({ allowed: true });
  });

  it("after 5 failures asks for 1 s, then doubles with each further failure", () => {
    for (const [n, delay] of [[5, 1000], [6, 2000], [7, 4000], [8, 8000], [9, 16000]] as const) {
      const v = judge(failures(n), now, POLICY.account, "account");
      expect(v).toEqual({ allowed: false, kind: "slow", retryAt: new Date(now.getTime() + delay), scope: "account" });
      // Once the delay has passed, the next try is allowed.
      expect(judge(failures(n, delay), now, POLICY.account, "account")).toEqual({ allowed: true });
    }
  });

  it("locks for 15 minutes after the last of 10 failures", () => {
    const v = judge(failures(10, 60_000), now, POLICY.account, "account");
    expect(v).toMatchObject({ allowed: false, kind: "locked", scope: "account" });
    if (!v.allowed) expect(v.retryAt.getTime()).toBe(now.getTime() - 60_000 + POLICY.lockMs);
    expect(judge(failures(10, POLICY.lockMs + 1), now, POLICY.account, "account")).toEqual({ allowed: true });
  });

  it("gives an IP more room than an account", () => {
    expect(judge(failures(10), now, POLICY.ip, "ip")).toEqual({ allowed: true });
    expect(judge(failures(POLICY.ip.free), now, POLICY.ip, "ip")).toMatchObject({ allowed: false, kind: "slow", scope: "ip" });
    expect(judge(failures(POLICY.ip.lockAt), now, POLICY.ip, "ip")).toMatchObject({ allowed: false, kind: "locked", scope: "ip" });
  });

  it("says when to try again, without naming the account", () => {
    expect(throttleMessage("slow", new Date(now.getTime() + 4000), now)).toBe("Too many failed attempts. Wait 4 seconds and try again.");
    expect(throttleMessage("slow", new Date(now.getTime() + 300), now)).toBe("Too many failed attempts. Wait 1 second and try again.");
    expect(throttleMessage("locked", new Date(now.getTime() + 14 * 60_000 + 5_000), now)).toBe(
      "Too many failed attempts: sign-in is locked for about 15 minutes. Try again after 12:14 UTC.",
    );
  });
});

describe("clientIp", () => {
  it("takes the entry the nearest proxy added, not one a client typed in", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "::1" }))).toBe("::1");
    expect(clientIp(new Headers({ "x-real-ip": "10.1.1.1" }))).toBe("10.1.1.1");
    expect(clientIp(new Headers())).toBe("unknown");
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
  it("lets only sign-in, auth API, webhooks and health through without a session", () => {
    for (const p of ["/sign-in", "/api/auth/session", "/api/auth/callback/credentials", "/api/webhooks/chekt/acme-security", "/api/health"]) {
      expect(isPublicPath(p), p).toBe(true);
    }
    for (const p of ["/", "/sites", "/settings", "/api/live/verifications", "/api/healthz", "/sign-inx", "/api/webhooksx"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
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
