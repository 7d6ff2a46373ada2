import "server-only";
// What the pages read: the mirror, scoped by dealer link, never CHeKT (docs/mirror.md). Rows CHeKT
// no longer has (goneAt) are left out of lists but still found by id, so a page can say
// "deleted in CHeKT" instead of a bare 404.
import { cache } from "react";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SiteRow } from "@/lib/chekt/api/sites";
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

/**
 * One page of the sites table, filtered, sorted and paged in SQL. The search matches name,
 * account number, address, our ID and CHeKT's ID anywhere (search_text, trigram-indexed).
 */
export async function mirrorSitesPage(
  dealerLinkId: string,
  state: SiteListState,
  onlyIds?: number[],
): Promise<MirrorSitesPage> {
  const where = [Prisma.sql`dealer_link_id = ${dealerLinkId}`, Prisma.sql`gone_at IS NULL`];
  // The readiness filter (app/(console)/sites/page.tsx) narrows to the ids lib/readiness judged.
  if (onlyIds) where.push(Prisma.sql`chekt_id = ANY(${onlyIds}::int[])`);
  if (state.q) where.push(Prisma.sql`search_text LIKE ${likeContains(state.q)}`);
  if (state.active) where.push(Prisma.sql`is_activated = ${state.active === "1"}`);
  if (state.tz) where.push(Prisma.sql`timezone = ${state.tz}`);
  if (state.station) where.push(Prisma.sql`station_id = ${Number(state.station)}`);
  const cond = Prisma.join(where, " AND ");
  const dir = state.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<SiteListRow[]>`
      SELECT chekt_id, name, external_id, account_number, address1, timezone, station_id, is_activated,
             chekt_created_at, confirmed_at
      FROM mirror_sites WHERE ${cond}
      ORDER BY ${SORT_SQL[state.sort]} ${dir}${NOT_NULL.has(state.sort) ? Prisma.empty : Prisma.sql` NULLS LAST`},
        chekt_id ${dir}
      LIMIT ${state.per} OFFSET ${(state.page - 1) * state.per}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mirror_sites WHERE ${cond}`,
  ]);
  return {
    rows: rows.map((r) => ({
      site_id: r.chekt_id,
      name: r.name,
      external_site_id: r.external_id,
      account_number: r.account_number,
      address1: r.address1,
      timezone: r.timezone ?? undefined,
      monitoring_station_id: r.station_id,
      is_activated: r.is_activated ? 1 : 0,
      created_at: r.chekt_created_at?.toISOString(),
    })),
    total: counted[0]?.n ?? 0,
    confirmedAt: rows.map((r) => r.confirmed_at),
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

/** Once per page render: /sites asks for it twice (the sweep's progress and the table's freshness). */
export const findMirrorSync = cache((dealerLinkId: string) =>
  prisma.mirrorSync.findUnique({ where: { dealerLinkId } }),
);
