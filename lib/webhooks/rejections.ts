// Posts to a webhook URL whose key no dealer link has are counted, one row per key and UTC day,
// instead of one delivery row each: a flood of made-up keys costs an upsert, not a growing table.
// Distinct keys per day are capped too; past the cap every new key counts under OVERFLOW_KEY.
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "$executeRaw" | "$queryRaw">;

export const DISTINCT_KEYS_PER_DAY = 1_000;
export const OVERFLOW_KEY = "(other unknown keys)";
const MAX_KEY_CHARS = 200;

/** The key as stored: NUL stripped (Postgres text cannot hold it), cut to 200 characters. */
function storedKey(dealerKey: string): string {
  return dealerKey.replace(/\u0000/g, "").slice(0, MAX_KEY_CHARS) || "(empty)";
}

export async function countUnknownDealerKey(db: Db, dealerKey: string, now = new Date()): Promise<void> {
  const key = storedKey(dealerKey);
  const day = now.toISOString().slice(0, 10);
  // A key already seen today: one atomic increment.
  const bumped = await db.$executeRaw`
    UPDATE webhook_rejections SET count = count + 1, last_at = ${now}
    WHERE dealer_key = ${key} AND day = ${day}::date`;
  if (bumped > 0) return;
  // A new key gets its own row while today has room; otherwise it joins the overflow row.
  await db.$executeRaw`
    INSERT INTO webhook_rejections (dealer_key, day, count, last_at)
    SELECT CASE WHEN (SELECT count(*) FROM webhook_rejections WHERE day = ${day}::date) < ${DISTINCT_KEYS_PER_DAY}
                THEN ${key} ELSE ${OVERFLOW_KEY} END,
           ${day}::date, 1, ${now}
    ON CONFLICT (dealer_key, day) DO UPDATE SET count = webhook_rejections.count + 1, last_at = EXCLUDED.last_at`;
}

export type RejectionCount = { dealerKey: string; day: string; count: number; lastAt: Date };

/** Today's and earlier counts, most recent first (for the webhook log and tests). */
export async function unknownKeyCounts(db: Db, limit = 50): Promise<RejectionCount[]> {
  const rows = await db.$queryRaw<Array<{ dealer_key: string; day: Date; count: number; last_at: Date }>>`
    SELECT dealer_key, day, count, last_at FROM webhook_rejections ORDER BY day DESC, count DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    dealerKey: r.dealer_key,
    day: r.day.toISOString().slice(0, 10),
    count: r.count,
    lastAt: r.last_at,
  }));
}
