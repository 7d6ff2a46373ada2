import "server-only";
// The receiver's log (receive.ts): one webhook_deliveries row for every answer given to a known
// dealer, and a log line for each refusal. Catch-up (catch-up.ts) logs the events it refuses here too.
import { prisma } from "@/lib/db";
import type { Verdict } from "./verdicts";

export type DeliveryRecord = {
  dealerKey: string;
  dealerLinkId?: string | null;
  eventId?: string | null;
  eventType?: string | null;
  verdict: Verdict;
  reason?: string | null;
  bodyBytes: number;
};

/** Which delivery of which attempt CHeKT says this is (its headers). */
export type DeliveryMeta = { deliveryId: string | null; attempt: number | null };

/** Postgres text cannot hold NUL; a hostile body must not turn the log write into a 500. */
const clean = (v: string | null | undefined, max: number) =>
  v == null ? null : v.replace(/\u0000/g, "").slice(0, max);

/** The webhook_deliveries row's fields for a delivery, cut and cleaned as the table holds them. */
export function deliveryRow(r: DeliveryRecord, { deliveryId, attempt }: DeliveryMeta) {
  return {
    dealerKey: clean(r.dealerKey, 200)!,
    dealerLinkId: r.dealerLinkId ?? null,
    eventId: clean(r.eventId, 200),
    eventType: clean(r.eventType, 100),
    deliveryId: clean(deliveryId, 200),
    attempt,
    verdict: r.verdict,
    reason: clean(r.reason, 500),
    bodyBytes: r.bodyBytes,
  };
}

/** The log line a refusal leaves (`note` says anything the row cannot, such as why no row was written). */
export function warnRefusal(r: DeliveryRecord, { deliveryId }: DeliveryMeta, note?: string) {
  if (r.verdict !== "rejected" && r.verdict !== "malformed") return;
  console.warn(
    JSON.stringify({
      at: "webhook.reject",
      dealerKey: r.dealerKey,
      verdict: r.verdict,
      reason: r.reason,
      eventId: r.eventId,
      deliveryId,
      ...(note ? { note } : {}),
    }),
  );
}

export async function recordDelivery(r: DeliveryRecord, meta: DeliveryMeta) {
  warnRefusal(r, meta);
  await prisma.webhookDelivery.create({ data: deliveryRow(r, meta) });
}

/** recordDelivery, unless the dealer link's log already holds a row of this verdict for this event. */
export async function recordDeliveryOnce(r: DeliveryRecord, meta: DeliveryMeta) {
  const eventId = clean(r.eventId, 200);
  if (eventId !== null && r.dealerLinkId) {
    const where = { dealerLinkId: r.dealerLinkId, eventId, verdict: r.verdict };
    if (await prisma.webhookDelivery.findFirst({ where, select: { id: true } })) return;
  }
  await recordDelivery(r, meta);
}
