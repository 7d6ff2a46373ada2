// A server-side session record, as a real sign-in makes one (lib/auth/sessions.ts), for tests that
// sign in through a real encrypted session cookie (session-cookie.ts): the cookie's `sid` names it.
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A session of the user, open for the next hour; returns the `sid` and `expires` claims for the cookie. */
export async function openAuthSession(prisma: PrismaClient, userId: string, sid = `sid_${userId}`) {
  const now = new Date();
  const expires = new Date(now.getTime() + 3600_000);
  await prisma.authSession.create({
    data: { id: sid, userId, ip: "127.0.0.1", createdAt: now, lastSeenAt: now, expiresAt: expires },
  });
  return { sid, expires: expires.toISOString() };
}
