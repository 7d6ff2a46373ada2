import "server-only";
import { prisma } from "@/lib/db";

export type MirrorCounts = { sites: number; stations: number; sweptAt: Date | null };

/**
 * Sites and monitoring stations of one dealer, counted in the mirror (no CHeKT call). They are
 * as fresh as the last finished sweep, which is what the freshness line shows.
 */
export async function getMirrorCounts(dealerLinkId: string): Promise<MirrorCounts> {
  const [sites, stations, sync] = await Promise.all([
    prisma.mirrorSite.count({ where: { dealerLinkId, goneAt: null } }),
    prisma.mirrorStation.count({ where: { dealerLinkId, goneAt: null } }),
    prisma.mirrorSync.findUnique({ where: { dealerLinkId }, select: { finishedAt: true } }),
  ]);
  return { sites, stations, sweptAt: sync?.finishedAt ?? null };
}
