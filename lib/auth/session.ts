import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma, sql } from "@/lib/db";
import type { Role } from "@/lib/roles";
import { sessionPolicy } from "./policy";
import { memberDealerOf, rememberSessionDealers, type MemberDealerRow, type SessionDealer } from "./session-dealers";
import { sessionClaims, sessionCookieName, sessionTokenFrom, usesSecureCookie } from "./session-token";
import { touchSessionOnPool } from "./session-touch";
import { checkSessionRecord, type SessionClaims, type SessionRecord } from "./sessions";
import { MEMBER_DEALERS, TWO_FACTOR_REQUIRED } from "./user-sql";

export type SessionUser = { id: string; email: string; name: string; role: Role };

type Resolved = { user: SessionUser; sessionId: string; mustEnrol: boolean } | null;

type LoadedRow = {
  id: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  email: string;
  name: string;
  role: Role;
  disabled_at: Date | null;
  session_version: number;
  must_enrol: boolean;
  is_owner: boolean;
  dealers: MemberDealerRow[];
};

type Loaded = { record: SessionRecord; mustEnrol: boolean; isOwner: boolean; dealers: SessionDealer[] };

/**
 * The session record, its user, whether that user still owes a second factor and the connected
 * dealers they work on, in ONE Postgres round trip (this runs on every page view and action;
 * Prisma's nested select would take two, lib/auth/two-factor.ts's twoFactorRequiredFor two more,
 * lib/dealer.ts's listMyDealers one more). must_enrol is no TOTP yet and twoFactorRequiredFor's rule,
 * `dealers` listMyDealers' list: both the very SQL those run (lib/auth/user-sql.ts).
 */
async function loadSession(sid: string): Promise<Loaded | null> {
  // Straight on the pool (lib/db.ts sql): this is on every request, and Prisma's $queryRaw adds its
  // client engine's work to each one.
  const { rows } = await sql<LoadedRow>(
    Prisma.sql`
    SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.ended_at,
           u.email, u.name, u.role::text AS role, u.disabled_at, u.session_version,
           (u.totp_enabled_at IS NULL AND ${TWO_FACTOR_REQUIRED}) AS must_enrol,
           u.is_owner,
           (SELECT coalesce(json_agg(d ORDER BY d.chekt_dealer_id), '[]'::json) FROM ${MEMBER_DEALERS} d) AS dealers
    FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sid}`,
    // The same text on every request: prepared once per pool connection (lib/db.ts).
    { prepare: true },
  );
  const r = rows[0];
  if (!r) return null;
  return {
    record: {
      id: r.id,
      userId: r.user_id,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      endedAt: r.ended_at,
      user: {
        id: r.user_id,
        email: r.email,
        name: r.name,
        role: r.role,
        disabledAt: r.disabled_at,
        sessionVersion: r.session_version,
      },
    },
    mustEnrol: r.must_enrol,
    isOwner: r.is_owner,
    dealers: r.dealers.map(memberDealerOf),
  };
}

/**
 * The session cookie's claims, decoded the way next-auth's auth() reads them (same cookie name,
 * secret and salt) but without running its session endpoint, and once per cookie
 * (lib/auth/session-token.ts). Null without a cookie or with one that does not decrypt.
 */
async function cookieClaims(): Promise<SessionClaims | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(usesSecureCookie(h, process.env));
  const token = sessionTokenFrom(jar.getAll(), name);
  return token ? sessionClaims(token, secret, name) : null;
}

/**
 * The cookie's session checked against Postgres (lib/auth/sessions.ts: ended, idle, past its
 * absolute lifetime, user disabled, session version bumped), and whether the user still has to
 * set up a second factor a dealer of theirs requires. Cached per request. `touch` false: a check
 * that is not activity (the live stream's; checkSessionRecord's `touch` null).
 */
const resolveSession = cache(async (touch: boolean): Promise<Resolved> => {
  const claims: SessionClaims = (await cookieClaims()) ?? {};
  const loaded = claims.sid ? await loadSession(claims.sid) : null;
  const policy = sessionPolicy(process.env);
  const toucher = touch ? touchSessionOnPool : null;
  const valid = await checkSessionRecord(prisma, loaded?.record ?? null, claims, policy, undefined, toucher);
  if (!valid || !loaded) return null;
  const { id, email, name, role } = valid.user;
  const user: SessionUser = { id, email, name, role };
  // lib/dealer.ts takes the user's dealers from here instead of querying them again.
  rememberSessionDealers(user, loaded.dealers, loaded.isOwner);
  return { user, sessionId: valid.sessionId, mustEnrol: loaded.mustEnrol };
});

/**
 * The signed-in user, re-read from Postgres; null when nobody is signed in, the session has
 * ended, or the user must first set up two-factor sign-in (every page, action and route then
 * refuses them, and sign-in sends them to the setup page). The check counts as activity (moves
 * the session's idle limit on) unless `touch` is false.
 */
export const getSessionUser = cache(async (touch = true): Promise<SessionUser | null> => {
  const s = await resolveSession(touch);
  return s && !s.mustEnrol ? s.user : null;
});

/** For the two-factor setup page and its actions only: the user even while setup is still owed. */
export const getEnrolmentUser = cache(async (): Promise<{ user: SessionUser; mustEnrol: boolean } | null> => {
  const s = await resolveSession(true);
  return s ? { user: s.user, mustEnrol: s.mustEnrol } : null;
});

/** This browser's session record id (a password change keeps it and ends the others). */
export async function currentSessionId(): Promise<string | null> {
  return (await resolveSession(true))?.sessionId ?? null;
}
