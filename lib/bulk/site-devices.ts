import "server-only";
// A site's devices: the grid reads the mirror (no CHeKT call on a page view); a job's validation
// lists CHeKT itself, the system of record, because a job must not be validated against a copy.
import { prisma } from "@/lib/db";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import { readSiteDevices, siteDeviceIds } from "@/lib/mirror/devices";
import type { DeviceRowView } from "./site-devices-types";

export type { DeviceRowView };

export function listSiteDevices(dealerId: number, siteId: number, traceId?: string): Promise<ChektDevice[]> {
  return appDeviceApi().list(dealerId, siteId, { traceId });
}

/** The grid's rows with their status, as the mirror has them, and how fresh that is. */
export function siteDeviceRows(dealerLinkId: string, siteId: number) {
  return readSiteDevices(prisma, dealerLinkId, siteId);
}

/** External IDs already on the site, as last seen (the paste review's duplicate check). */
export async function mirroredExternalIds(dealerLinkId: string, siteId: number): Promise<string[]> {
  return (await siteDeviceIds(prisma, dealerLinkId, siteId)).map((d) => d.external_device_id);
}
