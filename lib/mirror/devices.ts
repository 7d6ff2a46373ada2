// A site's devices in the mirror: the grid's rows (read) and the bulk runner's write-through
// (docs/mirror.md "Devices, contacts and arming"). No "server-only" import: the bulk runner also
// runs under plain Node (benches, the fault worker), and nothing here touches a secret.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { EARLY_SEEN, seenSql } from "./batch";
import { readDeviceDto } from "./dto";
import { deviceColumns, utc, type MirroredDevice } from "./sql-values";

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

/** A new row's status: the early report (device_statuses) when it is newer than the answer. */
const NEW_STATUS = `CASE WHEN ds.status IS NOT NULL AND (r.status IS NULL OR ds.at > r.answered_at) THEN ds.status
  ELSE r.status END`;
/** The status a row we had keeps: the answer's (or its early report's) unless the row's is newer. */
const KEPT_STATUS = `CASE WHEN EXCLUDED.status IS NOT NULL
  AND (m.status_at IS NULL OR m.status_at <= EXCLUDED.status_at) THEN EXCLUDED.status ELSE m.status END`;
/** Last seen as a read decides it (seenSql): on a new row over the early reports, on a row we had over its own. */
const NEW_SEEN = seenSql(EARLY_SEEN, "r.status", `(${NEW_STATUS})`, "p.at");
const KEPT_SEEN = seenSql("m.last_seen_at", "(EXCLUDED.dto ->> 'status')", `(${KEPT_STATUS})`, "EXCLUDED.confirmed_at");

/**
 * Write-through of one bulk chunk's accepted devices, in the transaction that stores the items'
 * results: one statement for the whole chunk (a 100-item chunk must not become 300 round trips
 * inside the runner's transaction). Same rules as a read (deviceState in lib/mirror/batch.ts):
 * status and firmware from CHeKT's answer only replace a value no newer than the answer (updated_at), a new
 * row takes over what device.* webhooks reported before (device_statuses), an online answer the row
 * keeps moves last seen to `at` (seenSql), and our own write clears the changed-in-CHeKT flag and the gone mark.
 */
export async function mirrorAcceptedDevices(
  tx: Prisma.TransactionClient,
  dealerLinkId: string,
  siteId: number,
  devices: MirroredDevice[],
  at = new Date(),
) {
  if (devices.length === 0) return;
  const rows = devices.map((d) => ({
    chekt_id: d.device_id,
    ...deviceColumns(d, siteId),
    status: d.status ?? null,
    firmware: d.firmware ?? null,
    answered_at: (d.updated_at ? new Date(d.updated_at) : at).toISOString(),
    dto: d,
  }));
  await tx.$executeRaw`
    INSERT INTO mirror_devices AS m (dealer_link_id, chekt_id, site_id, external_id, name, device_type,
                                     zone_number, mac, status, status_at, last_seen_at, firmware, firmware_at,
                                     dto, confirmed_at, changed_at, gone_at, updated_at)
    SELECT ${dealerLinkId}, r.chekt_id, r.site_id, r.external_id, r.name, r.device_type, r.zone_number, r.mac,
           ${Prisma.raw(NEW_STATUS)},
           CASE WHEN ds.status IS NOT NULL AND (r.status IS NULL OR ds.at > r.answered_at) THEN ds.at
                WHEN r.status IS NOT NULL THEN r.answered_at END,
           ${Prisma.raw(NEW_SEEN)},
           CASE WHEN ds.firmware IS NOT NULL AND (r.firmware IS NULL OR ds.at > r.answered_at) THEN ds.firmware ELSE
             r.firmware END,
           CASE WHEN ds.firmware IS NOT NULL AND (r.firmware IS NULL OR ds.at > r.answered_at) THEN ds.at
                WHEN r.firmware IS NOT NULL THEN r.answered_at END,
           r.dto, p.at, NULL, NULL, p.at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(chekt_id int, site_id int, external_id text, name text, device_type text, zone_number text, mac text,
           status text, firmware text, answered_at timestamp(3), dto jsonb)
    CROSS JOIN (SELECT ${utc(at)} AS at) p
    LEFT JOIN device_statuses ds ON ds.dealer_link_id = ${dealerLinkId} AND ds.chekt_device_id = r.chekt_id
    ON CONFLICT (dealer_link_id, chekt_id) DO UPDATE SET
      site_id = EXCLUDED.site_id,
      external_id = EXCLUDED.external_id,
      name = EXCLUDED.name,
      device_type = EXCLUDED.device_type,
      zone_number = EXCLUDED.zone_number,
      mac = EXCLUDED.mac,
      status = ${Prisma.raw(KEPT_STATUS)},
      -- an unchanged status keeps the time it began: "offline for 2 h" must survive a re-read or a
      -- rename (which moves updated_at), or the fleet's offline filters would reset
      status_at = CASE WHEN EXCLUDED.status IS NOT NULL AND (m.status_at IS NULL OR (m.status_at <= EXCLUDED.status_at
        AND EXCLUDED.status IS DISTINCT FROM m.status)) THEN EXCLUDED.status_at ELSE m.status_at END,
      last_seen_at = ${Prisma.raw(KEPT_SEEN)},
      firmware = CASE WHEN EXCLUDED.firmware IS NOT NULL AND (m.firmware_at IS NULL OR m.firmware_at <=
        EXCLUDED.firmware_at) THEN EXCLUDED.firmware ELSE m.firmware END,
      firmware_at = CASE WHEN EXCLUDED.firmware IS NOT NULL AND (m.firmware_at IS NULL OR m.firmware_at <=
        EXCLUDED.firmware_at) THEN EXCLUDED.firmware_at ELSE m.firmware_at END,
      dto = EXCLUDED.dto,
      confirmed_at = EXCLUDED.confirmed_at,
      changed_at = NULL,
      gone_at = NULL,
      updated_at = EXCLUDED.updated_at`;
}

/** Our own deletes, accepted by CHeKT: the rows go (the audit rows keep what they were). */
export async function forgetDevices(tx: Prisma.TransactionClient, dealerLinkId: string, deviceIds: number[]) {
  if (deviceIds.length) await tx.mirrorDevice.deleteMany({ where: { dealerLinkId, chektId: { in: deviceIds } } });
}
