import "server-only";
// What the pages read: the mirror, scoped by dealer link, never CHeKT (docs/mirror.md). Rows CHeKT
// no longer has (goneAt) are left out of lists but still found by id, so a page can say
// "deleted in CHeKT" instead of a bare 404.
import { cache } from "react";
import { prisma, sql, sqlText } from "@/lib/db";
import { Prisma, type MirrorSync } from "@/lib/generated/prisma/client";
import type { SiteRow } from "@/lib/chekt/api/sites";
import { statusCountsSql } from "@/lib/fleet/device-status";
import { offlineThresholdSql } from "@/lib/fleet/settings";
import type { SiteDeviceCounts } from "@/lib/fleet/read";
import { factsOf, readinessFactsSql, type ReadinessRaw } from "@/lib/readiness/query";
import { readinessOf, type Readiness } from "@/lib/readiness/rules";
import type { SiteColumn, SiteListState } from "@/lib/schemas/site-list";
import { likeContains } from "./search";

/**
 * The mirror column each sortable list column sorts on (fixed SQL, never user text). Each has a
 * (dealer_link_id, column, chekt_id) index, so a page is an index walk, not a sort of every row.
 */
const SORT_SQL: Record<SiteColumn, Prisma.Sql> = {
  name: Prisma.sql`name`,
  external_site_id: Prisma.sql`external_id`,
  account_number: Prisma.sql`account_number`,
  timezone: Prisma.sql`timezone`,
  monitoring_station_id: Prisma.sql`station_id`,
  address1: Prisma.sql`address1`,
  is_activated: Prisma.sql`is_activated`,
  created_at: Prisma.sql`chekt_created_at`,
};

/**
 * NOT NULL columns sort without NULLS LAST: Postgres does not use the column's constraint to match
 * "DESC NULLS LAST" with a backward index scan, so the clause alone would force a full sort.
 */
const NOT_NULL = new Set<SiteColumn>(["name", "external_site_id", "is_activated"]);

type SiteListRow = {
  chekt_id: number;
  name: string;
  external_id: string;
  account_number: string | null;
  address1: string | null;
  timezone: string | null;
  station_id: number | null;
  is_activated: boolean;
  chekt_created_at: Date | null;
  confirmed_at: Date;
};

export type MirrorSitesPage = { rows: SiteRow[]; total: number; confirmedAt: Date[] };

/** The list's filter (fixed SQL; user values only as parameters). */
function siteListWhere(dealerLinkId: string, state: SiteListState, onlyIds: number[] | undefined): Prisma.Sql {
  const where = [Prisma.sql`dealer_link_id = ${dealerLinkId}`, Prisma.sql`gone_at IS NULL`];
  // The readiness filter (app/(console)/sites/sites-results.tsx) narrows to the ids lib/readiness judged.
  if (onlyIds) where.push(Prisma.sql`chekt_id = ANY(${onlyIds}::int[])`);
  if (state.q) where.push(Prisma.sql`search_text LIKE ${likeContains(state.q)}`);
  if (state.active) where.push(Prisma.sql`is_activated = ${state.active === "1"}`);
  if (state.tz) where.push(Prisma.sql`timezone = ${state.tz}`);
  if (state.station) where.push(Prisma.sql`station_id = ${Number(state.station)}`);
  return Prisma.join(where, " AND ");
}

/** The page's rows: filtered, sorted and cut in SQL (an index walk for every sortable column). */
function sitePageSql(cond: Prisma.Sql, state: SiteListState): Prisma.Sql {
  const dir = state.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`
    SELECT chekt_id, name, external_id, account_number, address1, timezone, station_id, is_activated,
           chekt_created_at, confirmed_at
    FROM mirror_sites WHERE ${cond}
    ORDER BY ${SORT_SQL[state.sort]} ${dir}${NOT_NULL.has(state.sort) ? Prisma.empty : Prisma.sql` NULLS LAST`},
      chekt_id ${dir}
    LIMIT ${state.per} OFFSET ${(state.page - 1) * state.per}`;
}

function siteRowOf(r: SiteListRow): SiteRow {
  return {
    site_id: r.chekt_id,
    name: r.name,
    external_site_id: r.external_id,
    account_number: r.account_number,
    address1: r.address1,
    timezone: r.timezone ?? undefined,
    monitoring_station_id: r.station_id,
    is_activated: r.is_activated ? 1 : 0,
    created_at: r.chekt_created_at?.toISOString(),
  };
}

/**
 * One page of the sites table, filtered, sorted and paged in SQL. The search matches name,
 * account number, address, our ID and CHeKT's ID anywhere (search_text, trigram-indexed).
 */
export async function mirrorSitesPage(
  dealerLinkId: string,
  state: SiteListState,
  onlyIds?: number[],
): Promise<MirrorSitesPage> {
  const cond = siteListWhere(dealerLinkId, state, onlyIds);
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<SiteListRow[]>(sitePageSql(cond, state)),
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mirror_sites WHERE ${cond}`,
  ]);
  return { rows: rows.map(siteRowOf), total: counted[0]?.n ?? 0, confirmedAt: rows.map((r) => r.confirmed_at) };
}

// A page past the end comes back as one row with the total and null page fields (chekt_id null).
type SiteViewRow = Omit<SiteListRow, "chekt_id"> & {
  chekt_id: number | null;
  total: number;
  threshold_min: number;
  facts: ReadinessRaw | null;
  devices: number | null;
  online: number | null;
  offline: number | null;
  unknown: number | null;
};

export type MirrorSitesView = MirrorSitesPage & {
  /** Each shown site's readiness (lib/readiness) and live devices per status (a site with none is absent). */
  readiness: Map<number, Readiness>;
  deviceCounts: Map<number, SiteDeviceCounts>;
};

/**
 * What the sites table shows, in ONE statement on the pool (lib/db.ts sql): mirrorSitesPage's page
 * and total, readinessOfSites' judgement (lib/readiness/query.ts, the same facts SQL, the dealer's
 * offline threshold read inside) and deviceCountsBySite's counts (lib/fleet/read.ts) for the page's
 * sites. Those were six statements through Prisma's client engine and the pool, three one after
 * another; tests/integration/site-page-read.test.ts holds this to what they say.
 */
export async function mirrorSitesView(
  dealerLinkId: string,
  state: SiteListState,
  onlyIds?: number[],
  now = new Date(),
): Promise<MirrorSitesView> {
  const cond = siteListWhere(dealerLinkId, state, onlyIds);
  const threshold = offlineThresholdSql(dealerLinkId);
  // The total comes on every row, and alone (page fields null) when the page is past the end. The
  // devices are counted per page row (an index lookup each): joined to the page as a whole, the
  // planner walked every device of the dealer.
  const { rows } = await sql<SiteViewRow>(Prisma.sql`
    WITH page AS MATERIALIZED (SELECT row_number() OVER () AS ord, p.* FROM (${sitePageSql(cond, state)}) p),
    facts AS (${readinessFactsSql(dealerLinkId, threshold, now, Prisma.sql`SELECT chekt_id FROM page`)})
    SELECT t.total, t.threshold_min, p.chekt_id, p.name, p.external_id, p.account_number, p.address1, p.timezone,
           p.station_id, p.is_activated, p.chekt_created_at, p.confirmed_at,
           (SELECT row_to_json(f) FROM facts f WHERE f.chekt_id = p.chekt_id) AS facts,
           dev.n AS devices, dev.online, dev.offline, dev.unknown
    FROM (SELECT (SELECT count(*)::int FROM mirror_sites WHERE ${cond}) AS total, ${threshold} AS threshold_min) t
    LEFT JOIN page p ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, ${Prisma.raw(statusCountsSql("d.status"))}
        FROM mirror_devices d
       WHERE d.dealer_link_id = ${dealerLinkId} AND d.site_id = p.chekt_id AND d.gone_at IS NULL
    ) dev ON p.chekt_id IS NOT NULL
    ORDER BY p.ord`);
  const shown = rows.flatMap(({ chekt_id, ...r }) => (chekt_id === null ? [] : [{ ...r, chekt_id }]));
  const readiness = new Map<number, Readiness>();
  const deviceCounts = new Map<number, SiteDeviceCounts>();
  for (const r of shown) {
    if (r.facts) readiness.set(r.chekt_id, readinessOf(factsOf(r.facts), r.threshold_min));
    // deviceCountsBySite leaves a site without live devices out.
    if (r.devices)
      deviceCounts.set(r.chekt_id, { online: r.online ?? 0, offline: r.offline ?? 0, unknown: r.unknown ?? 0 });
  }
  return {
    rows: shown.map(siteRowOf),
    total: rows[0]?.total ?? 0,
    confirmedAt: shown.map((r) => r.confirmed_at),
    readiness,
    deviceCounts,
  };
}

export function findMirrorSite(dealerLinkId: string, siteId: number) {
  return prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId, chektId: siteId } } });
}

/** The dealer's stations that CHeKT still has, by name. */
export function listMirrorStations(dealerLinkId: string) {
  return prisma.mirrorStation.findMany({
    where: { dealerLinkId, goneAt: null },
    orderBy: [{ name: "asc" }, { chektId: "asc" }],
  });
}

export function findMirrorStation(dealerLinkId: string, stationId: number) {
  return prisma.mirrorStation.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId, chektId: stationId } } });
}

export function countSitesRoutingTo(dealerLinkId: string, stationId: number) {
  return prisma.mirrorSite.count({ where: { dealerLinkId, stationId, goneAt: null } });
}

export function findMirrorDealer(dealerLinkId: string) {
  return prisma.mirrorDealer.findUnique({ where: { dealerLinkId } });
}

// The row as Prisma's model names it: the pages read the sweep's state on every view, so it goes
// straight to the pool (lib/db.ts sqlText) without the client engine's ~2 ms of CPU.
const MIRROR_SYNC_SQL = `SELECT dealer_link_id AS "dealerLinkId", state, first_sync AS "firstSync", phase, done,
  total, cursor, started_at AS "startedAt", finished_at AS "finishedAt", last_error AS "lastError",
  skipped, skipped_note AS "skippedNote", updated_at AS "updatedAt" FROM mirror_syncs WHERE dealer_link_id = $1`;

/** Once per page render: /sites asks for it twice (the sweep's progress and the table's freshness). */
export const findMirrorSync = cache(
  async (dealerLinkId: string): Promise<MirrorSync | null> =>
    (await sqlText<MirrorSync>(MIRROR_SYNC_SQL, [dealerLinkId], { prepare: true }))[0] ?? null,
);

/** The names the mirror holds for these sites of the dealer (gone ones too: an old row still names its site). */
export async function mirrorSiteNames(dealerLinkId: string, siteIds: Iterable<number>): Promise<Map<number, string>> {
  const ids = [...new Set(siteIds)];
  if (!ids.length) return new Map();
  const sites = await prisma.mirrorSite.findMany({
    where: { dealerLinkId, chektId: { in: ids } },
    select: { chektId: true, name: true },
  });
  return new Map(sites.map((s) => [s.chektId, s.name]));
}
