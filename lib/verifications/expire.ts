import "server-only";
import { prisma } from "@/lib/db";
import { notifyVerification } from "@/lib/webhooks/notify";
import { releaseLapsedLeases } from "./claims";
import { overdueSql } from "./open-query";

/**
 * Marks overdue verifications (open-query.ts: pending or claimed, past their deadline) as expired
 * (with NOTIFY, so open pages drop them even if their own countdown timer was asleep), and frees
 * claims whose lease lapsed (claims.ts).
 * Pages also hide expired items on their own at zero. Returns the number expired.
 */
export async function expireOverdue(now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; dealer_link_id: string }[]>`
      UPDATE verifications SET state = 'expired', updated_at = ${now}
       WHERE ${overdueSql(now)}
       RETURNING id, dealer_link_id`;
    for (const r of rows) await notifyVerification(tx, { id: r.id, dealerLinkId: r.dealer_link_id, state: "expired" });
    await releaseLapsedLeases(tx, now);
    return rows.length;
  });
}
