import "server-only";
// The facts readiness is judged on, for a set of sites in one SQL query over the mirror
// (mirror_sites, mirror_contacts, mirror_devices, mirror_arming). No CHeKT call.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { offlineLongSql, offlineThresholdMin } from "@/lib/fleet/settings";
import { READINESS_CHECK_KEYS, readinessOf, type Readiness, type ReadinessCheck, type SiteFacts } from "./rules";
import { fromKeys } from "@/lib/keys-of";
import { accountNumberSql } from "./account";

/** One site's facts as the query returns them (also inside a JSON row: lib/mirror/site-page-read.ts). */
export type ReadinessRaw = {
  chekt_id: number;
  name: string;
  is_activated: boolean;
  station_id: number | null;
  /** Trimmed; null when blank (./account-number.ts). */
  account_number: string | null;
  dto_bridge: boolean | null;
  security_type: number | null;
  phones: string[] | null;
  cameras: number;
  bridges: number;
  offline_long: number;
  same_account: { site_id: number; name: string }[] | null;
};

/**
 * The facts query: live sites of the dealer (`only`: just these ids, or those a subquery selects).
 * A device counts as offline too long past `thresholdMin` at `now` (lib/fleet/settings.ts
 * offlineLongSql); the threshold may be SQL (offlineThresholdSql), so a caller can read it in the
 * same statement instead of first.
 */
export function readinessFactsSql(
  dealerLinkId: string,
  thresholdMin: number | Prisma.Sql,
  now: Date,
  only: number[] | Prisma.Sql | undefined,
): Prisma.Sql {
  // `only` as SQL: a subquery of site ids (the sites list's page, lib/mirror/read.ts).
  const scope =
    only === undefined
      ? Prisma.empty
      : Array.isArray(only)
        ? Prisma.sql`AND s.chekt_id = ANY(${only}::int[])`
        : Prisma.sql`AND s.chekt_id IN (${only})`;
  // Account numbers are compared trimmed, blank as none (./account-number.ts; accountNumberSql). The
  // index on account_number finds the other sites holding exactly the trimmed number; those whose
  // number CHeKT holds with blanks around it ("1001 ") it cannot, so they are gathered once, by
  // station and trimmed number, and joined in (a comparison of trimmed numbers per pair of sites
  // took seconds at 10,000 sites on one station).
  return Prisma.sql`
    WITH padded AS MATERIALIZED (
      SELECT p.station_id, ${accountNumberSql(Prisma.sql`p.account_number`)} AS account,
             array_agg(p.chekt_id) AS ids, array_agg(p.name) AS names
        FROM mirror_sites p
       WHERE p.dealer_link_id = ${dealerLinkId} AND p.gone_at IS NULL AND p.station_id IS NOT NULL
         AND ${accountNumberSql(Prisma.sql`p.account_number`)} <> p.account_number
       GROUP BY 1, 2)
    SELECT s.chekt_id, s.name, s.is_activated, s.station_id, k.account AS account_number,
           (s.dto->>'has_physical_bridge')::boolean AS dto_bridge,
           a.security_type,
           (SELECT array_agg(c.phone) FROM mirror_contacts c
             WHERE c.dealer_link_id = s.dealer_link_id AND c.site_id = s.chekt_id AND c.gone_at IS NULL
               AND c.phone IS NOT NULL AND c.phone <> '') AS phones,
           coalesce(dev.cameras, 0)::int AS cameras, coalesce(dev.bridges, 0)::int AS bridges,
           coalesce(dev.offline_long, 0)::int AS offline_long,
           (SELECT json_agg(json_build_object('site_id', o.chekt_id, 'name', o.name) ORDER BY o.name, o.chekt_id)
              FROM (SELECT o.chekt_id, o.name FROM mirror_sites o
                     WHERE o.dealer_link_id = s.dealer_link_id AND o.gone_at IS NULL AND o.chekt_id <> s.chekt_id
                       AND o.station_id = s.station_id AND o.account_number = k.account
                    UNION ALL
                    SELECT u.chekt_id, u.name FROM unnest(pad.ids, pad.names) u(chekt_id, name)
                     WHERE pad.ids IS NOT NULL AND u.chekt_id <> s.chekt_id) o) AS same_account
    FROM mirror_sites s
    CROSS JOIN LATERAL (SELECT ${accountNumberSql(Prisma.sql`s.account_number`)} AS account) k
    LEFT JOIN padded pad ON pad.station_id = s.station_id AND pad.account = k.account
    LEFT JOIN mirror_arming a ON a.dealer_link_id = s.dealer_link_id AND a.site_id = s.chekt_id
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE d.device_type = 'camera') AS cameras,
             count(*) FILTER (WHERE d.device_type = 'bridge') AS bridges,
             count(*) FILTER (WHERE ${offlineLongSql("d", thresholdMin, now)}) AS offline_long
        FROM mirror_devices d
       WHERE d.dealer_link_id = s.dealer_link_id AND d.site_id = s.chekt_id AND d.gone_at IS NULL
    ) dev ON true
    WHERE s.dealer_link_id = ${dealerLinkId} AND s.gone_at IS NULL ${scope}`;
}

export function factsOf(r: ReadinessRaw): SiteFacts {
  return {
    siteId: r.chekt_id,
    name: r.name,
    isActivated: r.is_activated,
    stationId: r.station_id,
    accountNumber: r.account_number,
    sameAccount: (r.same_account ?? []).map((o) => ({ siteId: o.site_id, name: o.name })),
    phones: r.phones ?? [],
    hasBridge: r.bridges > 0 || r.dto_bridge === true ? true : r.dto_bridge === false ? false : null,
    securityType: r.security_type,
    cameras: r.cameras,
    offlineLong: r.offline_long,
  };
}

/** `only`: the site ids to judge; omitted, every live site of the dealer. */
async function facts(
  dealerLinkId: string,
  thresholdMin: number,
  only: number[] | undefined,
  now: Date,
): Promise<SiteFacts[]> {
  const rows = await prisma.$queryRaw<ReadinessRaw[]>(readinessFactsSql(dealerLinkId, thresholdMin, now, only));
  return rows.map(factsOf);
}

/** Readiness of the given sites (one query), by site id. */
export async function readinessOfSites(
  dealerLinkId: string,
  siteIds: number[],
  now = new Date(),
): Promise<Map<number, Readiness>> {
  if (siteIds.length === 0) return new Map();
  const threshold = await offlineThresholdMin(dealerLinkId);
  return new Map(
    (await facts(dealerLinkId, threshold, siteIds, now)).map((f) => [f.siteId, readinessOf(f, threshold)]),
  );
}

export type ReadinessSummary = {
  sites: number;
  notReady: number;
  byCheck: Record<ReadinessCheck, number>;
  notReadyIds: number[];
  readyIds: number[];
};

/**
 * Every live site of the dealer judged at once (one query): how many are not ready and why, and
 * which (the sites list's "not ready" filter pages through these ids).
 */
export async function readinessSummary(dealerLinkId: string, now = new Date()): Promise<ReadinessSummary> {
  const threshold = await offlineThresholdMin(dealerLinkId);
  const all = (await facts(dealerLinkId, threshold, undefined, now)).map((f) => readinessOf(f, threshold));
  const byCheck = fromKeys(READINESS_CHECK_KEYS, () => 0);
  const notReadyIds: number[] = [];
  const readyIds: number[] = [];
  for (const r of all) {
    if (r.ready) {
      readyIds.push(r.siteId);
      continue;
    }
    notReadyIds.push(r.siteId);
    for (const k of r.failing) byCheck[k] += 1;
  }
  return { sites: all.length, notReady: notReadyIds.length, byCheck, notReadyIds, readyIds };
}
