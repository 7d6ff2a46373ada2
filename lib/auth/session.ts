import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/roles";
import { auth } from "./index";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from Postgres (a disabled user or a bumped session version ends
 * the session even though the JWT has not expired). Null when nobody is signed in.
 * Cached per request: a page, its layout and its actions share one lookup.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || typeof session.sv !== "number") return null;
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt) return null;
  if (session.sv !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});
