import "server-only";
import { prisma } from "@/lib/db";
import { isDeviceEvent, type DeviceEvent } from "@/lib/mirror/device-events";
import { applyEvent } from "./apply";
import { parseEvent, type ParseResult } from "./events";
import { ingest } from "./ingest";
import { inTransaction } from "./pool";
import type { Sql } from "./sql";
import { errorText } from "@/lib/error-text";

/** The receiver's log row for this delivery, written in the same transaction (one round trip less). */
export type DeliveryLog = {
  dealerKey: string;
  deliveryId: string | null;
  attempt: number | null;
  bodyBytes: number;
};

export type StoreResult =
  { outcome: "applied" | "ignored"; eventId: string; note: string } | { outcome: "duplicate"; eventId: string };

/** An event the store takes: a known type that read, or an unknown type (kept, ignored). */
export type StorableEvent = Extract<ParseResult, { ok: true } | { kind: "unknown_type" }>;

/** What storeOrRefuse answers: stored (or a duplicate), or refused for data Postgres cannot hold. */
export type StoreOutcome = StoreResult | { outcome: "invalid"; eventId: string; reason: string };

/**
 * Stores the event under (dealer link, event id) and applies it, all in one transaction: the row exists if and only
 * if its effects do. A second arrival of the same id (retry, catch-up overlap) only counts itself.
 * Alarm, verification and snapshot events (and ignored types) take one round trip through the
 * batched SQL function (lib/webhooks/ingest.ts); device events write the mirror through TypeScript
 * (lib/mirror/device-events.ts) in a transaction of their own.
 * Throws on a database failure (with the SQLSTATE as `code`) so the caller can answer 5xx and let CHeKT retry;
 * storeOrRefuse below tells the event's own bad data apart.
 */
export async function storeAndApply(
  dealerLinkId: string,
  parsed: StorableEvent,
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

/** Postgres refused the event's own data (class 22: a NUL character, a date or number it cannot hold…). */
const isDataException = (e: unknown) =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" && e.code.startsWith("22");

/**
 * storeAndApply under the one rule the receiver and catch-up share: an event whose own data Postgres refuses would
 * fail the same way on every retry, so it is invalid (the reason for the log comes back), not an error to retry.
 * Nothing of it was stored. Any other failure is thrown, as storeAndApply throws it.
 */
export async function storeOrRefuse(...args: Parameters<typeof storeAndApply>): Promise<StoreOutcome> {
  try {
    return await storeAndApply(...args);
  } catch (e) {
    if (!isDataException(e)) throw e;
    const parsed = args[1];
    const eventId = parsed.ok ? parsed.event.id : parsed.id;
    return { outcome: "invalid", eventId, reason: `invalid_event: ${errorText(e).slice(0, 300)}` };
  }
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
