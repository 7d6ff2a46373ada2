import "server-only";
import { ActionError } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { operatorName, type Operator } from "./operator";

// Writes of the detail view that stay in this console (CHeKT has no field for them): a site's
// directions and a verification's notes. Each runs inside the action's transaction with its audit
// row, and is keyed by the dealer link, so an id of another dealer finds nothing.
type Tx = Prisma.TransactionClient;
type Dealer = { id: string };

/** The directions as they are now (the audit row's "before"); null when none were written. */
export async function currentDirections(tx: Tx, dealer: Dealer, siteId: number): Promise<string | null> {
  const row = await tx.siteDirections.findUnique({
    where: { dealerLinkId_siteId: { dealerLinkId: dealer.id, siteId } },
    select: { text: true },
  });
  return row?.text ?? null;
}

/** Saves (or, with empty text, removes) a site's directions. The site must be in this dealer's mirror. */
export async function saveDirectionsInTx(
  tx: Tx,
  dealer: Dealer,
  siteId: number,
  text: string,
  me: Operator,
): Promise<void> {
  const site = await tx.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: dealer.id, chektId: siteId } },
    select: { chektId: true },
  });
  if (!site) throw new ActionError("not_found", `This dealer has no site ${siteId}.`);
  if (text === "") {
    await tx.siteDirections.deleteMany({ where: { dealerLinkId: dealer.id, siteId } });
    return;
  }
  await tx.siteDirections.upsert({
    where: { dealerLinkId_siteId: { dealerLinkId: dealer.id, siteId } },
    create: { dealerLinkId: dealer.id, siteId, text, updatedById: me.id, updatedByName: operatorName(me) },
    update: { text, updatedById: me.id, updatedByName: operatorName(me) },
  });
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
