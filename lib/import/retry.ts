// Fix and retry failed rows of a site import: each becomes a row of a new job, pointing back at
// the old one. A row whose site CHeKT already has keeps it (only the contacts and arming type not
// yet accepted, and edits of what was, are sent), and keeps the external ID it was given,
// generated or not.
// What was accepted is known by contact external ID over the whole chain of retries, never by a
// contact's position: an edited row can empty, add or move contact columns, and a retried job's
// payload holds only the contacts it still had to send, so positions mean different contacts in
// each job of the chain. A contact CHeKT accepted whose cells the retry edits is updated in CHeKT
// (by the contact ID it was given, found by its external ID); one left as it was is not sent again.
// The same holds for the row's site: its cells edited after CHeKT accepted it are sent as an update.
import { ActionError } from "@/lib/actions/errors";
import { ALREADY_RETRIED } from "@/lib/bulk/jobs";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { stationAccountKey } from "@/lib/readiness/account-number";
import {
  readPayload,
  readProgress,
  type ImportContact,
  type ImportItem,
  type ImportPayload,
  type ImportSite,
  type NewImportRow,
} from "./jobs";
import type { SiteValues } from "./site-fields";
import { validateSiteRows, type SiteContext, type SiteErrors, type SiteImport } from "./validate";

type Db = PrismaClient | Prisma.TransactionClient;

/** Longest chain of retries followed back; a row is retried by hand, so real chains are short. */
const MAX_CHAIN = 50;

export type AcceptedSoFar = {
  siteId?: number;
  /** The site cells CHeKT last accepted for the row (created or updated), if the chain holds them. */
  site?: ImportSite;
  /** By external contact ID: CHeKT's contact ID and the cells it last accepted for it. */
  contacts: Map<string, { contactId: number; contact: ImportContact }>;
  /** The arming type CHeKT last accepted for the row, if any. */
  arming: ImportPayload["securityType"];
};

/**
 * What CHeKT accepted for a sheet row over the item and every item it retried: the site, the
 * contacts by their external ID, and whether the arming type was set.
 */
export async function acceptedSoFar(db: Db, itemId: string): Promise<AcceptedSoFar> {
  const out: AcceptedSoFar = { contacts: new Map(), arming: null };
  let next: string | null = itemId;
  for (let hops = 0; next && hops < MAX_CHAIN; hops++) {
    const item: { payload: Prisma.JsonValue; result: Prisma.JsonValue; retryOfId: string | null } | null =
      await db.bulkItem.findUnique({ where: { id: next }, select: { payload: true, result: true, retryOfId: true } });
    if (!item) break;
    const payload = readPayload(item.payload);
    const progress = readProgress(item.result);
    out.siteId ??= progress.siteId ?? payload.existingSiteId;
    // A retry's payload.site was sent only if it created the site or updated it; else it is unsent cells.
    const siteSent = payload.existingSiteId ? payload.siteUpdate && progress.siteUpdated : !!progress.siteId;
    if (siteSent) out.site ??= payload.site;
    // The chain is walked from the newest item back, so the first answer seen for an ID is the latest.
    const seen = (contactId: number, contact: ImportContact) => {
      if (!out.contacts.has(contact.external_contact_id))
        out.contacts.set(contact.external_contact_id, { contactId, contact });
    };
    payload.contactUpdates.forEach((u, i) => {
      if (progress.contactsUpdated[i]) seen(u.contactId, u.contact);
    });
    payload.contacts.forEach((c, i) => {
      const id = progress.contactIds[i];
      if (id) seen(id, c);
    });
    // The newest job that set it wins.
    if (progress.armingDone && out.arming === null) out.arming = payload.securityType;
    next = item.retryOfId;
  }
  return out;
}

export type RetryFix = { itemId: string; values?: Record<string, string> };
export type RetryPlan = { rows: NewImportRow[]; invalid: { line: number; errors: SiteErrors }[] };

export async function planImportRetry(
  db: Db,
  dealerLinkId: string,
  jobId: string,
  fixes: RetryFix[],
  ctx: SiteContext,
): Promise<RetryPlan | null> {
  const items = await retryableItems(db, dealerLinkId, jobId, fixes);
  if (!items) return null;
  // Every row's own site, when CHeKT has it, is not a duplicate of itself: its ID and account
  // number leave the "already used" sets once for all rows, and the rows are checked together, so
  // two retried rows given one ID still meet as duplicates within the sheet.
  const own = new Set(ctx.existingSiteIds);
  const accounts = new Map(ctx.accountsInUse);
  const planned: { itemId: string; accepted: AcceptedSoFar; line: number; values: SiteValues }[] = [];
  for (const item of items) {
    const payload = readPayload(item.payload);
    const accepted = await acceptedSoFar(db, item.id);
    const fix = fixes.find((f) => f.itemId === item.id);
    // An empty ID cell was generated the first time: keep that ID rather than generate another.
    const values = { ...(fix?.values ?? payload.values) };
    if (!(values.external_site_id ?? "").trim()) values.external_site_id = payload.site.external_site_id;
    if (accepted.siteId) {
      own.delete(payload.site.external_site_id);
      const key = stationAccountKey(payload.site.monitoring_station_id, payload.site.account_number);
      if (key) accounts.delete(key);
    }
    planned.push({ itemId: item.id, accepted, line: item.sheetLine ?? item.position + 1, values });
  }
  const checkedRows = validateSiteRows(
    planned.map((p) => ({ line: p.line, values: p.values })),
    { ...ctx, existingSiteIds: own, accountsInUse: accounts, pattern: null },
  );
  const plan: RetryPlan = { rows: [], invalid: [] };
  planned.forEach(({ itemId, accepted, line, values }, i) => {
    const { item, errors } = checkedRows[i];
    if (!item) {
      plan.invalid.push({ line, errors });
      return;
    }
    plan.rows.push({ line, values, item: sendAgain(item, accepted), retryOf: itemId, existingSiteId: accepted.siteId });
  });
  return plan;
}

/**
 * The job's failed rows among `fixes`, in sheet order; null: not this dealer's import. A row retried
 * before refuses the whole retry with the message the device jobs give (lib/bulk/retry.ts), the one
 * the unique index on bulk_items.retry_of_id gives a retry sent at the same moment (lib/bulk/jobs.ts).
 */
async function retryableItems(db: Db, dealerLinkId: string, jobId: string, fixes: RetryFix[]) {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, dealerLinkId, entity: "sites" }, select: { id: true } });
  if (!job) return null;
  const items = await db.bulkItem.findMany({
    where: { jobId, id: { in: fixes.map((f) => f.itemId) }, state: "failed" },
    orderBy: { position: "asc" },
    select: { id: true, position: true, sheetLine: true, payload: true, result: true },
  });
  const already = await db.bulkItem.findMany({
    where: { retryOfId: { in: items.map((i) => i.id) } },
    select: { retryOfId: true },
  });
  if (already.length) throw new ActionError("conflict", ALREADY_RETRIED);
  return items;
}

/**
 * What a checked row sends again, after what CHeKT already accepted of it: contacts it has are updated
 * only where they changed, the site only when it changed, the arming type only when edited to another.
 */
function sendAgain(item: SiteImport, accepted: AcceptedSoFar): ImportItem {
  const contactUpdates: { contactId: number; contact: ImportContact }[] = [];
  const contacts = item.contacts.filter((c) => {
    const before = accepted.contacts.get(c.external_contact_id);
    if (!before) return true;
    if (!sameContact(before.contact, c)) contactUpdates.push({ contactId: before.contactId, contact: c });
    return false;
  });
  return {
    ...item,
    contacts,
    contactUpdates,
    siteUpdate: !!accepted.siteId && !!accepted.site && !sameSite(accepted.site, item.site),
    securityType: item.securityType === accepted.arming ? null : item.securityType,
  };
}

const cell = (v: string | null | undefined) => (v ?? "").trim();

/** Same cells as CHeKT last accepted (the forms' schemas already normalised phone and email). */
function sameContact(a: ImportContact, b: ImportContact): boolean {
  return (
    cell(a.first_name) === cell(b.first_name) &&
    cell(a.last_name) === cell(b.last_name) &&
    cell(a.phone_number) === cell(b.phone_number) &&
    cell(a.email) === cell(b.email)
  );
}

/** Same site cells as CHeKT last accepted: anything else is sent as an update of the site. */
function sameSite(a: ImportSite, b: ImportSite): boolean {
  return (
    cell(a.external_site_id) === cell(b.external_site_id) &&
    cell(a.name) === cell(b.name) &&
    cell(a.timezone) === cell(b.timezone) &&
    (a.monitoring_station_id ?? null) === (b.monitoring_station_id ?? null) &&
    cell(a.account_number) === cell(b.account_number) &&
    cell(a.address1) === cell(b.address1) &&
    cell(a.address2) === cell(b.address2)
  );
}
