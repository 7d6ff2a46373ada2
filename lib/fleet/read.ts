import "server-only";
// What the fleet page reads: the dealer's devices from the mirror (docs/mirror.md), filtered and
// paged in SQL on mirror_devices' (dealer, status, status_at) and (dealer, firmware) indexes. No
// CHeKT call. Gone devices (CHeKT no longer has them) are left out. The statements go straight to
// the pool (lib/db.ts sql): Prisma's $queryRaw cost ~1 ms of CPU more per statement, and a view
// sends three.
import { sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deviceStatus, deviceStatusSql, statusCountsSql, type DeviceStatus } from "./device-status";
import type { FleetListState } from "./list-state";
import { offlineLongSql } from "./settings";

export type FleetRow = {
  deviceId: number;
  name: string;
  deviceType: string;
  siteId: number;
  siteName: string | null;
  status: DeviceStatus;
  statusAt: Date | null;
  lastSeenAt: Date | null;
  firmware: string | null;
};

export type FleetPage = { rows: FleetRow[]; total: number; counts: SiteDeviceCounts };

type RawRow = {
  chekt_id: number;
  name: string;
  device_type: string;
  site_id: number;
  site_name: string | null;
  status: string | null;
  status_at: Date | null;
  last_seen_at: Date | null;
  firmware: string | null;
};

/** `d.status` judged as `status` (fixed SQL). */
const statusIs = (status: DeviceStatus) => Prisma.raw(deviceStatusSql("d.status", status));

/** The WHERE clause of a state (fixed SQL; user values only as parameters). */
function whereOf(dealerLinkId: string, state: FleetListState, now: Date): Prisma.Sql {
  const where = [Prisma.sql`d.dealer_link_id = ${dealerLinkId}`, Prisma.sql`d.gone_at IS NULL`];
  if (state.offlineFor) where.push(offlineLongSql("d", state.offlineFor, now));
  else if (state.status) where.push(statusIs(state.status));
  if (state.site) where.push(Prisma.sql`d.site_id = ${Number(state.site)}`);
  if (state.type) where.push(Prisma.sql`d.device_type = ${state.type}`);
  if (state.firmware) where.push(Prisma.sql`d.firmware = ${state.firmware}`);
  return Prisma.join(where, " AND ");
}

/**
 * One page of the dealer's devices: offline first (longest offline first), then unknown, then
 * online, each by CHeKT id so pages never shift. Counts per status are for the whole dealer.
 */
export async function fleetPage(dealerLinkId: string, state: FleetListState, now = new Date()): Promise<FleetPage> {
  const cond = whereOf(dealerLinkId, state, now);
  // Each status is its own part, read in (dealer, status, status_at) index order and cut at the
  // rows this page could need, and sites are joined to the page's rows only: one ORDER BY over a
  // CASE would read and sort every matching device (5,000 for a firmware filter) to show 50.
  const take = state.page * state.per;
  const part = (rank: number, status: Prisma.Sql) => Prisma.sql`(
      SELECT ${rank}::int AS rank, d.chekt_id, d.name, d.device_type, d.site_id, d.status, d.status_at,
             d.last_seen_at, d.firmware
      FROM mirror_devices d WHERE ${cond} AND ${status}
      ORDER BY d.status_at ASC NULLS LAST, d.chekt_id LIMIT ${take})`;
  const [{ rows }, counted, byStatus] = await Promise.all([
    sql<RawRow>(Prisma.sql`
      SELECT p.chekt_id, p.name, p.device_type, p.site_id, s.name AS site_name, p.status, p.status_at,
             p.last_seen_at, p.firmware
      FROM (
        SELECT * FROM (
          ${part(0, statusIs("offline"))}
          UNION ALL ${part(1, statusIs("unknown"))}
          UNION ALL ${part(2, statusIs("online"))}
        ) u
        ORDER BY u.rank, u.status_at ASC NULLS LAST, u.chekt_id
        LIMIT ${state.per} OFFSET ${(state.page - 1) * state.per}
      ) p
      LEFT JOIN mirror_sites s ON s.dealer_link_id = ${dealerLinkId} AND s.chekt_id = p.site_id
      ORDER BY p.rank, p.status_at ASC NULLS LAST, p.chekt_id`),
    sql<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM mirror_devices d WHERE ${cond}`),
    sql<SiteDeviceCounts>(Prisma.sql`
      SELECT ${Prisma.raw(statusCountsSql("d.status"))} FROM mirror_devices d
      WHERE d.dealer_link_id = ${dealerLinkId} AND d.gone_at IS NULL`),
  ]);
  const counts = byStatus.rows[0] ?? { online: 0, offline: 0, unknown: 0 };
  return {
    rows: rows.map((r) => ({
      deviceId: r.chekt_id,
      name: r.name,
      deviceType: r.device_type,
      siteId: r.site_id,
      siteName: r.site_name,
      status: deviceStatus(r.status),
      statusAt: r.status_at,
      lastSeenAt: r.last_seen_at,
      firmware: r.firmware,
    })),
    total: counted.rows[0]?.n ?? 0,
    counts,
  };
}

/** The firmware versions present in the dealer's fleet (for the filter), newest text last. */
export async function fleetFirmwares(dealerLinkId: string): Promise<string[]> {
  const { rows } = await sql<{ firmware: string }>(Prisma.sql`
    SELECT DISTINCT firmware FROM mirror_devices
    WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND firmware IS NOT NULL ORDER BY firmware LIMIT 200`);
  return rows.map((r) => r.firmware);
}

export type SiteDeviceCounts = Record<DeviceStatus, number>;

/** Devices per status for each of `siteIds` (one query; a site with no device is absent). */
export async function deviceCountsBySite(
  dealerLinkId: string,
  siteIds: number[],
): Promise<Map<number, SiteDeviceCounts>> {
  const out = new Map<number, SiteDeviceCounts>();
  if (siteIds.length === 0) return out;
  const { rows } = await sql<SiteDeviceCounts & { site_id: number }>(Prisma.sql`
    SELECT d.site_id, ${Prisma.raw(statusCountsSql("d.status"))} FROM mirror_devices d
    WHERE d.dealer_link_id = ${dealerLinkId} AND d.gone_at IS NULL AND d.site_id = ANY(${siteIds}::int[])
    GROUP BY d.site_id`);
  for (const { site_id, ...counts } of rows) out.set(site_id, counts);
  return out;
}
