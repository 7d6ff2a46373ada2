import "server-only";
// A site's devices: the grid reads the mirror (no CHeKT call on a page view); a job's validation
// lists CHeKT itself, the system of record, because a job must not be validated against a copy.
import { prisma } from "@/lib/db";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import type { DealerScope } from "@/lib/dealer-scope";
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

/**
 * What a job's rows are validated against (validateRows' existingExternalIds and usedElsewhere): the
 * site's devices as CHeKT lists them now, and which of the rows' external IDs the dealer's other sites
 * hold (the mirror: CHeKT lists devices per site only, and keeps their IDs unique per dealer). The one
 * lookup of the device actions (actions/devices.ts) and a retry of failed rows (retry.ts).
 */
export async function idsInUse(
  scope: Pick<DealerScope, "dealerId" | "dealerLinkId">,
  siteId: number,
  rows: readonly { values: { external_device_id?: string } }[],
  traceId?: string,
) {
  const ids = [...new Set(rows.map((r) => (r.values.external_device_id ?? "").trim()).filter(Boolean))];
  const [existing, usedElsewhere] = await Promise.all([
    listSiteDevices(scope.dealerId, siteId, traceId),
    heldElsewhere(scope.dealerLinkId, siteId, ids),
  ]);
  return { existing, usedElsewhere };
}
