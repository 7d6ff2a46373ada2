import "server-only";
import { prisma } from "@/lib/db";

export type WaitingVerification = {
  id: string;
  siteId: number;
  description: string | null;
  occurredAt: Date;
  expiresAt: Date;
  state: string;
  claimedByName: string | null;
};
export type LocalCounts = { openVerifications: number; activeBulkJobs: number; waiting: WaitingVerification[] };

const OPEN = ["pending", "claimed"] as const;

/** What Postgres knows for the dealer: verifications still to answer, bulk jobs still going. */
export async function getLocalCounts(dealerLinkId: string, now = new Date()): Promise<LocalCounts> {
  const open = { dealerLinkId, state: { in: [...OPEN] }, expiresAt: { gt: now } };
  const [openVerifications, activeBulkJobs, waiting] = await Promise.all([
    prisma.verification.count({ where: open }),
    prisma.bulkJob.count({ where: { dealerLinkId, state: { in: ["queued", "running"] } } }),
    prisma.verification.findMany({
      where: open,
      orderBy: { expiresAt: "asc" },
      take: 5,
      select: {
        id: true,
        siteId: true,
        description: true,
        occurredAt: true,
        expiresAt: true,
        state: true,
        claimedByName: true,
      },
    }),
  ]);
  return { openVerifications, activeBulkJobs, waiting };
}
