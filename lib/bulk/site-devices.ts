import "server-only";
// A site's devices: the grid reads the mirror (no CHeKT call on a page view); a job's validation
// lists CHeKT itself, the system of record, because a job must not be validated against a copy.
import { prisma } from "@/lib/db";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import type { DealerScope } from "@/lib/dealer-scope";
import { ActionError } from "@/lib/actions/errors";
import { readSiteDevices, siteDeviceIds } from "@/lib/mirror/devices";
import { findMirrorSite } from "@/lib/mirror/read";
import { heldOnOtherSites } from "./duplicates";
import type { DeviceRowView } from "./site-devices-types";
import type { IdHolder } from "./validate";

export type { DeviceRowView };

export function listSiteDevices(dealerId: number, siteId: number, traceId?: string): Promise<ChektDevice[]> {
  return appDeviceApi().list(dealerId, siteId, { traceId });
}

/** The grid's rows with their status, as the mirror has them, and how fresh that is. */
export function siteDeviceRows(dealerLinkId: string, siteId: number) {
  return readSiteDevices(prisma, dealerLinkId, siteId);
}

/** The external IDs of the site's devices, as last seen: the paste review flags the site's own at once. */
export async function siteExternalIds(dealerLinkId: string, siteId: number): Promise<string[]> {
  return (await siteDeviceIds(prisma, dealerLinkId, siteId)).map((d) => d.external_device_id);
}

/** Which of `externalIds` a device on another of the dealer's sites holds, and where (the mirror's word). */
export function heldElsewhere(dealerLinkId: string, siteId: number, externalIds: string[]) {
  return heldOnOtherSites(prisma, dealerLinkId, siteId, externalIds);
}

/**
 * The paste review's early warning (actions/devices.ts devicesHeldElsewhere): heldElsewhere for the
 * pasted IDs only, so the page never sends the browser the other sites' IDs. The site must be in this
 * dealer's mirror (another dealer's site is not found, as on its page).
 */
export async function heldAtOtherSites(
  dealerLinkId: string,
  siteId: number,
  externalIds: string[],
): Promise<({ externalId: string } & IdHolder)[]> {
  if (!(await findMirrorSite(dealerLinkId, siteId)))
    throw new ActionError("not_found", `This dealer has no site ${siteId}.`);
  const held = await heldElsewhere(dealerLinkId, siteId, [...new Set(externalIds)]);
  return [...held].map(([externalId, h]) => ({ externalId, ...h }));
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
