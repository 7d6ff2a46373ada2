import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageCount } from "@/lib/list-state/pages";
import { refusalsNotStored } from "@/lib/webhooks/refusal-cap";
import { pageWindow, timeRange } from "./log-paging";
import type { WebhookLogFilters } from "./webhook-log-filters";

export { parseWebhookLogFilters } from "./webhook-log-filters";

// The delivery log reads two tables the webhooks helper fills: one row per delivery that reached
// the receiver (verdict + reason) and one row per distinct event (payload, duplicates, apply status);
// and, for refused deliveries past the daily cap (lib/webhooks/refusal-cap.ts), how many were not stored.

export const LOG_PAGE_SIZE = 50;

/** One dealer's deliveries only (a dealer admin never sees another dealer's traffic). */
export async function webhookLogPage(f: WebhookLogFilters, dealerLinkId: string) {
  const and: Prisma.WebhookDeliveryWhereInput[] = [{ dealerLinkId }];
  if (f.verdict) and.push({ verdict: f.verdict });
  if (f.type) and.push({ eventType: f.type });
  if (f.event) and.push({ OR: [{ eventId: f.event }, { deliveryId: f.event }] });
  if (f.from || f.to) and.push({ receivedAt: timeRange(f) });
  const where: Prisma.WebhookDeliveryWhereInput = and.length ? { AND: and } : {};
  // Refusals only counted have no verdict but "rejected", and no event type or id to match.
  const countedToo = (!f.verdict || f.verdict === "rejected") && !f.type && !f.event;
  const [deliveries, total, types, notStored] = await Promise.all([
    prisma.webhookDelivery.findMany({ where, ...pageWindow(f.page, LOG_PAGE_SIZE) }),
    prisma.webhookDelivery.count({ where }),
    prisma.webhookDelivery.groupBy({ by: ["eventType"], where: { dealerLinkId }, orderBy: { eventType: "asc" } }),
    countedToo ? refusalsNotStored(prisma, dealerLinkId, f) : [],
  ]);
  const ids = [...new Set(deliveries.map((d) => d.eventId).filter((x): x is string => !!x))];
  const events = ids.length
    ? await prisma.webhookEvent.findMany({
        where: { dealerLinkId, id: { in: ids } },
        select: {
          id: true,
          duplicateCount: true,
          applyStatus: true,
          applyNote: true,
          appliedAt: true,
          source: true,
          type: true,
          payload: true,
        },
      })
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return {
    rows: deliveries.map((d) => ({ ...d, event: d.eventId ? (byId.get(d.eventId) ?? null) : null })),
    total,
    pages: pageCount(total, LOG_PAGE_SIZE),
    types: types.map((t) => t.eventType).filter((t): t is string => !!t),
    notStored,
  };
}
