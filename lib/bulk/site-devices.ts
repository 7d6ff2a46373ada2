import "server-only";
// What a site has in CHeKT right now (the system of record for devices), plus the last status
// our webhooks saw for each device.
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import type { DeviceRowView } from "./site-devices-types";

export function listSiteDevices(dealerId: number, siteId: number, traceId?: string): Promise<ChektDevice[]> {
  return appDeviceApi().list(dealerId, siteId, { traceId });
}

export type { DeviceRowView };

export async function withStatuses(dealerLinkId: string, devices: ChektDevice[]): Promise<DeviceRowView[]> {
  const statuses = await prisma.deviceStatus.findMany({
    where: { dealerLinkId, chektDeviceId: { in: devices.map((d) => d.device_id) } },
  });
  const byId = new Map(statuses.map((s) => [s.chektDeviceId, s]));
  return devices.map((d) => {
    const s = byId.get(d.device_id);
    const raw = d as ChektDevice & { status?: string; firmware?: string };
    return { ...d, status: s?.status ?? raw.status ?? null, firmware: s?.firmware ?? raw.firmware ?? null, statusAt: s?.at.toISOString() ?? null };
  });
}
