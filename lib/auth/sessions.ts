// Server-side session records: the JWT cookie only names one (sid). A session ends when it is
// ended here (sign-out, password change, admin reset, disable), when it has been idle too long,
// or when its absolute lifetime is over, however fresh the cookie is. The users.session_version
// bump that disabling and resets also do is still honoured.
// No server-only import: integration tests drive it with their own Prisma client and clock.
import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { RELAXED_COMMIT } from "@/lib/relaxed-commit";
import type { Role } from "@/lib/roles";
import { systemClock, type Clock } from "./throttle";

type Db = Pick<PrismaClient, "authSession" | "user">;

export type SessionPolicy = {
  /** No request for this long ends the session. */
  idleMs: number;
  /** A session ends this long after sign-in, active or not. */
  absoluteMs: number;
};

/** last_seen_at is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

export type SessionClaims = { uid?: string; sid?: string; sv?: number };
export type ValidSession = {
  sessionId: string;
  user: { id: string; email: string; name: string; role: Role; sessionVersion: number };
};

/** Writes a session's last_seen_at: touchSessionSql, on the pool on the request path (lib/auth/session-touch.ts). */
export type TouchSession = (sessionId: string, at: Date) => Promise<void>;

/**
 * The one last-seen write, whatever connection sends it: UTC wall time (the column's, whatever the
 * process's time zone), committed without waiting for the WAL (lib/relaxed-commit.ts): a crash losing
 * it leaves last_seen_at at most a minute and a fraction of a second older, so an idle session could
 * end that much earlier.
 */
export function touchSessionSql(sessionId: string, at: Date): Prisma.Sql {
  return Prisma.sql`UPDATE auth_sessions SET last_seen_at = ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
               WHERE id = ${sessionId} RETURNING ${Prisma.raw(RELAXED_COMMIT)}`;
}

export type EndReason = "sign_out" | "password_changed" | "expired" | "idle" | "reset" | "two_factor_changed";

export async function createSession(
  db: Db,
  userId: string,
  ip: string,
  policy: SessionPolicy,
  clock: Clock = systemClock,
): Promise<string> {
  const now = clock();
  const id = randomBytes(32).toString("base64url");
  await db.authSession.create({
    data: { id, userId, ip, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.absoluteMs) },
  });
  return id;
}

/**
 * What a session check needs: the session record and its user (loaded by Prisma here, or in one SQL round trip by
 * lib/auth/session.ts).
 */
export type SessionRecord = {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  user: { id: string; email: string; name: string; role: Role; disabledAt: Date | null; sessionVersion: number };
};

/** The columns checkSessionRecord reads: a session and its user. */
export const SESSION_RECORD_SELECT = {
  id: true,
  userId: true,
  lastSeenAt: true,
  expiresAt: true,
  endedAt: true,
  user: { select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true } },
} as const;

/** The session and its user when every check passes; null otherwise (and an expired one is marked ended). */
export async function validateSession(
  db: Db & Pick<PrismaClient, "$executeRaw">,
  claims: SessionClaims,
  policy: SessionPolicy,
  clock: Clock = systemClock,
): Promise<ValidSession | null> {
  if (!claims.uid || !claims.sid || typeof claims.sv !== "number") return null;
  const row = await db.authSession.findUnique({
    where: { id: claims.sid },
    select: SESSION_RECORD_SELECT,
  });
  const touch: TouchSession = async (id, at) => void (await db.$executeRaw(touchSessionSql(id, at)));
  return checkSessionRecord(db, row, claims, policy, clock, touch);
}

/**
 * validateSession's checks on a record already loaded (the caller read it with the claims' sid):
 * ended, someone else's, expired or idle (then marked ended), user disabled, version bumped.
 * Touches last_seen_at at most every TOUCH_EVERY_MS, with `touch` (touchSessionSql on some connection).
 * `touch` null is a check that is not activity (the live queue stream's, opened and re-asked at each
 * heartbeat by the page, not by anyone at it): it ends a session gone idle but never puts that off, so
 * a tab left open on the queue signs out like any other.
 */
export async function checkSessionRecord(
  db: Pick<PrismaClient, "authSession">,
  row: SessionRecord | null,
  claims: SessionClaims,
  policy: SessionPolicy,
  clock: Clock = systemClock,
  touch: TouchSession | null,
): Promise<ValidSession | null> {
  if (!claims.uid || !claims.sid || typeof claims.sv !== "number") return null;
  if (!row || row.id !== claims.sid || row.endedAt || row.userId !== claims.uid) return null;
  const now = clock();
  const expired =
    now >= row.expiresAt ? "expired" : now.getTime() - row.lastSeenAt.getTime() >= policy.idleMs ? "idle" : null;
  if (expired) {
    await db.authSession.updateMany({
      where: { id: row.id, endedAt: null },
      data: { endedAt: now, endReason: expired },
    });
    return null;
  }
  const { user } = row;
  if (user.disabledAt || user.sessionVersion !== claims.sv) return null;
  if (touch && now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touch(row.id, now);
  }
  return {
    sessionId: row.id,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}

/** Ends every open session of the user, or every one but `except` (the browser that changed the password). */
export async function endSessions(
  db: Pick<PrismaClient, "authSession">,
  userId: string,
  reason: EndReason,
  opts: { except?: string; clock?: Clock } = {},
): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, endedAt: null, ...(opts.except ? { id: { not: opts.except } } : {}) },
    data: { endedAt: (opts.clock ?? systemClock)(), endReason: reason },
  });
  return count;
}

/**
 * Sessions over both lifetimes are deleted after a day (kept that long to show why they ended); called
 * after each successful sign-in, like pruneAttempts, so the table stays small without a scheduled job.
 */
export async function pruneSessions(
  db: Pick<PrismaClient, "authSession">,
  clock: Clock = systemClock,
): Promise<number> {
  const cutoff = new Date(clock().getTime() - 24 * 60 * 60_000);
  const { count } = await db.authSession.deleteMany({
    where: { OR: [{ expiresAt: { lt: cutoff } }, { endedAt: { lt: cutoff } }] },
  });
  return count;
}
