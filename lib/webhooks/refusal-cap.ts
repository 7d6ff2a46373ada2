// Refusals to a known dealer before its signature held (bad signature, body too large) are what anyone
// who learns a dealer's webhook URL can send without end. The first REFUSED_ROWS_PER_DAY of a dealer link's
// UTC day each get their webhook_deliveries row, as before: their reasons are what an admin needs to fix a
// wrong secret or a skewed clock. Past that they are only counted (webhook_refusal_counts), and the webhook
// log says how many were not stored. The sender's answer is the same whether a row was written or not.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";
import { utc } from "@/lib/mirror/sql-values";
import { deliveryRow, warnRefusal, type DeliveryMeta, type DeliveryRecord } from "./delivery-log";

type Db = Pick<PrismaClient, "$queryRaw">;

/**
 * Rows a day per dealer link: two pages of the log, far more than a wrong secret or clock needs to show
 * itself, and at most 800 such rows per dealer while refused rows are kept (lib/webhooks/retention.ts).
 */
export const REFUSED_ROWS_PER_DAY = 100;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Counts the refusal for its dealer link's day and, while the day is under the cap, writes its row too, in
 * one statement: the counter's row lock orders parallel posts, so no more than the cap are ever stored.
 */
export async function recordRefusal(
  db: Db,
  r: DeliveryRecord & { dealerLinkId: string },
  meta: DeliveryMeta,
  now: Date,
): Promise<"stored" | "counted"> {
  const d = deliveryRow(r, meta);
  const [{ refused }] = await db.$queryRaw<Array<{ refused: number }>>`
    WITH c AS (
      INSERT INTO webhook_refusal_counts AS w (dealer_link_id, day, refused, not_stored, last_at)
      VALUES (${r.dealerLinkId}, ${dayOf(now)}::date, 1, 0, ${utc(now)})
      ON CONFLICT (dealer_link_id, day) DO UPDATE SET
        refused = w.refused + 1,
        not_stored = w.not_stored + CASE WHEN w.refused >= ${REFUSED_ROWS_PER_DAY} THEN 1 ELSE 0 END,
        last_at = GREATEST(w.last_at, EXCLUDED.last_at)
      RETURNING refused),
    stored AS (
      INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
        attempt, verdict, reason, body_bytes)
      SELECT ${utc(now)}, ${d.dealerKey}, ${d.dealerLinkId}, ${d.eventId}, ${d.eventType}, ${d.deliveryId},
        ${d.attempt}, ${d.verdict}, ${d.reason}, ${d.bodyBytes}
      FROM c WHERE c.refused <= ${REFUSED_ROWS_PER_DAY})
    SELECT refused FROM c`;
  const kept = refused <= REFUSED_ROWS_PER_DAY;
  // The server log is held to the same bound: the cap's first miss says so once, later ones say nothing.
  if (kept) warnRefusal(r, meta);
  else if (refused === REFUSED_ROWS_PER_DAY + 1)
    warnRefusal(r, meta, `over ${REFUSED_ROWS_PER_DAY} refusals today: further ones are only counted`);
  return kept ? "stored" : "counted";
}

export type RefusalsNotStored = { day: string; count: number; lastAt: Date };

/** The dealer's days with refusals counted but not stored, newest first, within [from, to) when given. */
export async function refusalsNotStored(
  db: Db,
  dealerLinkId: string,
  range: { from?: Date; to?: Date } = {},
): Promise<RefusalsNotStored[]> {
  const from = range.from ? Prisma.sql`AND day >= ${dayOf(range.from)}::date` : Prisma.empty;
  const to = range.to ? Prisma.sql`AND day <= ${dayOf(new Date(range.to.getTime() - 1))}::date` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ day: Date; not_stored: number; last_at: Date }>>`
    SELECT day, not_stored, last_at FROM webhook_refusal_counts
    WHERE dealer_link_id = ${dealerLinkId} AND not_stored > 0 ${from} ${to}
    ORDER BY day DESC`;
  return rows.map((r) => ({ day: dayOf(r.day), count: r.not_stored, lastAt: r.last_at }));
}

/** What the webhook log says of one such day: "2026-12-05: 1,234 more refused deliveries not stored individually". */
export const notStoredText = (d: RefusalsNotStored) =>
  `${d.day}: ${countText(d.count)} more refused ${plural(d.count, "delivery", "deliveries")} not stored individually`;
