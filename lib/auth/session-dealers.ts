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

/** One dealer as the session query's json_agg hands it over (timestamps as UTC wall time, no zone). */
export type SessionDealerJson = {
  id: string;
  chekt_dealer_id: number;
  external_dealer_id: string;
  company_name: string;
  connected_at: string;
  role: Role;
};

/** Prisma stores DateTime as UTC in a timestamp column; json renders it without a zone. */
export function fromSessionJson(rows: SessionDealerJson[]): SessionDealer[] {
  return rows.map((r) => ({
    id: r.id,
    chektDealerId: r.chekt_dealer_id,
    externalDealerId: r.external_dealer_id,
    companyName: r.company_name,
    connectedAt: new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(r.connected_at) ? r.connected_at : `${r.connected_at}Z`),
    role: r.role,
  }));
}
