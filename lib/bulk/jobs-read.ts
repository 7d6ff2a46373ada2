import "server-only";
// What the bulk jobs lists read: a dealer's jobs (device jobs of its sites and site imports), newest
// first, filtered and paged in SQL, always within one dealer link. Device jobs name their site from
// the mirror (no CHeKT call). The dashboard's "Bulk jobs in progress" counts through the same WHERE
// as the lists' "In progress" filter, so the number and the list it opens agree.
import { prisma } from "@/lib/db";
import type { BulkEntity, BulkKind, Prisma } from "@/lib/generated/prisma/client";
import { mirrorSiteNames } from "@/lib/mirror/read";
import { IN_PROGRESS, IN_PROGRESS_STATES, type JobState } from "./job-states";

export type JobFilter = {
  /** A state, or IN_PROGRESS (queued or running); "" or absent for any. */
  state?: JobState | typeof IN_PROGRESS | "";
  kind?: BulkKind | "";
  entity?: BulkEntity | "";
  /** One site's device jobs. */
  siteId?: number;
};

/** The dealer's jobs that `filter` keeps (fixed conditions; values only as parameters). */
export function jobsWhere(dealerLinkId: string, filter: JobFilter): Prisma.BulkJobWhereInput {
  const { state, kind, entity, siteId } = filter;
  return {
    dealerLinkId,
    ...(state === IN_PROGRESS ? { state: { in: [...IN_PROGRESS_STATES] } } : state ? { state } : {}),
    ...(kind ? { kind } : {}),
    ...(entity ? { entity } : {}),
    ...(siteId === undefined ? {} : { entity: "devices" as const, chektSiteId: siteId }),
  };
}

/** The dashboard's "Bulk jobs in progress". */
export function countJobsInProgress(dealerLinkId: string): Promise<number> {
  return prisma.bulkJob.count({ where: jobsWhere(dealerLinkId, { state: IN_PROGRESS }) });
}

const JOB_ROW = {
  id: true,
  entity: true,
  kind: true,
  state: true,
  chektSiteId: true,
  total: true,
  succeeded: true,
  failed: true,
  createdAt: true,
  finishedAt: true,
  createdByEmail: true,
} satisfies Prisma.BulkJobSelect;

export type JobRow = Prisma.BulkJobGetPayload<{ select: typeof JOB_ROW }> & {
  /**
   * A device job's site as the mirror names it; null for a site import, a site the mirror does not
   * know, and in one site's list (which names its site once, in its header).
   */
  siteName: string | null;
};

export type JobsPage = { rows: JobRow[]; total: number };

/**
 * One page of the dealer's jobs that `filter` keeps, newest first (the id breaks ties, so pages never
 * shift), and how many match in all. Site names are read only for a list across sites.
 */
export async function jobsPage(
  dealerLinkId: string,
  filter: JobFilter,
  { page, per }: { page: number; per: number },
): Promise<JobsPage> {
  const where = jobsWhere(dealerLinkId, filter);
  const [rows, total] = await Promise.all([
    prisma.bulkJob.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * per,
      take: per,
      select: JOB_ROW,
    }),
    prisma.bulkJob.count({ where }),
  ]);
  const deviceSites = filter.siteId === undefined ? rows.filter((r) => r.entity === "devices") : [];
  const names = await mirrorSiteNames(
    dealerLinkId,
    deviceSites.map((r) => r.chektSiteId),
  );
  return {
    rows: rows.map((r) => ({ ...r, siteName: r.entity === "devices" ? (names.get(r.chektSiteId) ?? null) : null })),
    total,
  };
}
