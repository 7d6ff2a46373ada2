import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyVerification } from "@/lib/webhooks/notify";
import { alreadyAnswered } from "./answer-rules";
import { leaseMs } from "./config";
import { isAnswered, isOpen } from "./open";
import { openSql } from "./open-query";
import { operatorName, type Operator } from "./operator";

// Claims are leases: a claim holds while the claimer's detail view renews it (heartbeat) and lapses
// `VERIFICATION_LEASE_SECONDS` after the last renewal (the expiry sweep in expire.ts frees it with a
// NOTIFY). A dealer admin can take one over; disabling a user or signing them out frees theirs, and
// removing them from a dealer or making them a viewer there frees theirs in that dealer.
type Tx = Prisma.TransactionClient;
type Dealer = { id: string };

/**
 * What `meId` may claim: an open item (open.ts) that no other operator holds a live lease on, i.e.
 * pending, already held by `meId` (a renewal), or claimed with a lease that lapsed before the sweep freed it.
 */
const claimableBy = (meId: string, now: Date) =>
  Prisma.sql`${openSql(now)} AND (state = 'pending' OR claimed_by_id = ${meId} OR lease_expires_at <= ${now})`;

/** An open item someone holds a claim on (whether or not its lease is still live). */
const openClaim = (now: Date) => Prisma.sql`${openSql(now)} AND state = 'claimed'`;

/**
 * Claims atomically: a pending item, one whose lease lapsed, or one this user already holds (which
 * renews the lease). A second operator gets "Claimed by …". Runs inside the caller's transaction
 * (with the audit row) and NOTIFYs so every open page shows the claim at once.
 */
export async function claimInTx(tx: Tx, dealer: Dealer, id: string, me: Operator, now = new Date()) {
  const lease = new Date(now.getTime() + leaseMs());
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE verifications
       SET state = 'claimed', claimed_by_id = ${me.id}, claimed_by_name = ${operatorName(me)},
           claimed_at = CASE WHEN state = 'claimed' AND claimed_by_id = ${me.id} THEN claimed_at ELSE ${now} END,
           lease_expires_at = ${lease}, updated_at = ${now}
     WHERE id = ${id} AND dealer_link_id = ${dealer.id} AND ${claimableBy(me.id, now)}
     RETURNING id`;
  if (rows.length === 0) throw await refusal(tx, dealer, id, now);
  await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "claimed" });
}

/** A dealer admin takes over another operator's claim. Returns who held it (for the audit row). */
export async function takeOverInTx(
  tx: Tx,
  dealer: Dealer,
  id: string,
  me: Operator,
  now = new Date(),
): Promise<{ previous: string | null }> {
  const before = await tx.verification.findUnique({ where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } } });
  if (!before) throw new ActionError("not_found", "This verification is not in this dealer's queue.");
  if (before.state !== "claimed" || before.claimedById === me.id)
    return claimInTx(tx, dealer, id, me, now).then(() => ({ previous: null }));
  const lease = new Date(now.getTime() + leaseMs());
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE verifications
       SET claimed_by_id = ${me.id}, claimed_by_name = ${operatorName(me)}, claimed_at = ${now}, lease_expires_at =
         ${lease}, updated_at = ${now}
     WHERE id = ${id} AND dealer_link_id = ${dealer.id} AND ${openClaim(now)}
     RETURNING id`;
  if (rows.length === 0) throw await refusal(tx, dealer, id, now);
  await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "claimed" });
  return { previous: before.claimedByName };
}

/** The claimer's heartbeat. `held: false` when the claim is gone (lapsed, taken over, answered). */
export async function renewLease(
  dealer: Dealer,
  id: string,
  userId: string,
  now = new Date(),
): Promise<{ held: boolean; leaseExpiresAt: Date | null }> {
  const lease = new Date(now.getTime() + leaseMs());
  // No NOTIFY and no updated_at bump: nothing another page shows has changed.
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE verifications SET lease_expires_at = ${lease}
     WHERE id = ${id} AND dealer_link_id = ${dealer.id} AND state = 'claimed' AND claimed_by_id = ${userId} AND
       lease_expires_at > ${now}
     RETURNING id`;
  return rows.length ? { held: true, leaseExpiresAt: lease } : { held: false, leaseExpiresAt: null };
}

/**
 * Frees the claims `where` picks, whoever's and whatever the reason: back to pending with no claimer
 * and no lease, each announced to open pages. Returns how many.
 */
async function freeClaims(tx: Tx, where: Prisma.Sql, now: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; dealer_link_id: string }[]>`
    UPDATE verifications SET state = 'pending', claimed_by_id = NULL, claimed_by_name = NULL, claimed_at = NULL,
      lease_expires_at = NULL, updated_at = ${now}
     WHERE ${where}
     RETURNING id, dealer_link_id`;
  for (const r of rows) await notifyVerification(tx, { id: r.id, dealerLinkId: r.dealer_link_id, state: "pending" });
  return rows.length;
}

export async function releaseInTx(tx: Tx, dealer: Dealer, id: string, me: Operator, now = new Date()) {
  const mine = Prisma.sql`id = ${id} AND dealer_link_id = ${dealer.id} AND state = 'claimed'
    AND claimed_by_id = ${me.id}`;
  if ((await freeClaims(tx, mine, now)) === 0) throw await refusal(tx, dealer, id, now);
}

/**
 * Frees every claim a user holds: in every dealer (sign-out, disabling the user), or in one
 * (`dealerLinkId`: removed from it, or made a viewer there). Pass the caller's transaction so the
 * release commits (and is announced) with the change that caused it.
 */
export async function releaseClaimsOf(
  userId: string,
  tx?: Tx,
  opts: { dealerLinkId?: string; now?: Date } = {},
): Promise<number> {
  const inDealer = opts.dealerLinkId ? Prisma.sql`AND dealer_link_id = ${opts.dealerLinkId}` : Prisma.empty;
  const theirs = Prisma.sql`state = 'claimed' AND claimed_by_id = ${userId} ${inDealer}`;
  const run = (t: Tx) => freeClaims(t, theirs, opts.now ?? new Date());
  return tx ? run(tx) : prisma.$transaction(run);
}

/** Claims whose lease lapsed go back to pending (with NOTIFY). Called by the expiry sweep. */
export async function releaseLapsedLeases(tx: Tx, now = new Date()): Promise<number> {
  return freeClaims(tx, Prisma.sql`${openClaim(now)} AND lease_expires_at <= ${now}`, now);
}

/** Why a claim or answer cannot go ahead, in words an operator understands. */
export async function refusal(tx: Tx, dealer: Dealer, id: string, now: Date): Promise<ActionError> {
  const row = await tx.verification.findUnique({ where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } } });
  if (!row) return new ActionError("not_found", "This verification is not in this dealer's queue.");
  if (row.state === "claimed" && isOpen(row, now))
    return new ActionError("claimed", `Claimed by ${row.claimedByName ?? "another operator"}.`);
  if (isAnswered(row.state)) return new ActionError("answered", alreadyAnswered(row));
  if (row.state === "cancelled")
    return new ActionError("cancelled", "The alarm was resolved; this verification was cancelled.");
  return new ActionError("expired", "This verification has expired.");
}
