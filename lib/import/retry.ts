// Fix and retry failed rows of a site import: each becomes a row of a new job, pointing back at
// the old one. A row whose site CHeKT already has keeps it (only the contacts and arming type not
// yet accepted are sent), and keeps the external ID it was given, generated or not.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { readPayload, readProgress, type NewImportRow } from "./jobs";
import { accountKey, validateSiteRows, type SiteContext, type SiteErrors } from "./validate";

type Db = PrismaClient | Prisma.TransactionClient;

export type RetryFix = { itemId: string; values?: Record<string, string> };
export type RetryPlan = { rows: NewImportRow[]; invalid: { line: number; errors: SiteErrors }[] };

export async function planImportRetry(
  db: Db,
  dealerLinkId: string,
  jobId: string,
  fixes: RetryFix[],
  ctx: SiteContext,
): Promise<RetryPlan | null> {
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
  const retried = new Set(already.map((a) => a.retryOfId));
  const plan: RetryPlan = { rows: [], invalid: [] };
  for (const item of items) {
    if (retried.has(item.id)) continue;
    const payload = readPayload(item.payload);
    const progress = readProgress(item.result);
    const fix = fixes.find((f) => f.itemId === item.id);
    // An empty ID cell was generated the first time: keep that ID rather than generate another.
    const values = { ...(fix?.values ?? payload.values) };
    if (!(values.external_site_id ?? "").trim()) values.external_site_id = payload.site.external_site_id;
    const own = new Set(ctx.existingSiteIds);
    const accounts = new Map(ctx.accountsInUse);
    if (progress.siteId) {
      // The row's own site is in CHeKT already: its ID and account number are not duplicates.
      own.delete(payload.site.external_site_id);
      if (payload.site.monitoring_station_id && payload.site.account_number) {
        accounts.delete(accountKey(payload.site.monitoring_station_id, payload.site.account_number));
      }
    }
    const line = item.sheetLine ?? item.position + 1;
    const [checked] = validateSiteRows([{ line, values }], {
      ...ctx,
      existingSiteIds: own,
      accountsInUse: accounts,
      pattern: null,
    });
    if (!checked.item) {
      plan.invalid.push({ line, errors: checked.errors });
      continue;
    }
    const contacts = checked.item.contacts.filter((_, i) => !progress.contactIds[i]);
    plan.rows.push({
      line,
      values,
      item: { ...checked.item, contacts, securityType: progress.armingDone ? null : checked.item.securityType },
      retryOf: item.id,
      existingSiteId: progress.siteId,
    });
  }
  return plan;
}
