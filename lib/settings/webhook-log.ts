import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// The delivery log reads two tables the webhooks helper fills: one row per delivery that reached
// the receiver (verdict + reason) and one row per distinct event (payload, duplicates, apply status).

export const VERDICTS = ["accepted", "duplicate", "rejected", "malformed"] as const;
export const LOG_PAGE_SIZE = 50;

export type WebhookLogFilters = { verdict?: string; type?: string; event?: string; from?: Date; to?: Date; page: number };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) || undefined;

export function parseWebhookLogFilters(p: Params): { filters: WebhookLogFilters; errors: string[] } {
  const errors: string[] = [];
  const f: WebhookLogFilters = { page: 1 };
  const verdict = one(p.verdict);
  if (verdict) (VERDICTS as readonly string[]).includes(verdict) ? (f.verdict = verdict) : errors.push(`Verdict "${verdict}" is not one of ${VERDICTS.join(", ")}.`);
  f.type = one(p.type);
  f.event = one(p.event);
  for (const key of ["from", "to"] as const) {
    const v = one(p[key]);
    if (!v) continue;
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v);
    if (Number.isNaN(d.getTime())) errors.push(`"${key}" date "${v}" is not a date (use YYYY-MM-DD).`);
    else {
      if (key === "to" && /^\d{4}-\d{2}-\d{2}$/.test(v)) d.setUTCDate(d.getUTCDate() + 1);
      f[key] = d;
    }
  }
  const page = Number(one(p.page) ?? "1");
  if (Number.isInteger(page) && page >= 1) f.page = page;
  else errors.push("Page is not a page number.");
  return { filters: f, errors };
}

/** One dealer's deliveries only (a dealer admin never sees another dealer's traffic). */
export async function webhookLogPage(f: WebhookLogFilters, dealerLinkId: string) {
  const and: Prisma.WebhookDeliveryWhereInput[] = [{ dealerLinkId }];
  if (f.verdict) and.push({ verdict: f.verdict });
  if (f.type) and.push({ eventType: f.type });
  if (f.event) and.push({ OR: [{ eventId: f.event }, { deliveryId: f.event }] });
  if (f.from || f.to) and.push({ receivedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } });
  const where: Prisma.WebhookDeliveryWhereInput = and.length ? { AND: and } : {};
  const [deliveries, total, types] = await Promise.all([
    prisma.webhookDelivery.findMany({ where, orderBy: { id: "desc" }, skip: (f.page - 1) * LOG_PAGE_SIZE, take: LOG_PAGE_SIZE }),
    prisma.webhookDelivery.count({ where }),
    prisma.webhookDelivery.groupBy({ by: ["eventType"], where: { dealerLinkId }, orderBy: { eventType: "asc" } }),
  ]);
  const ids = [...new Set(deliveries.map((d) => d.eventId).filter((x): x is string => !!x))];
  const events = ids.length
    ? await prisma.webhookEvent.findMany({
        where: { dealerLinkId, id: { in: ids } },
        select: { id: true, duplicateCount: true, applyStatus: true, applyNote: true, appliedAt: true, source: true, type: true, payload: true },
      })
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return {
    rows: deliveries.map((d) => ({ ...d, event: d.eventId ? byId.get(d.eventId) ?? null : null })),
    total,
    pages: Math.max(1, Math.ceil(total / LOG_PAGE_SIZE)),
    types: types.map((t) => t.eventType).filter((t): t is string => !!t),
  };
}
