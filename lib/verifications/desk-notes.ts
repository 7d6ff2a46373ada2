import "server-only";
import { ActionError } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { operatorName, type Operator } from "./operator";

// Writes of the detail view that stay in this console (CHeKT has no field for them): a site's
// directions and a verification's notes. Each runs inside the action's transaction with its audit
// row, and is keyed by the dealer link, so an id of another dealer finds nothing.
type Tx = Prisma.TransactionClient;
type Dealer = { id: string };

/** The directions as they are now; null when none were written. */
async function currentDirections(tx: Tx, dealer: Dealer, siteId: number): Promise<string | null> {
  const row = await tx.siteDirections.findUnique({
    where: { dealerLinkId_siteId: { dealerLinkId: dealer.id, siteId } },
    select: { text: true },
  });
  return row?.text ?? null;
}

/**
 * Saves (or, with empty text, removes) a site's directions. The site must be in this dealer's mirror.
 * Returns the directions it replaced (the audit row's "before"), read under a lock on the site's row,
 * so two operators saving at once write one after the other and each row's "before" is the "after"
 * of the save it followed.
 */
export async function saveDirectionsInTx(
  tx: Tx,
  dealer: Dealer,
  siteId: number,
  text: string,
  me: Operator,
): Promise<string | null> {
  const site = await tx.$queryRaw<{ chekt_id: number }[]>`
    SELECT chekt_id FROM mirror_sites WHERE dealer_link_id = ${dealer.id} AND chekt_id = ${siteId} FOR UPDATE`;
  if (site.length === 0) throw new ActionError("not_found", `This dealer has no site ${siteId}.`);
  const before = await currentDirections(tx, dealer, siteId);
  if (text === "") {
    await tx.siteDirections.deleteMany({ where: { dealerLinkId: dealer.id, siteId } });
    return before;
  }
  await tx.siteDirections.upsert({
    where: { dealerLinkId_siteId: { dealerLinkId: dealer.id, siteId } },
    create: { dealerLinkId: dealer.id, siteId, text, updatedById: me.id, updatedByName: operatorName(me) },
    update: { text, updatedById: me.id, updatedByName: operatorName(me) },
  });
  return before;
}

/** Adds a note to a verification of this dealer (any state: a note after answering is still history). */
export async function addNoteInTx(
  tx: Tx,
  dealer: Dealer,
  verificationId: string,
  text: string,
  me: Operator,
): Promise<{ id: string }> {
  const v = await tx.verification.findUnique({
    where: { dealerLinkId_id: { dealerLinkId: dealer.id, id: verificationId } },
    select: { id: true },
  });
  if (!v) throw new ActionError("not_found", "This verification is not in this dealer's queue.");
  const note = await tx.verificationNote.create({
    data: { dealerLinkId: dealer.id, verificationId, authorId: me.id, authorName: operatorName(me), text },
    select: { id: true },
  });
  return note;
}
