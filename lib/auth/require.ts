import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { effectiveRole, resolveDealerFor, type MemberDealer } from "@/lib/dealer";
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

/** The signed-in user, their current dealer, and their role there (the one that counts). */
export type DealerScope = { user: SessionUser; dealer: MemberDealer | null };

/** Resolves the dealer once per request from the user's memberships; `user.role` becomes the role there. */
async function scopeOf(sessionUser: SessionUser): Promise<DealerScope> {
  const dealer = await resolveDealerFor(sessionUser);
  return { user: { ...sessionUser, role: await effectiveRole(sessionUser, dealer) }, dealer };
}

/**
 * For pages, layouts and server components (first line). Returns the user and their current
 * dealer when their role in that dealer is at least `role`; otherwise it never returns: signed out
 * → redirect to sign-in (and back afterwards), signed in without the role → the 403 page
 * (app/forbidden.tsx, HTTP 403). Look rows up by id with `dealer.id` in the where clause, and call
 * notFound() when that finds nothing: another dealer's object is a 404 by URL.
 */
export async function requirePageScope(role: Role = "viewer"): Promise<DealerScope> {
  const sessionUser = await getSessionUser();
  if (!sessionUser) redirect(await signInUrl());
  const scope = await scopeOf(sessionUser);
  if (!hasRole(scope.user.role, role)) forbidden();
  return scope;
}

/** requirePageScope() for callers that only need the user (with their role in the current dealer). */
export async function requireRole(role: Role = "viewer"): Promise<SessionUser> {
  return (await requirePageScope(role)).user;
}

export type RouteGuard = { user: SessionUser; dealer: MemberDealer | null; denied: null } | { user: null; dealer: null; denied: NextResponse };

/**
 * For route handlers (first line). JSON 401/403 instead of a redirect:
 *
 *   const { user, dealer, denied } = await requireRouteRole("operator");
 *   if (denied) return denied;
 */
export async function requireRouteRole(role: Role = "viewer"): Promise<RouteGuard> {
  const sessionUser = await getSessionUser();
  if (!sessionUser) {
    return { user: null, dealer: null, denied: NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 }) };
  }
  const { user, dealer } = await scopeOf(sessionUser);
  if (!hasRole(user.role, role)) {
    return {
      user: null,
      dealer: null,
      denied: NextResponse.json({ error: { code: "forbidden", message: `Only ${roleNeeded(role)} can do this.` } }, { status: 403 }),
    };
  }
  return { user, dealer, denied: null };
}

/** The JSON 404 a route answers for an object that is not the current dealer's (or does not exist). */
export function notFoundJson(what: string): NextResponse {
  return NextResponse.json({ error: { code: "not_found", message: `No such ${what} for this dealer.` } }, { status: 404 });
}
