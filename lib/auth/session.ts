import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/roles";
import { auth } from "./index";
import { sessionPolicy } from "./policy";
import { validateSession } from "./sessions";
import { twoFactorRequiredFor } from "./two-factor";

export type SessionUser = { id: string; email: string; name: string; role: Role };

type Resolved = { user: SessionUser; sessionId: string; mustEnrol: boolean } | null;

/**
 * The cookie's session checked against Postgres (lib/auth/sessions.ts: ended, idle, past its
 * absolute lifetime, user disabled, session version bumped), and whether the user still has to
 * set up a second factor a dealer of theirs requires. Cached per request.
 */
const resolveSession = cache(async (): Promise<Resolved> => {
  const session = await auth();
  const valid = await validateSession(prisma, { uid: session?.user?.id, sid: session?.sid, sv: session?.sv }, sessionPolicy(process.env));
  if (!valid) return null;
  const { id, email, name, role } = valid.user;
  const enrolled = await prisma.user.findUnique({ where: { id }, select: { totpEnabledAt: true } });
  const mustEnrol = !enrolled?.totpEnabledAt && (await twoFactorRequiredFor(prisma, id));
  return { user: { id, email, name, role }, sessionId: valid.sessionId, mustEnrol };
});

/**
 * The signed-in user, re-read from Postgres; null when nobody is signed in, the session has
 * ended, or the user must first set up two-factor sign-in (every page, action and route then
 * refuses them, and sign-in sends them to the setup page).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const s = await resolveSession();
  return s && !s.mustEnrol ? s.user : null;
});

/** For the two-factor setup page and its actions only: the user even while setup is still owed. */
export const getEnrolmentUser = cache(async (): Promise<{ user: SessionUser; mustEnrol: boolean } | null> => {
  const s = await resolveSession();
  return s ? { user: s.user, mustEnrol: s.mustEnrol } : null;
});

/** This browser's session record id (a password change keeps it and ends the others). */
export async function currentSessionId(): Promise<string | null> {
  return (await resolveSession())?.sessionId ?? null;
}
