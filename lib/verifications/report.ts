import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { occurredHourSql, occurredInSql } from "./day-query";
import { answeredSql, expiredSql, openSql } from "./open-query";
import type { ReportRange } from "./report-range";
import { siteLabelSql } from "@/lib/site-label";

// The desk report, computed in Postgres over our own rows (verifications, verification_views,
// the mirror's site and device names) for ONE dealer link: every query takes the dealer link id,
// so another dealer's alarms can never count. An alarm's day and hour are when it happened
// (day-query.ts, as the history filters), in UTC; handling times run from its arrival, when it
// reached us (verifications.created_at). Outcomes are as they stand when the report is read (`now`):
// an item still pending past its deadline, before the expiry sweep got to it, counts as expired
// (open-query.ts), not "still open".

/** Seconds, rounded to 0.1; null when no item in the group reached that step. */
export type Timing = { median: number | null; p90: number | null; avg: number | null; count: number };

export type ReportSummary = {
  total: number;
  dispatched: number;
  disregarded: number;
  expired: number;
  cancelled: number;
  open: number;
  toFirstView: Timing;
  toClaim: Timing;
  toAnswer: Timing;
};

export type OperatorRow = {
  operatorId: string | null;
  operator: string;
  claimed: number;
  dispatched: number;
  disregarded: number;
  medianToClaim: number | null;
  medianToAnswer: number | null;
};
/** The per-state counts of a group of items, as stateCounts (below) reads them from a row. */
type StateCounts = ReturnType<typeof stateCounts>;
export type SiteRow = { siteId: number; site: string; medianToAnswer: number | null } & StateCounts;
export type HourRow = { hour: number } & StateCounts;
export type FalseSiteRow = {
  siteId: number;
  site: string;
  disregarded: number;
  answered: number;
  disregardShare: number;
};
export type FalseCameraRow = {
  siteId: number;
  site: string;
  deviceId: number;
  camera: string;
  disregarded: number;
  peakHour: number;
  atPeakHour: number;
};

export type DeskReport = {
  summary: ReportSummary;
  byOperator: OperatorRow[];
  bySite: SiteRow[];
  byHour: HourRow[];
  falseSites: FalseSiteRow[];
  falseCameras: FalseCameraRow[];
};

/** How many false-alarm sites and cameras the report ranks. */
export const TOP_FALSE = 10;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const int = (v: unknown): number => Number(v ?? 0);
/** The per-state counts a row of bySite and byHour carries. */
const stateCounts = (x: Record<string, unknown>) => ({
  total: int(x.total),
  dispatched: int(x.dispatched),
  disregarded: int(x.disregarded),
  expired: int(x.expired),
});
/**
 * The columns stateCounts reads from a group of verifications `v`, all but `total`: byHour counts
 * count(v.*), as an empty hour's one row is all nulls.
 */
function stateCountsSql(now: Date): Prisma.Sql {
  return Prisma.sql`count(*) FILTER (WHERE v.state = 'dispatched') AS dispatched,
           count(*) FILTER (WHERE v.state = 'disregarded') AS disregarded,
           count(*) FILTER (WHERE ${expiredSql(now, "v")}) AS expired`;
}

type SummaryRow = Record<string, unknown>;

async function summary(dealerLinkId: string, r: ReportRange, now: Date): Promise<ReportSummary> {
  const [row] = await prisma.$queryRaw<SummaryRow[]>`
    WITH v AS (
      SELECT v.state::text AS state, ${openSql(now, "v")} AS is_open, ${expiredSql(now, "v")} AS is_expired,
             EXTRACT(EPOCH FROM (w.first_viewed_at - v.created_at)) AS to_view,
             EXTRACT(EPOCH FROM (v.claimed_at - v.created_at)) AS to_claim,
             CASE WHEN ${answeredSql("v")} THEN EXTRACT(EPOCH FROM (v.answered_at -
               v.created_at)) END AS to_answer
        FROM verifications v
        LEFT JOIN verification_views w ON w.dealer_link_id = v.dealer_link_id AND w.verification_id = v.id
       WHERE v.dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r, "v")})
    SELECT count(*) AS total,
           count(*) FILTER (WHERE state = 'dispatched') AS dispatched,
           count(*) FILTER (WHERE state = 'disregarded') AS disregarded,
           count(*) FILTER (WHERE is_expired) AS expired,
           count(*) FILTER (WHERE state = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE is_open) AS open,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY to_view) AS view_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY to_view) AS view_p90,
           avg(to_view) AS view_avg, count(to_view) AS view_count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY to_claim) AS claim_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY to_claim) AS claim_p90,
           avg(to_claim) AS claim_avg, count(to_claim) AS claim_count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY to_answer) AS answer_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY to_answer) AS answer_p90,
           avg(to_answer) AS answer_avg, count(to_answer) AS answer_count
      FROM v`;
  const timing = (p: string): Timing => ({
    median: num(row[`${p}_median`]),
    p90: num(row[`${p}_p90`]),
    avg: num(row[`${p}_avg`]),
    count: int(row[`${p}_count`]),
  });
  return {
    total: int(row.total),
    dispatched: int(row.dispatched),
    disregarded: int(row.disregarded),
    expired: int(row.expired),
    cancelled: int(row.cancelled),
    open: int(row.open),
    toFirstView: timing("view"),
    toClaim: timing("claim"),
    toAnswer: timing("answer"),
  };
}

async function byOperator(dealerLinkId: string, r: ReportRange): Promise<OperatorRow[]> {
  // The operator of an item is who answered it, else who holds (or last held) its claim.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT COALESCE(answered_by_id, claimed_by_id) AS operator_id,
           COALESCE(max(answered_by_name), max(claimed_by_name), 'Nobody (never claimed)') AS operator,
           count(claimed_at) AS claimed,
           count(*) FILTER (WHERE state = 'dispatched') AS dispatched,
           count(*) FILTER (WHERE state = 'disregarded') AS disregarded,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (claimed_at - created_at))) AS to_claim,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (answered_at - created_at)))
             FILTER (WHERE ${answeredSql()}) AS to_answer
      FROM verifications
     WHERE dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r)}
     GROUP BY 1
     ORDER BY (COALESCE(answered_by_id, claimed_by_id) IS NULL), count(*) FILTER (WHERE state IN ('dispatched',
       'disregarded')) DESC, 2`;
  return rows.map((x) => ({
    operatorId: (x.operator_id as string | null) ?? null,
    operator: String(x.operator),
    claimed: int(x.claimed),
    dispatched: int(x.dispatched),
    disregarded: int(x.disregarded),
    medianToClaim: num(x.to_claim),
    medianToAnswer: num(x.to_answer),
  }));
}

async function bySite(dealerLinkId: string, r: ReportRange, now: Date): Promise<SiteRow[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT v.site_id, ${Prisma.raw(siteLabelSql("max(s.name)", "v.site_id"))} AS site, count(*) AS total,
           ${stateCountsSql(now)},
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (v.answered_at - v.created_at)))
             FILTER (WHERE ${answeredSql("v")}) AS to_answer
      FROM verifications v
      LEFT JOIN mirror_sites s ON s.dealer_link_id = v.dealer_link_id AND s.chekt_id = v.site_id
     WHERE v.dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r, "v")}
     GROUP BY v.site_id
     ORDER BY count(*) DESC, v.site_id`;
  return rows.map((x) => ({
    siteId: int(x.site_id),
    site: String(x.site),
    ...stateCounts(x),
    medianToAnswer: num(x.to_answer),
  }));
}

async function byHour(dealerLinkId: string, r: ReportRange, now: Date): Promise<HourRow[]> {
  // All 24 hours, empty ones included, so the chart's axis never skips.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT h.hour, count(v.*) AS total, ${stateCountsSql(now)}
      FROM generate_series(0, 23) AS h(hour)
      LEFT JOIN verifications v
        ON v.dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r, "v")} AND ${occurredHourSql("v")} = h.hour
     GROUP BY h.hour ORDER BY h.hour`;
  return rows.map((x) => ({ hour: int(x.hour), ...stateCounts(x) }));
}

async function falseSites(dealerLinkId: string, r: ReportRange): Promise<FalseSiteRow[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT v.site_id, ${Prisma.raw(siteLabelSql("max(s.name)", "v.site_id"))} AS site,
           count(*) FILTER (WHERE v.state = 'disregarded') AS disregarded,
           count(*) FILTER (WHERE ${answeredSql("v")}) AS answered
      FROM verifications v
      LEFT JOIN mirror_sites s ON s.dealer_link_id = v.dealer_link_id AND s.chekt_id = v.site_id
     WHERE v.dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r, "v")}
     GROUP BY v.site_id
    HAVING count(*) FILTER (WHERE v.state = 'disregarded') > 0
     ORDER BY 3 DESC, v.site_id
     LIMIT ${TOP_FALSE}`;
  return rows.map((x) => ({
    siteId: int(x.site_id),
    site: String(x.site),
    disregarded: int(x.disregarded),
    answered: int(x.answered),
    disregardShare: Math.round((int(x.disregarded) / Math.max(1, int(x.answered))) * 1000) / 10,
  }));
}

async function falseCameras(dealerLinkId: string, r: ReportRange): Promise<FalseCameraRow[]> {
  // A camera's disregards and the hour of day most of them fall in: a tree in the wind at dusk
  // shows as one device with most of its disregards in one hour.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    WITH d AS (
      SELECT site_id, device_id, ${occurredHourSql()} AS hour, count(*) AS n
        FROM verifications
       WHERE dealer_link_id = ${dealerLinkId} AND ${occurredInSql(r)}
         AND state = 'disregarded' AND device_id IS NOT NULL
       GROUP BY 1, 2, 3),
    cam AS (
      SELECT site_id, device_id, sum(n) AS disregarded,
             (array_agg(hour ORDER BY n DESC, hour))[1] AS peak_hour, max(n) AS at_peak
        FROM d GROUP BY 1, 2)
    SELECT c.site_id, c.device_id, c.disregarded, c.peak_hour, c.at_peak,
           ${Prisma.raw(siteLabelSql("s.name", "c.site_id"))} AS site,
           COALESCE(m.name, 'Device ' || c.device_id) AS camera
      FROM cam c
      LEFT JOIN mirror_sites s ON s.dealer_link_id = ${dealerLinkId} AND s.chekt_id = c.site_id
      LEFT JOIN mirror_devices m ON m.dealer_link_id = ${dealerLinkId} AND m.chekt_id = c.device_id
     ORDER BY c.disregarded DESC, c.at_peak DESC, c.site_id, c.device_id
     LIMIT ${TOP_FALSE}`;
  return rows.map((x) => ({
    siteId: int(x.site_id),
    site: String(x.site),
    deviceId: int(x.device_id),
    camera: String(x.camera),
    disregarded: int(x.disregarded),
    peakHour: int(x.peak_hour),
    atPeakHour: int(x.at_peak),
  }));
}

/** The whole report for one dealer link over `range`, as it stands at `now`; six aggregate queries side by side. */
export async function readDeskReport(dealerLinkId: string, range: ReportRange, now = new Date()): Promise<DeskReport> {
  const [s, op, site, hour, fs, fc] = await Promise.all([
    summary(dealerLinkId, range, now),
    byOperator(dealerLinkId, range),
    bySite(dealerLinkId, range, now),
    byHour(dealerLinkId, range, now),
    falseSites(dealerLinkId, range),
    falseCameras(dealerLinkId, range),
  ]);
  return { summary: s, byOperator: op, bySite: site, byHour: hour, falseSites: fs, falseCameras: fc };
}
