// Server-side sessions and two-factor sign-in against a real Postgres with an injected clock:
// sign-out, a password change and an admin reset end sessions; idle and absolute lifetimes end
// them too; TOTP codes work once, recovery codes once, and a challenge allows five tries at most
// even in parallel.
import { beforeEach, describe, expect, it } from "vitest";
import { createSession, endSessions, pruneSessions, validateSession, type SessionPolicy } from "@/lib/auth/sessions";
import {
  answerChallenge,
  CHALLENGE_MAX_ATTEMPTS,
  CHALLENGE_TTL_MS,
  checkSecondFactor,
  confirmEnrolment,
  createChallenge,
  currentCode,
  disableTwoFactor,
  startEnrolment,
  twoFactorRequiredFor,
} from "@/lib/auth/two-factor";
import type { Clock } from "@/lib/auth/throttle";
import { clientFile } from "../support/db-file";

const world = clientFile("chekt_app_sessions", 12);
let t = new Date("2026-11-24T08:00:00Z").getTime();
const clock: Clock = () => new Date(t);
const advance = (ms: number) => (t += ms);
const policy: SessionPolicy = { idleMs: 4 * 3600_000, absoluteMs: 12 * 3600_000 };
const KEY = Buffer.alloc(32, 9).toString("base64");
let userId: string;

beforeEach(async () => {
  await world.prisma.user.deleteMany();
  await world.prisma.dealerLink.deleteMany();
  userId = (
    await world.prisma.user.create({
      data: { email: "sam@example.com", name: "Sam", role: "operator", passwordHash: "x" },
    })
  ).id;
});

const check = (sid: string, sv = 0) => validateSession(world.prisma, { uid: userId, sid, sv }, policy, clock);

describe("sessions", () => {
  it("sign-out ends every session of the user, in every browser", async () => {
    const laptop = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    const phone = await createSession(world.prisma, userId, "10.0.0.2", policy, clock);
    expect(await check(laptop)).toMatchObject({ sessionId: laptop, user: { id: userId } });
    expect(await endSessions(world.prisma, userId, "sign_out", { clock })).toBe(2);
    expect(await check(laptop)).toBeNull();
    expect(await check(phone)).toBeNull();
    expect((await world.prisma.authSession.findUnique({ where: { id: phone } }))?.endReason).toBe("sign_out");
  });

  it("a password change ends the other sessions and keeps the browser that made it", async () => {
    const here = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    const elsewhere = await createSession(world.prisma, userId, "10.0.0.2", policy, clock);
    expect(await endSessions(world.prisma, userId, "password_changed", { except: here, clock })).toBe(1);
    expect(await check(here)).not.toBeNull();
    expect(await check(elsewhere)).toBeNull();
  });

  it("an admin reset (session version bump) and disabling end every session", async () => {
    const sid = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    await world.prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    expect(await check(sid, 0)).toBeNull();
    const fresh = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    expect(await check(fresh, 1)).not.toBeNull();
    await world.prisma.user.update({ where: { id: userId }, data: { disabledAt: clock() } });
    expect(await check(fresh, 1)).toBeNull();
  });

  it("ends after the idle time without a request", async () => {
    const sid = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    advance(policy.idleMs - 60_000);
    expect(await check(sid)).not.toBeNull(); // and this request counts as activity
    advance(policy.idleMs - 60_000);
    expect(await check(sid)).not.toBeNull();
    advance(policy.idleMs);
    expect(await check(sid)).toBeNull();
    expect((await world.prisma.authSession.findUnique({ where: { id: sid } }))?.endReason).toBe("idle");
  });

  it("ends at the absolute lifetime however active it is", async () => {
    const sid = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    for (let h = 0; h < 11; h++) {
      advance(3600_000);
      expect(await check(sid), `hour ${h + 1}`).not.toBeNull();
    }
    advance(3600_000);
    expect(await check(sid)).toBeNull();
    expect((await world.prisma.authSession.findUnique({ where: { id: sid } }))?.endReason).toBe("expired");
    // The cookie cannot revive it: the row stays ended.
    t -= 2 * 3600_000;
    expect(await check(sid)).toBeNull();
    t += 2 * 3600_000;
  });

  it("pruning deletes sessions ended or expired over a day ago, and keeps live and recently ended ones", async () => {
    const endedLongAgo = await createSession(world.prisma, userId, "10.0.0.1", policy, clock);
    await endSessions(world.prisma, userId, "sign_out", { clock });
    advance(policy.absoluteMs + 25 * 3600_000);
    const expiredLongAgo = await createSession(
      world.prisma,
      userId,
      "10.0.0.2",
      policy,
      () => new Date(t - 40 * 3600_000),
    );
    const endedToday = await createSession(world.prisma, userId, "10.0.0.3", policy, clock);
    await endSessions(world.prisma, userId, "sign_out", { clock });
    const live = await createSession(world.prisma, userId, "10.0.0.4", policy, clock);
    expect(await pruneSessions(world.prisma, clock)).toBe(2);
    const left = (await world.prisma.authSession.findMany({ select: { id: true } })).map((r) => r.id);
    expect(left.sort()).toEqual([endedToday, live].sort());
    expect(left).not.toContain(endedLongAgo);
    expect(left).not.toContain(expiredLongAgo);
    expect(await check(live)).not.toBeNull();
  });

  it("refuses a session id of another user", async () => {
    const other = (
      await world.prisma.user.create({
        data: { email: "eve@example.com", name: "Eve", role: "admin", passwordHash: "x" },
      })
    ).id;
    const sid = await createSession(world.prisma, other, "10.0.0.9", policy, clock);
    expect(await check(sid)).toBeNull();
  });
});

describe("two-factor", () => {
  async function enrol(): Promise<{ secret: string; codes: string[] }> {
    const secret = await startEnrolment(world.prisma, userId, KEY);
    const codes = await confirmEnrolment(world.prisma, userId, currentCode(secret, clock()), KEY, clock);
    return { secret, codes };
  }

  it("turns on only with a right code, and gives ten recovery codes", async () => {
    const secret = await startEnrolment(world.prisma, userId, KEY);
    await expect(confirmEnrolment(world.prisma, userId, "000000", KEY, clock)).rejects.toThrow(/not right/);
    expect((await world.prisma.user.findUniqueOrThrow({ where: { id: userId } })).totpEnabledAt).toBeNull();
    const codes = await confirmEnrolment(world.prisma, userId, currentCode(secret, clock()), KEY, clock);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Stored hashed only.
    const stored = await world.prisma.recoveryCode.findMany({ where: { userId } });
    expect(stored.some((r) => codes.includes(r.codeHash))).toBe(false);
  });

  it("an app code works once (a replay within its 90 s is refused); the next step's code works", async () => {
    const { secret } = await enrol();
    advance(30_000);
    const code = currentCode(secret, clock());
    expect(await checkSecondFactor(world.prisma, userId, code, KEY, clock)).toBe("totp");
    expect(await checkSecondFactor(world.prisma, userId, code, KEY, clock)).toBeNull();
    advance(30_000);
    expect(await checkSecondFactor(world.prisma, userId, currentCode(secret, clock()), KEY, clock)).toBe("totp");
    // Two steps old: out of the window.
    expect(
      await checkSecondFactor(world.prisma, userId, currentCode(secret, new Date(t - 90_000)), KEY, clock),
    ).toBeNull();
  });

  it("a recovery code works once, typed in any case and with or without its dash", async () => {
    const { codes } = await enrol();
    const typed = codes[3]!.toLowerCase().replace("-", " ");
    expect(await checkSecondFactor(world.prisma, userId, typed, KEY, clock)).toBe("recovery");
    expect(await checkSecondFactor(world.prisma, userId, codes[3]!, KEY, clock)).toBeNull();
    expect(await checkSecondFactor(world.prisma, userId, codes[4]!, KEY, clock)).toBe("recovery");
  });

  it("a sign-in challenge allows five tries, even twelve in parallel, and expires after five minutes", async () => {
    const { secret } = await enrol();
    /** The challenge answered with `code`, by default the right one at this moment. */
    const answer = (challenge: string, code = currentCode(secret, clock())) =>
      answerChallenge(world.prisma, { challenge, code }, KEY, clock);
    const expired = { ok: false, reason: "expired" };
    const token = await createChallenge(world.prisma, userId, "10.0.0.1", clock);
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => answer(token, String(100000 + i))));
    expect(tries.filter((r) => !r.ok && r.reason === "wrong_code")).toHaveLength(CHALLENGE_MAX_ATTEMPTS);
    expect(tries.filter((r) => !r.ok && r.reason === "expired")).toHaveLength(12 - CHALLENGE_MAX_ATTEMPTS);
    // Used up: even the right code no longer works with it.
    advance(30_000);
    expect(await answer(token)).toEqual(expired);

    const next = await createChallenge(world.prisma, userId, "10.0.0.1", clock);
    advance(CHALLENGE_TTL_MS);
    expect(await answer(next)).toEqual(expired);

    const good = await createChallenge(world.prisma, userId, "10.0.0.1", clock);
    advance(30_000);
    expect(await answer(good)).toEqual({ ok: true, userId, method: "totp" });
    advance(30_000);
    expect(await answer(good)).toEqual(expired);
  });

  it("a dealer's requirement applies to its members (and the owner), and cannot be turned off by them", async () => {
    await enrol();
    const link = await world.prisma.dealerLink.create({
      data: { chektDealerId: 77, externalDealerId: "tf-dealer", companyName: "TF Dealer", connectedAt: clock() },
    });
    const owner = (
      await world.prisma.user.create({
        data: { email: "own@example.com", name: "Owner", role: "admin", passwordHash: "x", isOwner: true },
      })
    ).id;
    const outsider = (
      await world.prisma.user.create({
        data: { email: "out@example.com", name: "Out", role: "viewer", passwordHash: "x" },
      })
    ).id;
    await world.prisma.membership.create({ data: { userId, dealerLinkId: link.id, role: "operator" } });
    expect(await twoFactorRequiredFor(world.prisma, userId)).toBe(false);
    await world.prisma.dealerLink.update({ where: { id: link.id }, data: { requireTwoFactor: true } });
    expect(await twoFactorRequiredFor(world.prisma, userId)).toBe(true);
    expect(await twoFactorRequiredFor(world.prisma, owner)).toBe(true);
    expect(await twoFactorRequiredFor(world.prisma, outsider)).toBe(false);
    await expect(disableTwoFactor(world.prisma, userId)).rejects.toThrow(/requires two-factor/);
    await world.prisma.dealerLink.update({ where: { id: link.id }, data: { requireTwoFactor: false } });
    await disableTwoFactor(world.prisma, userId);
    expect(await world.prisma.recoveryCode.count({ where: { userId } })).toBe(0);
  });
});
