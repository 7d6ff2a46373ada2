import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { myDealers, NO_DEALER_MESSAGE, userAtDealer, type MemberDealer } from "@/lib/dealer";
import { hasRole, type Role } from "@/lib/roles";
import type { AuditObjectKind } from "@/lib/audit-kinds";
import { auditForbiddenPage, auditRefusedLookup } from "./refused-lookup";
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
  const scope = await userAtDealer(sessionUser);
  if (!hasRole(scope.user.role, role)) await refuseForbiddenPage(scope, role);
  return scope;
}

/**
 * The 403 page for a user whose role in the current dealer is below `role`, with the refusal audit
 * row. requirePageScope() calls it; so does the admin pages' wrapper (lib/settings/dealers.ts), which
 * first asks whether the dealer the URL picks is one the user administers.
 */
export async function refuseForbiddenPage(scope: DealerScope, role: Role): Promise<never> {
  const where = (await headers()).get(REQUEST_PATH_HEADER);
  await auditForbiddenPage(scope.user, scope.dealer, `Only ${roleNeeded(role)} can open this page.`, where);
  forbidden();
}

/** A scope whose user works on a dealer: what the not-found helpers below need. */
export type DealerBound = { user: SessionUser; dealer: MemberDealer };

/**
 * For a page whose URL names an object (site, contact, job…) the current dealer does not have:
 * writes the refusal audit row, then shows the 404 page — another dealer's object looks exactly
 * like one that never existed, and the attempt is in the history.
 */
export async function refuseNotFound(scope: DealerBound, kind: AuditObjectKind, id: string | number): Promise<never> {
  await auditRefusedLookup({
    user: scope.user,
    dealer: scope.dealer,
    kind,
    id,
    where: (await headers()).get(REQUEST_PATH_HEADER),
  });
  notFound();
}

/** requirePageScope() for callers that only need the user (with their role in the current dealer). */
export async function requireRole(role: Role = "viewer"): Promise<SessionUser> {
  return (await requirePageScope(role)).user;
}

/**
 * How a route's check counts: `touch: false` looks without counting as activity (the live queue
 * stream's, which the page opens and re-asks on its own: lib/auth/sessions.ts checkSessionRecord).
 */
export type RouteCheck = {
  touch?: boolean;
  /**
   * The dealer link the calling page was drawn for (pageDealerOf): the route then answers only while
   * that is still the user's current dealer (requireRouteDealer), so a tab left open on dealer A never
   * shows or acts on dealer B after a switch in another tab.
   */
  dealer?: string | null;
};

/** The dealer link a desk page's request names (`?dealer=<link id>`): the one the page was drawn for. */
export function pageDealerOf(request: Request): string | null {
  return new URL(request.url).searchParams.get("dealer") || null;
}

async function requestPath(): Promise<string | null> {
  return headers().then(
    (h) => h.get(REQUEST_PATH_HEADER),
    () => null,
  );
}

export type RouteGuard =
  { user: SessionUser; dealer: MemberDealer | null; denied: null } | { user: null; dealer: null; denied: NextResponse };

/**
 * For route handlers (first line). JSON 401/403 instead of a redirect:
 *
 *   const { user, dealer, denied } = await requireRouteRole("operator");
 *   if (denied) return denied;
 */
export async function requireRouteRole(role: Role = "viewer", check: RouteCheck = {}): Promise<RouteGuard> {
  const sessionUser = await getSessionUser(check.touch ?? true);
  if (!sessionUser) {
    return {
      user: null,
      dealer: null,
      denied: NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 }),
    };
  }
  const { user, dealer } = await userAtDealer(sessionUser);
  if (!hasRole(user.role, role)) {
    // Audited like a page's 403 (requirePageScope): the attempt shows in the dealer's history.
    await auditForbiddenPage(user, dealer, `Only ${roleNeeded(role)} can do this.`, await requestPath());
    return {
      user: null,
      dealer: null,
      denied: NextResponse.json(
        { error: { code: "forbidden", message: `Only ${roleNeeded(role)} can do this.` } },
        { status: 403 },
      ),
    };
  }
  return { user, dealer, denied: null };
}

export type RouteDealerGuard = (DealerBound & { denied: null }) | { user: null; dealer: null; denied: NextResponse };

/**
 * requireRouteRole() for handlers that work on the current dealer: the dealer it resolved is
 * handed over (no second lookup), and a user with no dealer gets a JSON 409 instead. With
 * `check.dealer` (the page's dealer) it must also be that one, else pageDealerRefusal answers.
 */
export async function requireRouteDealer(role: Role = "viewer", check: RouteCheck = {}): Promise<RouteDealerGuard> {
  const guard = await requireRouteRole(role, check);
  if (guard.denied) return guard;
  if (!guard.dealer) {
    return {
      user: null,
      dealer: null,
      denied: NextResponse.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 }),
    };
  }
  const named = check.dealer;
  if (named && named !== guard.dealer.id) {
    return {
      user: null,
      dealer: null,
      denied: await pageDealerRefusal({ user: guard.user, dealer: guard.dealer }, named),
    };
  }
  return { user: guard.user, dealer: guard.dealer, denied: null };
}

/**
 * A page drawn for one dealer while the user now works on another. Still a member of the page's
 * dealer: a 409 naming both (they switched in another tab; both names are theirs to see). Not a
 * member (taken off it, or another dealer's id): a 404 that names no dealer, audited like any
 * foreign id, so probing link ids learns nothing.
 */
async function pageDealerRefusal(scope: DealerBound, named: string): Promise<NextResponse> {
  const page = (await myDealers(scope.user)).find((d) => d.id === named);
  if (!page) {
    await auditRefusedLookup({ ...scope, kind: "dealer", id: named, where: await requestPath() });
    return NextResponse.json({ error: { code: "not_found", message: "No such dealer." } }, { status: 404 });
  }
  const [was, now] = [page.companyName, scope.dealer.companyName];
  const message = `This page is for ${was}; you switched to ${now} in another tab. Reload to work on ${now}.`;
  return NextResponse.json({ error: { code: "dealer_switched", message } }, { status: 409 });
}

/** A route's 404 for an id the current dealer does not have, with the refusal audit row (see refuseNotFound). */
export async function refusedNotFoundJson(
  scope: DealerBound,
  kind: AuditObjectKind,
  id: string | number,
  request: Request,
): Promise<NextResponse> {
  await auditRefusedLookup({ user: scope.user, dealer: scope.dealer, kind, id, where: new URL(request.url).pathname });
  return notFoundJson(kind.replace(/_/g, " "));
}

/** The JSON 404 a route answers for an object that is not the current dealer's (or does not exist). */
export function notFoundJson(what: string): NextResponse {
  return NextResponse.json(
    { error: { code: "not_found", message: `No such ${what} for this dealer.` } },
    { status: 404 },
  );
}
