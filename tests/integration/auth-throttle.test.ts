// The sign-in throttle against a real Postgres: counts per account and per IP, success clears the
// account, and the window forgets old failures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkThrottle, KEEP_ATTEMPTS_MS, POLICY, pruneAttempts, recordAttempt } from "@/lib/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let prisma: PrismaClient;
const now = new Date();
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_throttle");
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});
beforeEach(async () => {
  await prisma.loginAttempt.deleteMany();
});

async function fail(email: string, ip: string, n: number, lastSecondsAgo: number) {
  for (let i = 0; i < n; i++) await recordAttempt(prisma, email, ip, false, secondsAgo(lastSecondsAgo + i));
}

describe("sign-in throttle (Postgres)", () => {
  it("allows four failures, then slows the account down", async () => {
    await fail("ana@example.com", "10.0.0.1", 4, 0);
    expect(await checkThrottle(prisma, "ana@example.com", "10.0.0.1", now)).toEqual({ allowed: true });
    await fail("ana@example.com", "10.0.0.1", 1, 0);
    const v = await checkThrottle(prisma, "ANA@example.com ", "10.0.0.9", now);
    expect(v).toMatchObject({ allowed: false, kind: "slow", scope: "account" });
  });

  it("locks the account after ten failures, whatever the IP", async () => {
    for (let i = 0; i < 10; i++) await recordAttempt(prisma, "bo@example.com", `10.0.1.${i}`, false, secondsAgo(30 + i));
    const v = await checkThrottle(prisma, "bo@example.com", "10.9.9.9", now);
    expect(v).toMatchObject({ allowed: false, kind: "locked", scope: "account" });
    if (!v.allowed) expect(v.retryAt.getTime()).toBe(secondsAgo(30).getTime() + POLICY.lockMs);
    // Another account is not affected.
    expect(await checkThrottle(prisma, "cy@example.com", "10.9.9.9", now)).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", async () => {
    await fail("di@example.com", "10.0.2.1", 12, POLICY.windowMs / 1000 + 5);
    expect(await checkThrottle(prisma, "di@example.com", "10.0.2.1", now)).toEqual({ allowed: true });
  });

  it("a successful sign-in clears the account's count", async () => {
    await fail("ed@example.com", "10.0.3.1", 6, 60);
    expect((await checkThrottle(prisma, "ed@example.com", "10.0.3.1", now)).allowed).toBe(true); // delay (2 s) long passed
    await fail("ed@example.com", "10.0.3.1", 3, 1);
    expect(await checkThrottle(prisma, "ed@example.com", "10.0.3.1", now)).toMatchObject({ allowed: false, kind: "slow" });
    await recordAttempt(prisma, "ed@example.com", "10.0.3.1", true, secondsAgo(0.5));
    expect(await checkThrottle(prisma, "ed@example.com", "10.0.3.1", now)).toEqual({ allowed: true });
  });

  it("slows an IP that tries many accounts, and then locks it", async () => {
    for (let i = 0; i < POLICY.ip.free; i++) await recordAttempt(prisma, `user${i}@example.com`, "203.0.113.5", false, secondsAgo(0.2));
    expect(await checkThrottle(prisma, "fresh@example.com", "203.0.113.5", now)).toMatchObject({ allowed: false, kind: "slow", scope: "ip" });
    expect(await checkThrottle(prisma, "fresh@example.com", "203.0.113.6", now)).toEqual({ allowed: true });
    for (let i = POLICY.ip.free; i < POLICY.ip.lockAt; i++) await recordAttempt(prisma, `user${i}@example.com`, "203.0.113.5", false, secondsAgo(0.2));
    expect(await checkThrottle(prisma, "fresh@example.com", "203.0.113.5", now)).toMatchObject({ allowed: false, kind: "locked", scope: "ip" });
  });

  it("stores emails normalised, so case and spaces do not dodge the count", async () => {
    await recordAttempt(prisma, "  Fay@Example.COM ", "10.0.4.1", false);
    const rows = await prisma.loginAttempt.findMany({ where: { ip: "10.0.4.1" } });
    expect(rows.map((r) => r.email)).toEqual(["fay@example.com"]);
  });

  it("prunes attempts older than 30 days and keeps the rest", async () => {
    await recordAttempt(prisma, "old@example.com", "10.0.5.1", false, new Date(now.getTime() - KEEP_ATTEMPTS_MS - 60_000));
    await recordAttempt(prisma, "new@example.com", "10.0.5.1", false, new Date(now.getTime() - KEEP_ATTEMPTS_MS + 60_000));
    expect(await pruneAttempts(prisma, now)).toBe(1);
    expect((await prisma.loginAttempt.findMany()).map((r) => r.email)).toEqual(["new@example.com"]);
  });
});
