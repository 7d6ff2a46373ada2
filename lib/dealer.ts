import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import {
  memberDealerOf,
  rememberSessionDealers,
  sessionDealersOf,
  type MemberDealerRow,
} from "@/lib/auth/session-dealers";
import { writeAudit } from "@/lib/audit";
import { prisma } from "@/lib/db";
import type { DealerLink } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/roles";
import { isConnected, MAYBE_CONNECTED } from "@/lib/dealer-connected";
import { MEMBER_DEALERS } from "@/lib/auth/user-sql";

export { isConnected } from "@/lib/dealer-connected";

/** httpOnly cookie holding the id of the DealerLink the user is working on. */
export const DEALER_COOKIE = "dealer_link";

export type ConnectedDealer = Pick<DealerLink, "id" | "chektDealerId" | "externalDealerId" | "companyName"> & {
  connectedAt: Date;
};

/** A connected dealer as one user sees it: with the role their membership gives them there. */
export type MemberDealer = ConnectedDealer & { role: Role };

export const NO_DEALER_MESSAGE = "No dealer connected — an admin can connect one on the Dealer page.";

/**
 * Every connected dealer link (connected, and not disconnected since), lowest CHeKT id first.
 * Organisation-wide: only for the owner's views and for code that is not acting for a user
 * (webhooks, background sweeps). A user's own list is listMyDealers().
 */
export const listConnectedDealers = cache(async (): Promise<ConnectedDealer[]> => {
  const rows = await prisma.dealerLink.findMany({
    where: MAYBE_CONNECTED,
    orderBy: { chektDealerId: "asc" },
    select: {
      id: true,
      chektDealerId: true,
      externalDealerId: true,
      companyName: true,
      connectedAt: true,
      disconnectedAt: true,
    },
  });
  return rows.flatMap(({ disconnectedAt, connectedAt, ...r }) =>
    connectedAt && isConnected({ connectedAt, disconnectedAt }) ? [{ ...r, connectedAt }] : [],
  );
});

/** Whether the user is the organisation owner (read from Postgres, not from the session token). */
export const isOwner = cache(async (userId: string): Promise<boolean> => {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { isOwner: true } });
  return row?.isOwner ?? false;
});

/**
 * The connected dealers this user is a member of, each with the user's role there. The owner is
 * an admin of every connected dealer without needing a membership row (MEMBER_DEALERS, the session
 * query's own list). One SQL round trip.
 */
export const listMyDealers = cache(async (userId: string): Promise<MemberDealer[]> => {
  const rows = await prisma.$queryRaw<MemberDealerRow[]>`
    SELECT d.* FROM users u CROSS JOIN LATERAL ${MEMBER_DEALERS} d
    WHERE u.id = ${userId}
    ORDER BY d.chekt_dealer_id ASC`;
  return rows.map(memberDealerOf);
});

/**
 * listMyDealers() for the signed-in user: what the session check already loaded with the session
 * (lib/auth/session-dealers.ts) when `user` is the object it returned, else the query.
 */
export async function myDealers(user: SessionUser): Promise<MemberDealer[]> {
  return sessionDealersOf(user)?.dealers ?? listMyDealers(user.id);
}

/** `user` with its role in the current dealer; still known to myDealers() without a query. */
export function withDealerRole(user: SessionUser, role: Role): SessionUser {
  const derived = { ...user, role };
  const known = sessionDealersOf(user);
  if (known) rememberSessionDealers(derived, known.dealers, known.isOwner);
  return derived;
}

/**
 * The dealer a user works on: the one named by the cookie if they are a member of it, otherwise
 * their first dealer. A cookie naming a dealer they are not a member of (edited by hand, or a
 * membership just removed) never grants anything: it is ignored and the attempt audited.
 */
export const resolveDealerFor = cache(async (user: SessionUser): Promise<MemberDealer | null> => {
  const mine = await myDealers(user);
  if (mine.length === 0) return null;
  const chosen = (await cookies()).get(DEALER_COOKIE)?.value;
  const match = chosen ? mine.find((d) => d.id === chosen) : undefined;
  if (chosen && !match) await auditForeignCookie(user, chosen);
  return match ?? mine[0] ?? null;
});

async function auditForeignCookie(user: SessionUser, chosen: string) {
  // Only a connected dealer the user does not belong to is a refusal worth a row; a stale cookie
  // for a disconnected dealer, or garbage, is ignored quietly.
  const foreign = (await listConnectedDealers()).find((d) => d.id === chosen);
  if (!foreign) return;
  await writeAudit(prisma, {
    action: "dealer.scope",
    objectKind: "dealer",
    chektId: String(foreign.chektDealerId),
    dealerLinkId: foreign.id,
    outcome: "refused",
    error: `${user.email} is not a member of ${foreign.companyName}`,
    traceId: randomUUID(),
    user,
  }).catch(() => undefined);
}

/**
 * The current dealer of the signed-in user (see resolveDealerFor). Null when nobody is signed in
 * or the user is a member of no connected dealer — pages then render <NoDealerState />.
 */
export const getCurrentDealer = cache(async (): Promise<MemberDealer | null> => {
  const user = await getSessionUser();
  return user ? resolveDealerFor(user) : null;
});

/**
 * The role that counts for this user right now: their membership's role in the current dealer
 * (admin everywhere for the owner). With no dealer to work on, only the owner keeps admin rights
 * (to connect the first dealer); anyone else is a viewer of nothing.
 */
export async function effectiveRole(user: SessionUser, dealer: MemberDealer | null): Promise<Role> {
  if (dealer) return dealer.role;
  return (sessionDealersOf(user)?.isOwner ?? (await isOwner(user.id))) ? "admin" : "viewer";
}

/**
 * The signed-in user at work: their current dealer (resolveDealerFor) and, as `user.role`, their role
 * there (effectiveRole), which is what every page, route and action check reads.
 */
export async function userAtDealer(user: SessionUser): Promise<{ user: SessionUser; dealer: MemberDealer | null }> {
  const dealer = await resolveDealerFor(user);
  return { user: withDealerRole(user, await effectiveRole(user, dealer)), dealer };
}

/**
 * Which dealers' rows an organisation-wide log (audit history) may show this user: null = all of
 * them and the rows of no dealer (the owner); otherwise only the current dealer's rows.
 */
export async function visibleDealerLinkIds(user: SessionUser, dealer: MemberDealer | null): Promise<string[] | null> {
  if (sessionDealersOf(user)?.isOwner ?? (await isOwner(user.id))) return null;
  return dealer ? [dealer.id] : [];
}

/**
 * The user's role in one dealer link named by id (connected or not — the admin pages also show
 * disconnected links): admin for the owner, the membership's role otherwise, null when none.
 */
export async function roleInDealerLink(userId: string, dealerLinkId: string): Promise<Role | null> {
  if (await isOwner(userId)) {
    return (await prisma.dealerLink.count({ where: { id: dealerLinkId } })) > 0 ? "admin" : null;
  }
  const m = await prisma.membership.findUnique({
    where: { userId_dealerLinkId: { userId, dealerLinkId } },
    select: { role: true },
  });
  return m?.role ?? null;
}

/** Dealer links the user administers (null = every link: the owner). For the admin pages' dealer pickers. */
export async function administeredDealerLinkIds(userId: string): Promise<string[] | null> {
  if (await isOwner(userId)) return null;
  const rows = await prisma.membership.findMany({ where: { userId, role: "admin" }, select: { dealerLinkId: true } });
  return rows.map((r) => r.dealerLinkId);
}
