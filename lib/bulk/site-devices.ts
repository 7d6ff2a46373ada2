import "server-only";
// A site's devices: the grid reads the mirror (no CHeKT call on a page view); a job's validation
// lists CHeKT itself, the system of record, because a job must not be validated against a copy.
import { prisma } from "@/lib/db";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import { readSiteDevices, siteDeviceIds } from "@/lib/mirror/devices";
import { heldOnOtherSites, idsHeldBySite } from "./duplicates";
import type { DeviceRowView } from "./site-devices-types";

export type { DeviceRowView };

export function listSiteDevices(dealerId: number, siteId: number, traceId?: string): Promise<ChektDevice[]> {
  return appDeviceApi().list(dealerId, siteId, { traceId });
}

/** The grid's rows with their status, as the mirror has them, and how fresh that is. */
export function siteDeviceRows(dealerLinkId: string, siteId: number) {
  return readSiteDevices(prisma, dealerLinkId, siteId);
}

/**
 * The paste review's duplicate check, as last seen: the IDs on the site, and those the dealer's other
 * sites hold, one list per site (CHeKT keeps a device's external ID unique across the dealer's sites).
 */
export async function mirroredExternalIds(dealerLinkId: string, siteId: number) {
  const [site, elsewhere] = await Promise.all([
    siteDeviceIds(prisma, dealerLinkId, siteId),
    idsHeldBySite(prisma, dealerLinkId, siteId),
  ]);
  return { site: site.map((d) => d.external_device_id), elsewhere };
}

/** Which of `externalIds` a device on another of the dealer's sites holds, and where (the mirror's word). */
export function heldElsewhere(dealerLinkId: string, siteId: number, externalIds: string[]) {
  return heldOnOtherSites(prisma, dealerLinkId, siteId, externalIds);
}
