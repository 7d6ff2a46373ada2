import "server-only";
import type { Role } from "@/lib/roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from Postgres (a disabled user or a bumped session version ends
 * the session even though the JWT has not expired). Null when nobody is signed in.
 * PLACEHOLDER until lib/auth (next-auth) lands: the app-foundation work replaces this body.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return null;
}
