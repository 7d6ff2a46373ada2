// Two-factor sign-in: TOTP (RFC 6238, the codes of any authenticator app) through `otpauth`,
// ten single-use recovery codes kept only as SHA-256, and the short-lived challenge that carries a
// correct password to the second step. No "server-only": integration tests drive it with their own
// Prisma client, key and clock; the secret is sealed with SECRETS_ENCRYPTION_KEY (lib/secrets.ts).
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decryptSecret, encryptSecret } from "@/lib/secrets";
import { systemClock, type Clock } from "./throttle";
import { TWO_FACTOR_REQUIRED } from "./user-sql";

type Db = Pick<
  PrismaClient,
  "$transaction" | "$executeRaw" | "$queryRaw" | "user" | "recoveryCode" | "signInChallenge"
>;

export const ISSUER = "CHeKT dealer console";
const PERIOD_S = 30;
/** A code from the step before or after is accepted too (clock drift on the phone). */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** 160 random bits, base32 (what authenticator apps expect). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The current code (tests and the enrolment spec act as the authenticator app). */
export function currentCode(secretBase32: string, at: Date = new Date()): string {
  return totp(secretBase32, "x").generate({ timestamp: at.getTime() });
}

/** The time step a code belongs to, or null when it matches none in the window. */
export function matchStep(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32, "x").validate({ token, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PERIOD_S) + delta;
}

const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** "ABCDE-FGHJK": 10 characters from a 32-letter alphabet without look-alikes (50 bits). */
export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: n }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest("hex");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[A-Z0-9]{10}$/.test(code.toUpperCase().replace(/[\s-]/g, ""));
}

/**
 * Must this user sign in with a second factor? Yes when a dealer link they belong to requires it;
 * the organisation owner acts in every dealer, so any dealer's requirement applies to them.
 */
export async function twoFactorRequiredFor(db: Db, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ required: boolean }[]>`
    SELECT ${TWO_FACTOR_REQUIRED} AS required FROM users u WHERE u.id = ${userId}`;
  return rows[0]?.required ?? false;
}

/** A user's two-factor columns: when it was turned on, and the sealed secret (waiting for a code until then). */
const TOTP_COLUMNS = { totpEnabledAt: true, totpSecretEnc: true } as const;

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  pendingSecret: string | null;
  recoveryCodesLeft: number;
  required: boolean;
};

export async function twoFactorStatus(db: Db, userId: string, key: string): Promise<TwoFactorStatus> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: TOTP_COLUMNS });
  const [left, required] = await Promise.all([
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    twoFactorRequiredFor(db, userId),
  ]);
  return {
    enabled: !!user.totpEnabledAt,
    enabledAt: user.totpEnabledAt,
    pendingSecret: !user.totpEnabledAt && user.totpSecretEnc ? decryptSecret(user.totpSecretEnc, key) : null,
    recoveryCodesLeft: user.totpEnabledAt ? left : 0,
    required,
  };
}

/** A new pending secret (replacing an unconfirmed one); two-factor is on only once a code confirms it. */
export async function startEnrolment(db: Db, userId: string, key: string): Promise<string> {
  const secret = newTotpSecret();
  const { count } = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null },
    data: { totpSecretEnc: encryptSecret(secret, key), lastTotpStep: null },
  });
  if (count === 0) throw new TwoFactorError("already_enabled", "Two-factor sign-in is already on.");
  return secret;
}

export class TwoFactorError extends Error {
  constructor(
    readonly code: "already_enabled" | "not_enabled" | "no_pending" | "wrong_code" | "required",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Claims a TOTP step for the user: a code is good once, so a code seen over a shoulder (or
 * replayed) within its 90 seconds is refused. Atomic: two parallel uses of one code, one wins.
 */
async function claimStep(db: Pick<PrismaClient, "$executeRaw">, userId: string, step: number): Promise<boolean> {
  const n =
    await db.$executeRaw`UPDATE users SET last_totp_step = ${BigInt(step)} WHERE id = ${userId} AND (last_totp_step IS
        NULL OR last_totp_step < ${BigInt(step)})`;
  return n === 1;
}

/**
 * Confirms the pending secret with a code from the app; turns two-factor on and returns fresh recovery codes (shown
 * once).
 */
export async function confirmEnrolment(
  db: Db,
  userId: string,
  code: string,
  key: string,
  clock: Clock = systemClock,
): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: TOTP_COLUMNS });
  if (user.totpEnabledAt) throw new TwoFactorError("already_enabled", "Two-factor sign-in is already on.");
  if (!user.totpSecretEnc)
    throw new TwoFactorError("no_pending", "Start the setup again: no secret is waiting for a code.");
  const step = matchStep(decryptSecret(user.totpSecretEnc, key), code, clock());
  if (step === null || !(await claimStep(db, userId, step)))
    throw new TwoFactorError("wrong_code", "That code is not right. Enter the 6 digits your app shows now.");
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: clock() } });
  });
  return codes;
}

/** Checks a code from the app or an unused recovery code for a user who has two-factor on. */
export async function checkSecondFactor(
  db: Db,
  userId: string,
  code: string,
  key: string,
  clock: Clock = systemClock,
): Promise<"totp" | "recovery" | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: TOTP_COLUMNS });
  if (!user?.totpEnabledAt || !user.totpSecretEnc) return null;
  const step = matchStep(decryptSecret(user.totpSecretEnc, key), code, clock());
  if (step !== null) return (await claimStep(db, userId, step)) ? "totp" : null;
  if (!looksLikeRecoveryCode(code)) return null;
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: clock() },
  });
  return count === 1 ? "recovery" : null;
}

/** Turns two-factor off (refused while a dealer of the user requires it); the caller checked a code first. */
export async function disableTwoFactor(db: Db, userId: string): Promise<void> {
  if (await twoFactorRequiredFor(db, userId))
    throw new TwoFactorError(
      "required",
      "A dealer you work for requires two-factor sign-in, so it cannot be turned off.",
    );
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: { totpEnabledAt: null, totpSecretEnc: null, lastTotpStep: null },
    });
  });
}

export async function regenerateRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  });
  return codes;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** After a correct password: a token (for an httpOnly cookie) that lets the second step finish the sign-in. */
export async function createChallenge(db: Db, userId: string, ip: string, clock: Clock = systemClock): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = clock();
  await db.signInChallenge.create({
    data: {
      tokenHash: sha256(token),
      userId,
      ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
  });
  // Old challenges go as new ones come; nothing else reads them.
  await db.signInChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - CHALLENGE_TTL_MS) } } });
  return token;
}

/** Whose challenge this is, while it can still be answered (null: expired, used or unknown). Reads only. */
export async function challengeUser(db: Db, token: string, clock: Clock = systemClock): Promise<string | null> {
  const row = await db.signInChallenge.findUnique({
    where: { tokenHash: sha256(token) },
    select: { userId: true, usedAt: true, expiresAt: true, attempts: true },
  });
  if (!row || row.usedAt || row.expiresAt <= clock() || row.attempts >= CHALLENGE_MAX_ATTEMPTS) return null;
  return row.userId;
}

/** The second step as the sign-in form sends it, named so that the two strings cannot be swapped. */
export type SecondStep = { challenge: string; code: string };

export type ChallengeResult =
  | { ok: true; userId: string; method: "totp" | "recovery" }
  | { ok: false; reason: "expired" | "wrong_code"; userId?: string };

/**
 * The second step. Each try uses up one of the challenge's attempts first (atomically), so
 * parallel guesses cannot exceed them; the right code uses the challenge up.
 */
export async function answerChallenge(
  db: Db,
  { challenge: token, code }: SecondStep,
  key: string,
  clock: Clock = systemClock,
): Promise<ChallengeResult> {
  const now = clock();
  const hash = sha256(token);
  const n = await db.$executeRaw`
    UPDATE sign_in_challenges SET attempts = attempts + 1
    WHERE token_hash = ${hash} AND used_at IS NULL AND expires_at > ${now} AND attempts < ${CHALLENGE_MAX_ATTEMPTS}`;
  if (n !== 1) return { ok: false, reason: "expired" };
  const challenge = await db.signInChallenge.findUniqueOrThrow({
    where: { tokenHash: hash },
    select: { userId: true },
  });
  const method = await checkSecondFactor(db, challenge.userId, code, key, clock);
  if (!method) return { ok: false, reason: "wrong_code", userId: challenge.userId };
  const used = await db.signInChallenge.updateMany({ where: { tokenHash: hash, usedAt: null }, data: { usedAt: now } });
  if (used.count !== 1) return { ok: false, reason: "expired" };
  return { ok: true, userId: challenge.userId, method };
}
