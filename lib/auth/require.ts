import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { hasRole, type Role } from "@/lib/roles";
import { safeCallbackPath } from "./safe-redirect";
import { getSessionUser, type SessionUser } from "./session";

/** Header the proxy sets to the path (and query) being asked for, so pages can send it to sign-in. */
export const REQUEST_PATH_HEADER = "x-request-path";

/** Describes who may do what, for the 403 text: "an admin" / "an operator or admin". */
export function roleNeeded(role: Role): string {
  return role === "admin" ? "an admin" : role === "operator" ? "an operator or admin" : "a signed-in user";
}

async function signInUrl(): Promise<string> {
  const asked = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER), "/");
  return asked === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(asked)}`;
}

/**
 * For pages, layouts and server components (first line). Returns the user when their role is at
 * least `role`; otherwise it never returns: signed out → redirect to sign-in (and back afterwards),
 * signed in without the role → the 403 page (app/forbidden.tsx, HTTP 403).
 */
export async function requireRole(role: Role = "viewer"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(await signInUrl());
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

export type RouteGuard = { user: SessionUser; denied: null } | { user: null; denied: NextResponse };

/**
 * For route handlers (first line). JSON 401/403 instead of a redirect:
 *
 *   const { user, denied } = await requireRouteRole("operator");
 *   if (denied) return denied;
 */
export async function requireRouteRole(role: Role = "viewer"): Promise<RouteGuard> {
  const user = await getSessionUser();
  if (!user) {
    return { user: null, denied: NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 }) };
  }
  if (!hasRole(user.role, role)) {
    return {
      user: null,
      denied: NextResponse.json({ error: { code: "forbidden", message: `Only ${roleNeeded(role)} can do this.` } }, { status: 403 }),
    };
  }
  return { user, denied: null };
}
