// A site's contacts in the mirror (docs/mirror.md "Devices, contacts and arming"): what the site
// page, the contact edit page, the answer form's contact picker and the verification call list
// show, without a CHeKT call. Writes go through lib/mirror/write.ts from CHeKT's answers only.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { isChektError } from "@/lib/chekt/errors";
import type { ResponseContactDto } from "@/lib/schemas/contract";
import { heldHere } from "@/lib/delete-by-chekt-id";
import { readContactDto } from "./dto";
import { listSeenOf } from "./site-page-read";
import { markGone } from "./write";

type Db = PrismaClient | Prisma.TransactionClient;

/** CHeKT's contact as last confirmed (every field held; CHeKT's created_at is not kept) and its state here. */
export type MirroredContact = Required<Omit<ResponseContactDto, "created_at">> & {
  /** CHeKT no longer has it (a sweep or a 404 said so). */
  goneAt: Date | null;
  /** A sweep found CHeKT's copy differs from what this console last wrote. */
  changedAt: Date | null;
  confirmedAt: Date;
};

type Row = Awaited<ReturnType<PrismaClient["mirrorContact"]["findFirstOrThrow"]>>;

function view(r: Row): MirroredContact {
  return {
    contact_id: r.chektId,
    site_id: r.siteId,
    external_contact_id: r.externalId,
    first_name: r.firstName,
    last_name: r.lastName,
    phone_number: r.phone,
    email: r.email,
    goneAt: r.goneAt,
    changedAt: r.changedAt,
    confirmedAt: r.confirmedAt,
  };
}

/** Every contact of the site the mirror knows, by last name (CHeKT's own list order). */
export async function readSiteContacts(
  db: Db,
  dealerLinkId: string,
  siteId: number,
): Promise<{ rows: MirroredContact[]; asOf: Date | null }> {
  const rows = await db.mirrorContact.findMany({
    where: { dealerLinkId, siteId },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { chektId: "asc" }],
  });
  const live = rows.filter((r) => !r.goneAt);
  return {
    rows: rows.map(view),
    asOf: live.reduce<Date | null>((min, r) => (min === null || r.confirmedAt < min ? r.confirmedAt : min), null),
  };
}

/**
 * What a site's contacts or devices list's freshness line shows, by listAsOf's rule
 * (lib/mirror/site-page-read.ts); the site's list date is read only for an empty list.
 */
export async function listSeen(
  db: Db,
  dealerLinkId: string,
  siteId: number,
  kind: "contacts" | "devices",
  rows: { confirmedAt: Date; goneAt?: Date | null }[],
): Promise<{ confirmedAt: Date | null }> {
  if (rows.some((r) => !r.goneAt)) return listSeenOf(rows, null);
  const site = await db.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId, chektId: siteId } },
    select: { contactsReadAt: true, devicesReadAt: true },
  });
  return listSeenOf([], (kind === "contacts" ? site?.contactsReadAt : site?.devicesReadAt) ?? null);
}

/**
 * A reader of one contact of one site, from the mirror's row only when it is on that site (another
 * site's contact id names none here); null when the mirror has no such contact on that site.
 */
function onSite<T>(read: (r: Row) => T | null) {
  return async (db: Db, dealerLinkId: string, siteId: number, contactId: number): Promise<T | null> => {
    const r = await db.mirrorContact.findUnique({
      where: { dealerLinkId_chektId: { dealerLinkId, chektId: contactId } },
    });
    return r && r.siteId === siteId ? read(r) : null;
  };
}

/** One contact of one site, as the mirror holds it. */
export const readContact = onSite(view);

/** What the audit row's "before" shows for a change: the contact as CHeKT last answered it. */
export const lastSeenContact = onSite((r) => readContactDto(r.dto));

/**
 * Runs a CHeKT call about one contact of one site; a 404 marks the mirrored row gone (CHeKT said so)
 * before the refusal goes back to the user unchanged, so the page stops offering a contact that is
 * not there. Only a 404 for our contact under its own site says that (heldHere, the deletes' rule):
 * asked under another site, CHeKT answers 404 for a contact it still has.
 */
export async function noticingGone<T>(
  db: PrismaClient,
  dealerLinkId: string,
  where: { siteId: number; contactId: number },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isChektError(error) || error.kind !== "not_found") throw error;
    const { siteId, contactId } = where;
    const ours = await heldHere(dealerLinkId, {
      mapping: "contact",
      mirror: "contact",
      chektId: contactId,
      parentChektId: siteId,
    });
    if (ours) await db.$transaction((tx) => markGone(tx, dealerLinkId, "contact", contactId));
    throw error;
  }
}
