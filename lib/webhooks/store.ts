import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyEvent } from "./apply";
import { parseEvent, type ParseResult } from "./events";

export type StoreResult =
  | { outcome: "applied" | "ignored"; eventId: string; note: string }
  | { outcome: "duplicate"; eventId: string };

/**
 * Stores the event under its id and applies it, all in one transaction: the row exists if and only
 * if its effects do. A second arrival of the same id (retry, catch-up overlap) only counts itself.
 * Throws on a database failure so the caller can answer 5xx and let CHeKT retry.
 */
export async function storeAndApply(
  dealerLinkId: string,
  parsed: Extract<ParseResult, { ok: true } | { kind: "unknown_type" }>,
  envelope: unknown,
  source: "webhook" | "catch-up",
): Promise<StoreResult> {
  const id = parsed.ok ? parsed.event.id : parsed.id;
  const type = parsed.ok ? parsed.event.type : parsed.type;
  const createdAt = parsed.ok ? parsed.event.createdAt : parsed.createdAt;
  const payload = JSON.stringify(envelope);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status)
      VALUES (${id}, ${dealerLinkId}, ${type}, ${createdAt}, ${now}, ${payload}::jsonb, ${source}, 'pending')
      ON CONFLICT (id) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) {
      await tx.$executeRaw`UPDATE webhook_events SET duplicate_count = duplicate_count + 1 WHERE id = ${id}`;
      return { outcome: "duplicate" as const, eventId: id };
    }
    if (!parsed.ok) {
      await markApplied(tx, id, "ignored", `no handler for event type ${type}`, now);
      return { outcome: "ignored" as const, eventId: id, note: `no handler for ${type}` };
    }
    const { note } = await applyEvent(tx, dealerLinkId, parsed.event, now);
    await markApplied(tx, id, "applied", note, now);
    return { outcome: "applied" as const, eventId: id, note };
  });
}

async function markApplied(tx: Prisma.TransactionClient, id: string, status: string, note: string, now: Date) {
  await tx.$executeRaw`UPDATE webhook_events SET apply_status = ${status}, apply_note = ${note}, applied_at = ${now} WHERE id = ${id}`;
}

/**
 * Applies a stored event again (the admin's "re-apply" in the webhook log). Safe to repeat:
 * every write in applyEvent is an idempotent upsert.
 */
export async function reapplyStoredEvent(eventId: string): Promise<{ ok: boolean; note: string }> {
  const row = await prisma.webhookEvent.findUnique({ where: { id: eventId } });
  if (!row) return { ok: false, note: `no stored event ${eventId}` };
  const parsed = parseEvent(row.payload);
  if (!parsed.ok) return { ok: false, note: parsed.kind === "unknown_type" ? `no handler for ${parsed.type}` : parsed.message };
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const { note } = await applyEvent(tx, row.dealerLinkId, parsed.event, now);
    await markApplied(tx, eventId, "applied", `re-applied: ${note}`, now);
    return { ok: true, note };
  });
}
