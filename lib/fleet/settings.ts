import "server-only";
// A dealer's fleet settings (docs/fleet.md). Without a row the threshold is the default.
import { prisma } from "@/lib/db";

export const DEFAULT_OFFLINE_THRESHOLD_MIN = 30;

/** Minutes a device may be offline before it raises an alert and fails its site's readiness. */
export async function offlineThresholdMin(dealerLinkId: string): Promise<number> {
  const row = await prisma.fleetSettings.findUnique({ where: { dealerLinkId }, select: { offlineThresholdMin: true } });
  return row?.offlineThresholdMin ?? DEFAULT_OFFLINE_THRESHOLD_MIN;
}
