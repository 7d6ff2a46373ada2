import "server-only";
import { prisma } from "@/lib/db";
import { isDeviceEvent, type DeviceEvent } from "@/lib/mirror/device-events";
import { applyEvent } from "./apply";
import { parseEvent, type ParseResult } from "./events";
import { ingest } from "./ingest";
import { inTransaction } from "./pool";
import type { Sql } from "./sql";

/** The receiver's log row for this delivery, written in the same transaction (one round trip less). */
export type DeliveryLog = {
  dealerKey: string;
  deliveryId: string | null;
  attempt: number | null;
  bodyBytes: number;
};

export type StoreResult =
  { outcome: "applied" | "ignored"; eventId: string; note: string } | { outcome: "duplicate"; eventId: string };

/**
 * Stores the event under (dealer link, event id) and applies it, all in one transaction: the row exists if and only
 * if its effects do. A second arrival of the same id (retry, catch-up overlap) only counts itself.
 * Alarm, verification and snapshot events (and ignored types) take one round trip through the
 * batched SQL function (lib/webhooks/ingest.ts); device events write the mirror through TypeScript
 * (lib/mirror/device-events.ts) in a transaction of their own.
 * Throws on a database failure (with the SQLSTATE as `code`) so the caller can answer 5xx and let CHeKT retry.
 */
export async function storeAndApply(
  dealerLinkId: string,
  parsed: Extract<ParseResult, { ok: true } | { kind: "unknown_type" }>,
  /** The event as received: the raw body text, or the object catch-up read. */
  envelope: unknown,
  source: "webhook" | "catch-up",
  delivery?: DeliveryLog,
): Promise<StoreResult> {
  const id = parsed.ok ? parsed.event.id : parsed.id;
  const type = parsed.ok ? parsed.event.type : parsed.type;
  const createdAt = parsed.ok ? parsed.event.createdAt : parsed.createdAt;
  const payload = typeof envelope === "string" ? envelope : JSON.stringify(envelope);
  if (parsed.ok && isDeviceEvent(parsed.event)) {
    return storeDeviceEvent(dealerLinkId, parsed.event, payload, source, delivery);
  }
  const row = await ingest({
    dealerLinkId,
    id,
    type,
    createdAt,
    source,
    data: parsed.ok ? parsed.event.data : null,
    payload,
    ignoredNote: parsed.ok ? undefined : ignoredNote(type),
    delivery,
  });
  if (row.outcome === "duplicate") return { outcome: "duplicate", eventId: id };
  return { outcome: row.outcome, eventId: id, note: row.note ?? "" };
}

async function storeDeviceEvent(
  dealerLinkId: string,
  event: DeviceEvent,
  payload: string,
  source: "webhook" | "catch-up",
  delivery?: DeliveryLog,
): Promise<StoreResult> {
  const { id, type, createdAt } = event;
  return inTransaction(async (sql) => {
    const now = new Date();
    const inserted = await sql<{ id: string }>`
      INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status)
      VALUES (${id}, ${dealerLinkId}, ${type}, ${createdAt}, ${now}, ${payload}::jsonb, ${source}, 'pending')
      ON CONFLICT (dealer_link_id, id) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) {
      if (delivery) {
        await sql`
          WITH dup AS (UPDATE webhook_events SET duplicate_count = duplicate_count + 1 WHERE dealer_link_id =
            ${dealerLinkId} AND id = ${id})
          INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
            attempt, verdict, reason, body_bytes)
          VALUES (${now}, ${delivery.dealerKey}, ${dealerLinkId}, ${id}, ${type}, ${delivery.deliveryId},
            ${delivery.attempt}, 'duplicate', 'already stored', ${delivery.bodyBytes})`;
      } else {
        await sql`UPDATE webhook_events SET duplicate_count = duplicate_count + 1 WHERE dealer_link_id =
            ${dealerLinkId} AND id = ${id}`;
      }
      return { outcome: "duplicate" as const, eventId: id };
    }
    const { note } = await applyEvent(sql, dealerLinkId, event, now);
    if (delivery) {
      await sql`
        WITH done AS (UPDATE webhook_events SET apply_status = 'applied', apply_note = ${note}, applied_at = ${now}
          WHERE dealer_link_id = ${dealerLinkId} AND id = ${id})
        INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
          attempt, verdict, reason, body_bytes)
        VALUES (${now}, ${delivery.dealerKey}, ${dealerLinkId}, ${id}, ${type}, ${delivery.deliveryId},
          ${delivery.attempt}, 'accepted', ${note.slice(0, 500)}, ${delivery.bodyBytes})`;
    } else {
      await markApplied(sql, dealerLinkId, id, "applied", note, now);
    }
    return { outcome: "applied" as const, eventId: id, note };
  });
}

// CHeKT's "send a test event" posts a `ping`: proof the URL and the secret work, nothing to change.
function ignoredNote(type: string): string {
  return type === "ping"
    ? "test event (ping): signature verified, nothing to apply"
    : `no handler for event type ${type}`;
}

async function markApplied(sql: Sql, dealerLinkId: string, id: string, status: string, note: string, now: Date) {
  await sql`UPDATE webhook_events SET apply_status = ${status}, apply_note = ${note}, applied_at = ${now} WHERE
      dealer_link_id = ${dealerLinkId} AND id = ${id}`;
}

/**
 * Applies a stored event of this dealer again (the admin's "re-apply" in the webhook log). Safe to
 * repeat: every write in applyEvent is an idempotent upsert. Another dealer's event id is "no such event".
 */
export async function reapplyStoredEvent(
  dealerLinkId: string,
  eventId: string,
): Promise<{ ok: boolean; note: string }> {
  const row = await prisma.webhookEvent.findUnique({ where: { dealerLinkId_id: { dealerLinkId, id: eventId } } });
  if (!row) return { ok: false, note: `no stored event ${eventId}` };
  const parsed = parseEvent(row.payload);
  if (!parsed.ok && parsed.kind === "unknown_type")
    return { ok: parsed.type === "ping", note: ignoredNote(parsed.type) };
  if (!parsed.ok) return { ok: false, note: parsed.message };
  return inTransaction(async (sql) => {
    const now = new Date();
    const { note } = await applyEvent(sql, row.dealerLinkId, parsed.event, now);
    await markApplied(sql, row.dealerLinkId, eventId, "applied", `re-applied: ${note}`, now);
    return { ok: true, note };
  });
}
