// Storing a site import as a bulk job (entity "sites"): one bulk_items row per sheet row, holding
// what to send and an Idempotency-Key for every step, written before anything is sent, so the
// runner (lib/jobs/site-import-runner.ts) can resend any step after a crash without doubling it.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { chektIdNumber } from "@/lib/schemas/fields";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertJobWithItems, type NewJobRow } from "@/lib/bulk/jobs";

type Tx = Prisma.TransactionClient;

const text = z.string();
const optional = z.string().nullish();
// Every field is sent as is in a retry's site update (lib/jobs/site-import-runner.ts spreads the row, and
// a spread escapes TypeScript's excess-property check): add only fields CHeKT's site update takes.
const siteSchema = z.object({
  external_site_id: text,
  name: text,
  timezone: text,
  monitoring_station_id: chektIdNumber().nullish(),
  account_number: optional,
  address1: optional,
  address2: optional,
});
const contactSchema = z.object({
  external_contact_id: text,
  first_name: text,
  last_name: text,
  phone_number: optional,
  email: optional,
});
export const importPayloadSchema = z.object({
  site: siteSchema,
  contacts: z.array(contactSchema),
  securityType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  /**
   * Contacts CHeKT accepted in an earlier job of the chain whose cells the retry edited: each is
   * updated in place (matched by its CHeKT contact ID, found by its external ID), not created again.
   */
  contactUpdates: z.array(z.object({ contactId: chektIdNumber(), contact: contactSchema })).default([]),
  /**
   * A retried row whose site CHeKT already has (existingSiteId) and whose site cells the retry
   * edited: the site is updated in place to `site`, not created again and not left as it was.
   */
  siteUpdate: z.boolean().default(false),
  keys: z.object({
    site: text,
    siteUpdate: text.optional(),
    contacts: z.array(text),
    arming: text,
    contactUpdates: z.array(text).default([]),
  }),
  /** The row's cells as the sheet had them, so a failed row can be fixed on the job page. */
  values: z.record(z.string(), z.string()).default({}),
  /** A retried row whose site CHeKT already has: its contacts, arming and any siteUpdate are sent. */
  existingSiteId: chektIdNumber().optional(),
});
export type ImportPayload = z.infer<typeof importPayloadSchema>;

/** What a row has done so far (bulk_items.result): the runner skips steps already recorded. */
export const importProgressSchema = z.object({
  siteId: chektIdNumber().optional(),
  contactIds: z.array(z.number().int().nullable()).default([]),
  armingDone: z.boolean().optional(),
  /** Per entry of the payload's contactUpdates: CHeKT accepted the update. */
  contactsUpdated: z.array(z.boolean().nullable()).default([]),
  /** CHeKT accepted the payload's siteUpdate. */
  siteUpdated: z.boolean().optional(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export function readPayload(value: unknown): ImportPayload {
  return importPayloadSchema.parse(value);
}
export function readProgress(value: unknown): ImportProgress {
  const parsed = importProgressSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { contactIds: [], contactsUpdated: [] };
}

/** What a row sends; a validated SiteImport (lib/import/validate.ts) is one (retry.ts passes one). */
export type ImportItem = Pick<ImportPayload, "site" | "contacts" | "securityType"> &
  Partial<Pick<ImportPayload, "contactUpdates" | "siteUpdate">>;
export type ImportContact = ImportPayload["contacts"][number];
export type ImportSite = ImportPayload["site"];

export type NewImportRow = {
  line: number;
  values: Record<string, string>;
  item: ImportItem;
  retryOf?: string;
  existingSiteId?: number;
};

export function payloadFor(row: NewImportRow): ImportPayload {
  return {
    site: row.item.site,
    contacts: row.item.contacts,
    securityType: row.item.securityType,
    contactUpdates: row.item.contactUpdates ?? [],
    siteUpdate: row.item.siteUpdate ?? false,
    values: row.values,
    keys: {
      site: randomUUID(),
      ...(row.item.siteUpdate ? { siteUpdate: randomUUID() } : {}),
      contacts: row.item.contacts.map(() => randomUUID()),
      arming: randomUUID(),
      contactUpdates: (row.item.contactUpdates ?? []).map(() => randomUUID()),
    },
    ...(row.existingSiteId ? { existingSiteId: row.existingSiteId } : {}),
  };
}

export async function insertSiteImportJob(
  tx: Tx,
  job: Omit<NewJobRow, "chektSiteId" | "entity" | "kind"> & { rows: NewImportRow[] },
) {
  if (job.rows.length === 0) throw new Error("an import needs at least one row");
  return insertJobWithItems(
    tx,
    { ...job, chektSiteId: 0, entity: "sites", kind: "create" },
    job.rows.map((r) => ({
      sheet_line: r.line,
      external_device_id: r.item.site.external_site_id,
      chekt_device_id: r.existingSiteId ?? null,
      payload: payloadFor(r),
      result: r.existingSiteId ? { siteId: r.existingSiteId, contactIds: [], contactsUpdated: [] } : null,
      retry_of_id: r.retryOf ?? null,
    })),
  );
}
