import "server-only";
import { prisma } from "@/lib/db";
import { mirrorSiteNames } from "@/lib/mirror/read";
import { countJobsInProgress } from "@/lib/bulk/jobs-read";
import { openWhere } from "@/lib/verifications/open-query";

export type WaitingVerification = {
  id: string;
  siteId: number;
  /** From the mirror; null when the mirror does not know the site (yet). */
  siteName: string | null;
  description: string | null;
  occurredAt: Date;
  expiresAt: Date;
  state: string;
  claimedByName: string | null;
};
export type LocalCounts = { openVerifications: number; activeBulkJobs: number; waiting: WaitingVerification[] };

/** What Postgres knows for the dealer: verifications still to answer, bulk jobs still going. */
export async function getLocalCounts(dealerLinkId: string, now = new Date()): Promise<LocalCounts> {
  const open = { dealerLinkId, ...openWhere(now) };
  const [openVerifications, activeBulkJobs, soonest] = await Promise.all([
    prisma.verification.count({ where: open }),
    // The same jobs as /jobs's "In progress" filter, which the stat opens.
    countJobsInProgress(dealerLinkId),
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
  const names = await mirrorSiteNames(
    dealerLinkId,
    soonest.map((v) => v.siteId),
  );
  const waiting = soonest.map((v) => ({ ...v, siteName: names.get(v.siteId) ?? null }));
  return { openVerifications, activeBulkJobs, waiting };
}
