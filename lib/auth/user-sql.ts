// Rules about a user that the hot session query (lib/auth/session.ts, one round trip per request) and
// the standalone reads (lib/dealer.ts listMyDealers, lib/auth/two-factor.ts twoFactorRequiredFor) both
// need, written once as SQL over a `users` row aliased `u`, so the one-query path cannot drift from them.
import { Prisma } from "@/lib/generated/prisma/client";
import { CONNECTED_SQL } from "@/lib/dealer-connected";

/**
 * The connected dealers user `u` works on, each with their role there (the owner is an admin of every
 * one without a membership row): a correlated subquery, ordered by CHeKT dealer id.
 */
export const MEMBER_DEALERS = Prisma.sql`(
  SELECT d.id, d.chekt_dealer_id, d.external_dealer_id, d.company_name, d.connected_at,
         CASE WHEN u.is_owner THEN 'admin' ELSE m.role::text END AS role
  FROM dealer_links d
  LEFT JOIN memberships m ON m.user_id = u.id AND m.dealer_link_id = d.id
  WHERE ${Prisma.raw(CONNECTED_SQL("d"))} AND (u.is_owner OR m.role IS NOT NULL)
  ORDER BY d.chekt_dealer_id)`;

/**
 * Must `u` sign in with a second factor: a dealer they belong to requires it; the owner acts in every
 * dealer, so any dealer's requirement applies to them.
 */
export const TWO_FACTOR_REQUIRED = Prisma.sql`(CASE WHEN u.is_owner
  THEN EXISTS (SELECT 1 FROM dealer_links d WHERE d.require_two_factor)
  ELSE EXISTS (SELECT 1 FROM memberships m JOIN dealer_links d ON d.id = m.dealer_link_id
               WHERE m.user_id = u.id AND d.require_two_factor) END)`;
