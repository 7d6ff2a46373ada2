// The sign-in throttle against a real Postgres with an injected clock: atomic under concurrency,
// per account+address, per address and per account, a success clears its own count, and a
// stranger cannot lock a real user out. Plus which address counts (trusted proxy setting).
import { beforeEach, describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies, PEER_HEADER } from "@/lib/auth/client-ip";
import {
  KEEP_ATTEMPTS_MS,
  POLICY,
  pruneAttempts,
  reserveAttempt,
  settleAttempt,
  type Clock,
} from "@/lib/auth/throttle";
import { clientFile } from "../support/db-file";

// Twelve parallel transactions need twelve connections.
const world = clientFile("chekt_app_throttle", 15);
let t = new Date("2026-11-24T12:00:00Z").getTime();
const clock: Clock = () => new Date(t);
const advance = (ms: number) => (t += ms);

beforeEach(async () => {
  await world.prisma.loginAttempt.deleteMany();
  await world.prisma.authThrottle.deleteMany();
});

/** A failed guess: reserved, then settled as a failure. Returns whether it was let through. */
async function guess(email: string, ip: string): Promise<boolean> {
  const v = await reserveAttempt(world.prisma, email, ip, clock);
  if (v.allowed) await settleAttempt(world.prisma, v.ticket, false, clock);
  return v.allowed;
}

describe("sign-in throttle (Postgres)", () => {
  it("12 parallel guesses where 5 are free let exactly 5 through", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => reserveAttempt(world.prisma, "par@example.com", "198.51.100.7", clock)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(POLICY.pair.free);
    const refused = results.filter((r) => !r.allowed);
    expect(
      refused.every((r) => !r.allowed && r.scope === "pair" && r.retryAt.getTime() === t + POLICY.baseDelayMs),
    ).toBe(true);
  });

  it("after the wait one more goes through and the wait doubles; case and spaces do not dodge it", async () => {
    for (let i = 0; i < 5; i++) expect(await guess("ana@example.com", "10.0.0.1")).toBe(true);
    expect(await guess(" ANA@example.com ", "10.0.0.1")).toBe(false);
    advance(1_000);
    expect(await guess("ana@example.com", "10.0.0.1")).toBe(true);
    const v = await reserveAttempt(world.prisma, "ana@example.com", "10.0.0.1", clock);
    expect(v).toMatchObject({ allowed: false, scope: "pair", retryAt: new Date(t + 2_000) });
  });

  it("a success clears the account's count from that address", async () => {
    for (let i = 0; i < 5; i++) await guess("ed@example.com", "10.0.3.1");
    advance(1_000);
    const v = await reserveAttempt(world.prisma, "ed@example.com", "10.0.3.1", clock);
    expect(v.allowed).toBe(true);
    if (v.allowed) await settleAttempt(world.prisma, v.ticket, true, clock);
    for (let i = 0; i < 5; i++) expect(await guess("ed@example.com", "10.0.3.1")).toBe(true);
  });

  it("a stranger guessing from elsewhere cannot lock the owner out of their usual address", async () => {
    // The owner has signed in from home before.
    const home = await reserveAttempt(world.prisma, "owner@example.com", "203.0.113.10", clock);
    if (home.allowed) await settleAttempt(world.prisma, home.ticket, true, clock);
    // A botnet: 60 addresses, 3 guesses each, over an hour.
    for (let i = 0; i < 60; i++) {
      for (let k = 0; k < 3; k++) await guess("owner@example.com", `192.0.2.${i}`);
      advance(60_000);
    }
    const fromElsewhere = await reserveAttempt(world.prisma, "owner@example.com", "198.51.100.99", clock);
    expect(fromElsewhere).toMatchObject({ allowed: false, scope: "account" });
    // Slowed, never locked: the wait is at most the account cap.
    if (!fromElsewhere.allowed)
      expect(fromElsewhere.retryAt.getTime() - t).toBeLessThanOrEqual(POLICY.account.maxDelayMs);
    // From home the owner is not slowed at all.
    expect((await reserveAttempt(world.prisma, "owner@example.com", "203.0.113.10", clock)).allowed).toBe(true);
  });

  it("an address trying many accounts is slowed after 30, whatever the accounts", async () => {
    for (let i = 0; i < POLICY.ip.free; i++) expect(await guess(`user${i}@example.com`, "203.0.113.5")).toBe(true);
    expect(await reserveAttempt(world.prisma, "fresh@example.com", "203.0.113.5", clock)).toMatchObject({
      allowed: false,
      scope: "ip",
    });
    expect((await reserveAttempt(world.prisma, "fresh@example.com", "203.0.113.6", clock)).allowed).toBe(true);
  });

  it("an office signing in correctly all morning from one address is never slowed", async () => {
    for (let i = 0; i < 50; i++) {
      const v = await reserveAttempt(world.prisma, `staff${i}@example.com`, "198.51.100.1", clock);
      expect(v.allowed).toBe(true);
      if (v.allowed) await settleAttempt(world.prisma, v.ticket, true, clock);
    }
  });

  it("a counter quiet for the whole window starts over", async () => {
    for (let i = 0; i < 8; i++) await guess("di@example.com", "10.0.2.1");
    advance(POLICY.windowMs);
    for (let i = 0; i < 5; i++) expect(await guess("di@example.com", "10.0.2.1")).toBe(true);
  });

  it("prunes attempts older than 30 days and quiet counters", async () => {
    await guess("q@example.com", "10.0.5.2");
    advance(POLICY.windowMs + 1);
    await world.prisma.loginAttempt.create({
      data: {
        email: "old@example.com",
        ip: "10.0.5.1",
        success: false,
        createdAt: new Date(t - KEEP_ATTEMPTS_MS - 60_000),
      },
    });
    await world.prisma.loginAttempt.create({
      data: {
        email: "new@example.com",
        ip: "10.0.5.1",
        success: false,
        createdAt: new Date(t - KEEP_ATTEMPTS_MS + 60_000),
      },
    });
    expect(await pruneAttempts(world.prisma, clock)).toBe(1);
    expect((await world.prisma.loginAttempt.findMany({ where: { ip: "10.0.5.1" } })).map((r) => r.email)).toEqual([
      "new@example.com",
    ]);
    expect(await world.prisma.authThrottle.count()).toBe(0);
  });
});

describe("client address (trusted proxy)", () => {
  const req = (peer: string | null, xff?: string) => {
    const h = new Headers();
    if (peer) h.set(PEER_HEADER, peer);
    if (xff) h.set("x-forwarded-for", xff);
    return h;
  };

  it("by default ignores X-Forwarded-For: the TCP peer is the client", () => {
    const none = parseTrustedProxies({});
    expect(clientIp(req("198.51.100.4", "1.2.3.4"), none)).toBe("198.51.100.4");
    expect(clientIp(req("::ffff:127.0.0.1", "6.6.6.6, 7.7.7.7"), none)).toBe("127.0.0.1");
    expect(clientIp(req(null, "1.2.3.4"), none)).toBe("unknown");
  });

  it("with one trusted hop takes the address our proxy appended, not what the client typed", () => {
    const one = parseTrustedProxies({ TRUSTED_PROXY_HOPS: "1" });
    // The client typed "6.6.6.6"; our proxy (10.0.0.2) appended the real 203.0.113.9.
    expect(clientIp(req("10.0.0.2", "6.6.6.6, 203.0.113.9"), one)).toBe("203.0.113.9");
    expect(clientIp(req("10.0.0.2"), one)).toBe("10.0.0.2");
    const two = parseTrustedProxies({ TRUSTED_PROXY_HOPS: "2" });
    expect(clientIp(req("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2"), two)).toBe("203.0.113.9");
  });

  it("with a CIDR list walks from the right past our proxies only", () => {
    const cidrs = parseTrustedProxies({ TRUSTED_PROXY_CIDRS: "10.0.0.0/8, 2001:db8::/32" });
    expect(clientIp(req("10.1.2.3", "6.6.6.6, 203.0.113.9, 10.9.9.9"), cidrs)).toBe("203.0.113.9");
    // A peer outside the list is the client, whatever it forwards.
    expect(clientIp(req("198.51.100.50", "1.2.3.4"), cidrs)).toBe("198.51.100.50");
    expect(clientIp(req("2001:db8::1", "[2001:db8::2]:443, 203.0.113.1:5555"), cidrs)).toBe("203.0.113.1");
    // Garbage in the header stops the walk at the last address we trust to have written it.
    expect(clientIp(req("10.1.2.3", "not-an-ip"), cidrs)).toBe("10.1.2.3");
  });

  it("refuses settings that make no sense, naming the variable", () => {
    expect(() => parseTrustedProxies({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseTrustedProxies({ TRUSTED_PROXY_CIDRS: "10.0.0.0/99" })).toThrow(/TRUSTED_PROXY_CIDRS/);
    expect(() => parseTrustedProxies({ TRUSTED_PROXY_CIDRS: "proxy.example" })).toThrow(/TRUSTED_PROXY_CIDRS/);
    expect(() => parseTrustedProxies({ TRUSTED_PROXY_HOPS: "1", TRUSTED_PROXY_CIDRS: "10.0.0.0/8" })).toThrow(
      /not both/,
    );
  });
});
