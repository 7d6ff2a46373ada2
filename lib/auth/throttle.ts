// Slows password (and second-factor) guessing without letting a stranger lock a real user out.
// Three counters, each a row in auth_throttle shared by every app instance:
//   "pair:<email>|<ip>"  one address guessing one account: 5 free, then waits doubling to 15 min;
//   "ip:<ip>"            one address trying many accounts: 30 free, then doubling to 15 min;
//   "acct:<email>"       everyone guessing one account (a botnet): 10 free, then doubling to
//                        5 min, and never for an address that signed in to this account before,
//                        so the owner on a known address is not slowed by strangers at all.
// An attempt reserves its slot before the password is checked, under a row lock on its counters
// (one transaction, keys locked in a fixed order): 12 parallel guesses where 5 are free let 5 in.
// A success clears its pair and hands back its slot on the others. A counter that has been quiet
// for the whole window starts over. docs/app-foundation.md explains the rule.
// No server-only import: integration tests drive it with their own Prisma client and clock.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { plural } from "@/lib/plural";
import { utcClock } from "@/lib/utc-text";

type Db = Pick<PrismaClient, "$transaction" | "loginAttempt" | "authThrottle">;
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export type Scope = "pair" | "ip" | "account";
export type Limit = { free: number; maxDelayMs: number };

export const POLICY = {
  /**
   * A counter with no counted attempt for this long starts over. Longer than any delay, so pacing at the cap never
   * resets it.
   */
  windowMs: 30 * 60_000,
  baseDelayMs: 1_000,
  pair: { free: 5, maxDelayMs: 15 * 60_000 },
  // One office behind one address shares it, so the IP allows more than one account does.
  ip: { free: 30, maxDelayMs: 15 * 60_000 },
  account: { free: 10, maxDelayMs: 5 * 60_000 },
  /** An address with a successful sign-in to the account this recently is "known" to it. */
  knownIpMs: 30 * 24 * 60 * 60_000,
} as const;

export type CounterState = { count: number; lastAt: Date; retryAt: Date };

export type Verdict = { allowed: true; ticket: Ticket } | { allowed: false; retryAt: Date; scope: Scope };

/** What an allowed attempt holds, to settle once the password (or code) was checked. */
export type Ticket = { email: string; ip: string; keys: Array<{ key: string; scope: Scope }> };

/**
 * Pure rule for one counter: may an attempt go now, and what does the counter become if it does?
 * The n-th attempt from `free` on sets a wait of base·2^(n−free), at most the limit's cap.
 */
export function step(state: CounterState, now: Date, limit: Limit): { allowed: boolean; next: CounterState } {
  const fresh = now.getTime() - state.lastAt.getTime() >= POLICY.windowMs;
  const current = fresh ? { count: 0, lastAt: now, retryAt: now } : state;
  if (current.retryAt > now) return { allowed: false, next: current };
  const count = current.count + 1;
  const wait = count >= limit.free ? Math.min(POLICY.baseDelayMs * 2 ** (count - limit.free), limit.maxDelayMs) : 0;
  return { allowed: true, next: { count, lastAt: now, retryAt: new Date(now.getTime() + wait) } };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const limitOf = (scope: Scope): Limit => POLICY[scope];

async function isKnownIp(db: Db, email: string, ip: string, now: Date): Promise<boolean> {
  if (ip === "unknown") return false;
  const hit = await db.loginAttempt.findFirst({
    where: { email, ip, success: true, createdAt: { gte: new Date(now.getTime() - POLICY.knownIpMs) } },
    select: { id: true },
  });
  return !!hit;
}

/**
 * Reserves one attempt for this email from this address, or says until when to wait. Atomic: the
 * counters are locked (SELECT … FOR UPDATE) for the decision and the update.
 */
export async function reserveAttempt(
  db: Db,
  rawEmail: string,
  ip: string,
  clock: Clock = systemClock,
): Promise<Verdict> {
  const email = normalizeEmail(rawEmail);
  const now = clock();
  const keys: Ticket["keys"] = [
    { key: `pair:${email}|${ip}`, scope: "pair" },
    { key: `ip:${ip}`, scope: "ip" },
  ];
  if (!(await isKnownIp(db, email, ip, now))) keys.push({ key: `acct:${email}`, scope: "account" });
  keys.sort((a, b) => (a.key < b.key ? -1 : 1));
  const names = keys.map((k) => k.key);

  return db.$transaction(async (tx) => {
    const epoch = new Date(0);
    for (const key of names) {
      await tx.$executeRaw`INSERT INTO auth_throttle (key, count, last_at, retry_at) VALUES (${key}, 0, ${epoch},
          ${epoch}) ON CONFLICT (key) DO NOTHING`;
    }
    const rows = await tx.$queryRaw<Array<{ key: string; count: number; last_at: Date; retry_at: Date }>>`
      SELECT key, count, last_at, retry_at FROM auth_throttle WHERE key = ANY(${names}) ORDER BY key FOR UPDATE`;
    const byKey = new Map(rows.map((r) => [r.key, { count: r.count, lastAt: r.last_at, retryAt: r.retry_at }]));
    const decisions = keys.map((k) => ({ ...k, ...step(byKey.get(k.key)!, now, limitOf(k.scope)) }));
    const refused = decisions.filter((d) => !d.allowed);
    if (refused.length) {
      const worst = refused.reduce((a, b) => (b.next.retryAt > a.next.retryAt ? b : a));
      return { allowed: false as const, retryAt: worst.next.retryAt, scope: worst.scope };
    }
    for (const d of decisions) {
      await tx.$executeRaw`UPDATE auth_throttle SET count = ${d.next.count}, last_at = ${d.next.lastAt}, retry_at =
          ${d.next.retryAt} WHERE key = ${d.key}`;
    }
    return { allowed: true as const, ticket: { email, ip, keys } };
  });
}

/**
 * After the check: a failure stays counted; a success clears this address's count for the account
 * and gives back the slot it took on the shared counters. Both are kept in login_attempts (admins
 * see them; a success makes the address known to the account).
 */
export async function settleAttempt(
  db: Db,
  ticket: Ticket,
  success: boolean,
  clock: Clock = systemClock,
): Promise<void> {
  await db.loginAttempt.create({ data: { email: ticket.email, ip: ticket.ip, success, createdAt: clock() } });
  if (!success) return;
  await db.$transaction(async (tx) => {
    for (const { key, scope } of ticket.keys) {
      if (scope === "pair") await tx.$executeRaw`DELETE FROM auth_throttle WHERE key = ${key}`;
      else await tx.$executeRaw`UPDATE auth_throttle SET count = GREATEST(count - 1, 0) WHERE key = ${key}`;
    }
  });
}

/** Login attempts older than this are deleted (admins see recent ones; known addresses use 30 days). */
export const KEEP_ATTEMPTS_MS = 30 * 24 * 60 * 60_000;

/** Drops old attempts and quiet counters so both tables stay small; called after a successful sign-in. */
export async function pruneAttempts(db: Db, clock: Clock = systemClock): Promise<number> {
  const now = clock().getTime();
  const { count } = await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now - KEEP_ATTEMPTS_MS) } },
  });
  await db.authThrottle.deleteMany({
    where: { lastAt: { lt: new Date(now - POLICY.windowMs) }, retryAt: { lt: new Date(now) } },
  });
  return count;
}

/** Words for the sign-in page. Says when to try again; never whether the account exists. */
export function throttleMessage(retryAt: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  if (seconds < 120) return `Too many failed attempts. Wait ${seconds} ${plural(seconds, "second")} and try again.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed attempts. Wait about ${minutes} minutes and try again (after ${utcClock(retryAt)}).`;
}
