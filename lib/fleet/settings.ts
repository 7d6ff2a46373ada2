import "server-only";
// A dealer's fleet settings (docs/fleet.md), and "offline longer than", which its threshold judges.
// Each rule is written once, as SQL: the threshold with its default (offlineThresholdSql) and the
// offline-too-long test (offlineLongSql), used by the fleet filter (lib/fleet/read.ts), the alerts
// scan (lib/fleet/alerts.ts) and readiness (lib/readiness/query.ts, also inside the sites list's
// and the site page's one statement).
import { sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { utc } from "@/lib/mirror/sql-values";
import { deviceStatusSql } from "./device-status";

/** The threshold of a dealer without a fleet_settings row (the settings form starts from it too). */
export const DEFAULT_OFFLINE_THRESHOLD_MIN = 30;

/**
 * The dealer's offline threshold in minutes, as SQL: its fleet_settings row's, else the default.
 * `dealerLinkId`: the id (a parameter), or SQL naming it (a column, for a scan over every dealer).
 */
export function offlineThresholdSql(dealerLinkId: string | Prisma.Sql): Prisma.Sql {
  const link = typeof dealerLinkId === "string" ? Prisma.sql`${dealerLinkId}` : dealerLinkId;
  return Prisma.sql`coalesce((SELECT f.offline_threshold_min FROM fleet_settings f
    WHERE f.dealer_link_id = ${link}), ${DEFAULT_OFFLINE_THRESHOLD_MIN}::int)`;
}

/** Minutes a device may be offline before it raises an alert and fails its site's readiness. */
export async function offlineThresholdMin(dealerLinkId: string): Promise<number> {
  const { rows } = await sql<{ min: number }>(Prisma.sql`SELECT ${offlineThresholdSql(dealerLinkId)} AS min`);
  return rows[0]!.min; // one row always: a SELECT without FROM
}

/**
 * A device (`d`, an alias of mirror_devices) offline longer than `minutes` at `now`: offline, in a
 * spell (status_at) that began at least that long ago. An offline device whose spell start is
 * unknown is not offline longer than anything. `minutes`: a number, or SQL (offlineThresholdSql).
 * The cut is UTC wall time, as the timestamp column holds it, whatever the session's zone.
 */
export function offlineLongSql(d: string, minutes: number | Prisma.Sql, now: Date): Prisma.Sql {
  const min = typeof minutes === "number" ? Prisma.sql`${minutes}::int` : minutes;
  return Prisma.sql`(${Prisma.raw(deviceStatusSql(`${d}.status`, "offline"))}
    AND ${Prisma.raw(d)}.status_at <= ${utc(now)} - make_interval(mins => ${min}))`;
}
