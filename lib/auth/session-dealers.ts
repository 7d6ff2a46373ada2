// The signed-in user's connected dealers, loaded in the same SQL round trip as their session
// (lib/auth/session.ts) and handed to lib/dealer.ts without a second query. Keyed by the very
// user object that session check returned: each request builds a new one, so a membership
// removed a moment ago is never served from an earlier request, and nothing is kept once the
// request's objects are gone. React's cache() would not do: it only memoises while a server
// component renders, not in a server action or a route handler.
import type { Role } from "@/lib/roles";

export type SessionDealer = {
  id: string;
  chektDealerId: number;
  externalDealerId: string;
  companyName: string;
  connectedAt: Date;
  role: Role;
};

const byUser = new WeakMap<object, { dealers: SessionDealer[]; isOwner: boolean }>();

export function rememberSessionDealers(user: object, dealers: SessionDealer[], isOwner: boolean): void {
  byUser.set(user, { dealers, isOwner });
}

/** What the session check loaded for this user object, or undefined (another object: query instead). */
export function sessionDealersOf(user: object): { dealers: SessionDealer[]; isOwner: boolean } | undefined {
  return byUser.get(user);
}

/**
 * One row of MEMBER_DEALERS (lib/auth/user-sql.ts): as a query reads it (`connected_at` a Date) or as the
 * session query's json_agg hands it over (a string of UTC wall time, no zone).
 */
export type MemberDealerRow = {
  id: string;
  chekt_dealer_id: number;
  external_dealer_id: string;
  company_name: string;
  connected_at: Date | string;
  role: Role;
};

/** Prisma stores DateTime as UTC in a timestamp column; json renders it without a zone. */
const utcDate = (t: Date | string) =>
  typeof t !== "string" ? t : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);

export function memberDealerOf(r: MemberDealerRow): SessionDealer {
  return {
    id: r.id,
    chektDealerId: r.chekt_dealer_id,
    externalDealerId: r.external_dealer_id,
    companyName: r.company_name,
    connectedAt: utcDate(r.connected_at),
    role: r.role,
  };
}
