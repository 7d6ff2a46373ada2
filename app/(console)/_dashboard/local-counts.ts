import "server-only";
import { prisma } from "@/lib/db";

export type LocalCounts = { openVerifications: number; activeBulkJobs: number };

/** What Postgres knows for the dealer: verifications still to answer, bulk jobs still going. */
export async function getLocalCounts(dealerLinkId: string, now = new Date()): Promise<LocalCounts> {
  const [openVerifications, activeBulkJobs] = await Promise.all([
    prisma.verification.count({ where: { dealerLinkId, state: { in: ["pending", "claimed"] }, expiresAt: { gt: now } } }),
    prisma.bulkJob.count({ where: { dealerLinkId, state: { in: ["queued", "running"] } } }),
  ]);
  return { openVerifications, activeBulkJobs };
}
