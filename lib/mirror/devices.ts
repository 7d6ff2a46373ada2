// A site's devices in the mirror: the grid's rows, and the rows our own deletes remove (docs/mirror.md
// "Devices, contacts and arming"; CHeKT's answers are written by lib/mirror/batch.ts). No "server-only"
// import: the bulk runner also runs under plain Node (benches, the fault worker), and nothing here
// touches a secret.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deletedSql } from "./batch";
import { readDeviceDto } from "./dto";

type Db = PrismaClient | Prisma.TransactionClient;

/** The grid's rows, from what CHeKT last told us; devices CHeKT no longer has are counted apart. */
export async function readSiteDevices(
  db: Db,
  dealerLinkId: string,
  siteId: number,
): Promise<{ rows: DeviceRowView[]; gone: number; asOf: Date | null }> {
  const found = await db.mirrorDevice.findMany({ where: { dealerLinkId, siteId }, orderBy: { chektId: "asc" } });
  const live = found.filter((d) => !d.goneAt);
  const rows = live.map((d): DeviceRowView => ({
    // What our own columns keep, then CHeKT's copy over it: a copy an older contract wrote (or one
    // damaged) shows with our columns only, never as wrong data, and the row keeps its name and type.
    name: d.name,
    device_type: d.deviceType,
    zone_number: d.zoneNumber,
    mac: d.mac,
    ...readDeviceDto(d.dto),
    device_id: d.chektId,
    external_device_id: d.externalId,
    status: d.status,
    firmware: d.firmware,
    statusAt: d.statusAt?.toISOString() ?? null,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    changedInChekt: d.changedAt !== null,
  }));
  return { rows, gone: found.length - live.length, asOf: oldest(live.map((d) => d.confirmedAt)) };
}

/** How many devices the site has, as last seen (the site page's count). */
export async function countSiteDevices(
  db: Db,
  dealerLinkId: string,
  siteId: number,
): Promise<{ count: number; asOf: Date | null }> {
  const r = await db.mirrorDevice.aggregate({
    where: { dealerLinkId, siteId, goneAt: null },
    _count: { _all: true },
    _min: { confirmedAt: true },
  });
  return { count: r._count._all, asOf: r._min.confirmedAt };
}

/** Device ids and external ids of the site (what a job is validated against). */
export async function siteDeviceIds(
  db: Db,
  dealerLinkId: string,
  siteId: number,
): Promise<{ device_id: number; external_device_id: string }[]> {
  const rows = await db.mirrorDevice.findMany({
    where: { dealerLinkId, siteId, goneAt: null },
    select: { chektId: true, externalId: true },
  });
  return rows.map((r) => ({ device_id: r.chektId, external_device_id: r.externalId }));
}

function oldest(dates: Date[]): Date | null {
  return dates.reduce<Date | null>((min, d) => (min === null || d < min ? d : min), null);
}

/** Our own deletes, accepted by CHeKT: the rows go (the audit rows keep what they were), remembered (`forget`). */
export async function forgetDevices(tx: Prisma.TransactionClient, dealerLinkId: string, deviceIds: number[]) {
  if (!deviceIds.length) return;
  await tx.mirrorDevice.deleteMany({ where: { dealerLinkId, chektId: { in: deviceIds } } });
  await tx.$executeRaw(deletedSql(dealerLinkId, "device", deviceIds));
}
