// Slows down password guessing, per account and per client IP, using the login_attempts table so
// every app instance sees the same counts. No server-only import: integration tests drive it with
// their own Prisma client.
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "loginAttempt">;

export type Limits = {
  /** Failures in the window that cost nothing. */
  free: number;
  /** From this many failures in the window on, sign-in is locked. */
  lockAt: number;
};

export const POLICY = {
  windowMs: 15 * 60_000,
  /** Lock-out lasts this long after the last failure (equal to the window, so it then starts fresh). */
  lockMs: 15 * 60_000,
  /** Between `free` and `lockAt`: wait 1 s, 2 s, 4 s … after the last failure. */
  baseDelayMs: 1_000,
  account: { free: 5, lockAt: 10 } satisfies Limits,
  // One office behind one address shares it, so the IP allows more than one account does.
  ip: { free: 30, lockAt: 60 } satisfies Limits,
} as const;

export type Verdict =
  | { allowed: true }
  | { allowed: false; kind: "slow" | "locked"; retryAt: Date; scope: "account" | "ip" };

/**
 * Pure rule: given the failures in the window (any order), may another attempt be made now?
 */
export function judge(failures: Date[], now: Date, limits: Limits, scope: "account" | "ip"): Verdict {
  const n = failures.length;
  if (n < limits.free) return { allowed: true };
  const last = Math.max(...failures.map((d) => d.getTime()));
  if (n >= limits.lockAt) {
    const retryAt = new Date(last + POLICY.lockMs);
    return retryAt > now ? { allowed: false, kind: "locked", retryAt, scope } : { allowed: true };
  }
  const retryAt = new Date(last + POLICY.baseDelayMs * 2 ** (n - limits.free));
  return retryAt > now ? { allowed: false, kind: "slow", retryAt, scope } : { allowed: true };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Failures for this account since its last success (a successful sign-in clears the count). */
async function accountFailures(db: Db, email: string, since: Date): Promise<Date[]> {
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const from = lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since;
  const rows = await db.loginAttempt.findMany({
    where: { email, success: false, createdAt: { gt: from } },
    select: { createdAt: true },
    take: POLICY.account.lockAt + 1,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => r.createdAt);
}

async function ipFailures(db: Db, ip: string, since: Date): Promise<Date[]> {
  const rows = await db.loginAttempt.findMany({
    where: { ip, success: false, createdAt: { gte: since } },
    select: { createdAt: true },
    take: POLICY.ip.lockAt + 1,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => r.createdAt);
}

/** May this email, from this IP, try a password now? Checked before the password is looked at. */
export async function checkThrottle(db: Db, rawEmail: string, ip: string, now = new Date()): Promise<Verdict> {
  const email = normalizeEmail(rawEmail);
  const since = new Date(now.getTime() - POLICY.windowMs);
  const [acct, byIp] = await Promise.all([accountFailures(db, email, since), ipFailures(db, ip, since)]);
  const a = judge(acct, now, POLICY.account, "account");
  const b = judge(byIp, now, POLICY.ip, "ip");
  if (a.allowed) return b;
  if (b.allowed) return a;
  return a.retryAt >= b.retryAt ? a : b;
}

export async function recordAttempt(db: Db, rawEmail: string, ip: string, success: boolean, at?: Date): Promise<void> {
  await db.loginAttempt.create({ data: { email: normalizeEmail(rawEmail), ip, success, ...(at ? { createdAt: at } : {}) } });
}

/** Attempts older than this are deleted (the throttle only looks back 15 minutes; admins see recent ones). */
export const KEEP_ATTEMPTS_MS = 30 * 24 * 60 * 60_000;

/** Drops old attempts so the table stays small; called after a successful sign-in. */
export async function pruneAttempts(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_ATTEMPTS_MS) } } });
  return count;
}

/** Words for the sign-in page. Says when to try again; never whether the account exists. */
export function throttleMessage(kind: "slow" | "locked", retryAt: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  if (kind === "slow") {
    return `Too many failed attempts. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
  }
  const minutes = Math.ceil(seconds / 60);
  const hhmm = retryAt.toISOString().slice(11, 16);
  return `Too many failed attempts: sign-in is locked for about ${minutes} minute${minutes === 1 ? "" : "s"}. Try again after ${hhmm} UTC.`;
}

/**
 * The client's address as the nearest proxy saw it: the last x-forwarded-for entry (the one added
 * by our own proxy or by Next itself), since earlier entries can be typed in by anyone.
 */
export function clientIp(headers: Headers): string {
  const xff = headers.get("x-forwarded-for");
  if (xff) {
    const parts = xff.split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length) return parts[parts.length - 1].slice(0, 64);
  }
  return headers.get("x-real-ip")?.trim().slice(0, 64) || "unknown";
}
