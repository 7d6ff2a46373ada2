import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { writeAudit } from "@/lib/audit";
import { isRecord } from "@/lib/is-record";
import type { Role } from "@/lib/roles";
import { authConfig } from "./config";
import { DUMMY_HASH, verifyPassword } from "./password";
import { requestIp } from "./request-ip";
import { sessionPolicy } from "./policy";
import { createSession, pruneSessions } from "./sessions";
import { normalizeEmail, pruneAttempts, reserveAttempt, settleAttempt } from "./throttle";
import { answerChallenge, challengeUser, createChallenge, type SecondStep } from "./two-factor";

/**
 * Thrown when too many attempts were made; `code` carries "slow:<ms>" (when to retry). Said the same way for known and
 * unknown emails.
 */
export class ThrottledSignin extends CredentialsSignin {
  constructor(retryAt: Date) {
    super();
    this.code = `slow:${retryAt.getTime()}`;
  }
}

/**
 * The password was right and the user has two-factor on: `code` carries "2fa:<challenge token>" for the second step.
 */
export class SecondFactorNeeded extends CredentialsSignin {
  constructor(token: string) {
    super();
    this.code = `2fa:${token}`;
  }
}

/** The second step's challenge is used up, expired or unknown: start again with the password. */
export class ChallengeExpired extends CredentialsSignin {
  code = "challenge_expired";
}

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});
// Parses into what answerChallenge takes, so the form's fields and its parameter cannot drift apart.
const secondStepSchema = z.object({
  challenge: z.string().min(20).max(100),
  code: z.string().trim().min(6).max(20),
}) satisfies z.ZodType<SecondStep>;

type SignedInUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
};

/** The last step of every successful sign-in: a session record, an audit row, the token's claims. */
async function completeSignIn(user: SignedInUser, ip: string, method: "password" | "totp" | "recovery") {
  const sessionId = await createSession(prisma, user.id, ip, sessionPolicy(process.env));
  await writeAudit(prisma, {
    action: "auth.sign_in",
    objectKind: "user",
    externalId: user.id,
    outcome: "success",
    user,
    traceId: randomUUID(),
    after: { ip, method },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
    sessionId,
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an expected outcome (counted by the throttle), not a server error.
    error(error) {
      // Read as unknown: Auth.js hands on whatever was thrown, not always an Error.
      if (isRecord(error) && error.type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const email = normalizeEmail(parsed.data.email);
        const ip = requestIp(request.headers);

        const verdict = await reserveAttempt(prisma, email, ip);
        if (!verdict.allowed) throw new ThrottledSignin(verdict.retryAt);

        const user = await prisma.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } } });
        // Always run bcrypt, even for an unknown email, so timing does not tell them apart.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || user.disabledAt) {
          await settleAttempt(prisma, verdict.ticket, false);
          return null;
        }
        await settleAttempt(prisma, verdict.ticket, true);
        // Housekeeping; a failure here must not refuse a right password.
        await pruneAttempts(prisma).catch(() => undefined);
        await pruneSessions(prisma).catch(() => undefined);
        if (user.totpEnabledAt) throw new SecondFactorNeeded(await createChallenge(prisma, user.id, ip));
        return completeSignIn(user, ip, "password");
      },
    }),
    Credentials({
      id: "second-factor",
      credentials: { challenge: { type: "text" }, code: { label: "Code", type: "text" } },
      async authorize(raw, request) {
        const parsed = secondStepSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = requestIp(request.headers);
        const userId = await challengeUser(prisma, parsed.data.challenge);
        const user = userId ? await prisma.user.findUnique({ where: { id: userId } }) : null;
        if (!user || user.disabledAt) throw new ChallengeExpired();
        // Code guesses count against the same throttle as password guesses, before the code is looked at.
        const verdict = await reserveAttempt(prisma, user.email, ip);
        if (!verdict.allowed) throw new ThrottledSignin(verdict.retryAt);
        const result = await answerChallenge(prisma, parsed.data, env.SECRETS_ENCRYPTION_KEY);
        await settleAttempt(prisma, verdict.ticket, result.ok);
        if (!result.ok && result.reason === "expired") throw new ChallengeExpired();
        if (!result.ok) return null;
        return completeSignIn(user, ip, result.method);
      },
    }),
  ],
});
