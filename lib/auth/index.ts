import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { writeAudit } from "@/lib/audit";
import { authConfig } from "./config";
import { DUMMY_HASH, verifyPassword } from "./password";
import { checkThrottle, clientIp, normalizeEmail, pruneAttempts, recordAttempt } from "./throttle";

/**
 * Thrown when too many attempts were made; `code` carries "slow:<ms>" or "locked:<ms>" (when to
 * retry). Said the same way for known and unknown emails.
 */
export class ThrottledSignin extends CredentialsSignin {
  constructor(kind: "slow" | "locked", retryAt: Date) {
    super();
    this.code = `${kind}:${retryAt.getTime()}`;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an expected outcome (counted in login_attempts), not a server error.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const email = normalizeEmail(parsed.data.email);
        const ip = clientIp(request.headers);

        const verdict = await checkThrottle(prisma, email, ip);
        if (!verdict.allowed) throw new ThrottledSignin(verdict.kind, verdict.retryAt);

        const user = await prisma.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } } });
        // Always run bcrypt, even for an unknown email, so timing does not tell them apart.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || user.disabledAt) {
          await recordAttempt(prisma, email, ip, false);
          return null;
        }
        await recordAttempt(prisma, email, ip, true);
        await pruneAttempts(prisma).catch(() => undefined);
        await writeAudit(prisma, { action: "auth.sign_in", objectKind: "user", externalId: user.id, outcome: "success", user, after: { ip } });
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
});
