import "server-only";
// Everything the site page (app/(console)/sites/[siteId]/page.tsx) shows from the mirror, in ONE
// statement on the pool (lib/db.ts sql): the site row, its station, device counts, the readiness
// facts with the dealer's offline threshold, arming, the contacts, when CHeKT last answered the site's
// contacts and devices lists (what an empty list's freshness line says) and the desk checklists. It
// was ten queries through Prisma's client engine, each a round trip and ~2 ms of the engine's CPU; the
// panels render from this instead of reading on their own.
import { sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { statusCountsSql } from "@/lib/fleet/device-status";
import { offlineThresholdSql } from "@/lib/fleet/settings";
import type { SiteDeviceCounts } from "@/lib/fleet/read";
import { factsOf, readinessFactsSql, type ReadinessRaw } from "@/lib/readiness/query";
import { readinessOf, type Readiness } from "@/lib/readiness/rules";
import { DEALER_SCOPE, parseSteps, siteScope } from "@/lib/verifications/outcomes";
import type { ChecklistStep } from "@/lib/verifications/outcomes-schemas";
import type { MirroredContact } from "./contacts";

// json_build_object cannot send a Date: the contact's times come as epoch milliseconds.
type ContactJson = Omit<MirroredContact, "goneAt" | "changedAt" | "confirmedAt"> & {
  gone_ms: number | null;
  changed_ms: number | null;
  confirmed_ms: number;
};

type Row = {
  dto: unknown;
  confirmed_at: Date;
  changed_at: Date | null;
  gone_at: Date | null;
  station_name: string | null;
  station_gone_at: Date | null;
  threshold_min: number;
  facts: ReadinessRaw | null;
  online: number;
  offline: number;
  unknown: number;
  device_count: number;
  devices_as_of: Date | null;
  security_type: number | null;
  arming_at: Date | null;
  contacts_read_at: Date | null;
  devices_read_at: Date | null;
  contacts: ContactJson[];
  // Wrapped ({ steps }), so a missing checklist (SQL null) differs from a row whatever its steps hold.
  dealer_checklist: { steps: unknown } | null;
  site_checklist: { steps: unknown } | null;
};

export type SitePageData = {
  /** The mirror row as the page needs it: CHeKT's DTO and its freshness. */
  site: { dto: unknown; confirmedAt: Date; changedAt: Date | null; goneAt: Date | null };
  /** The site's station as mirrored; null when the site names none or the mirror lacks it. */
  station: { name: string; goneAt: Date | null } | null;
  /** Live devices per status (zeros for a site without devices). */
  deviceCounts: SiteDeviceCounts;
  /** Null for a site CHeKT deleted (the page judges only live sites). */
  readiness: Readiness | null;
  devices: { count: number; asOf: Date | null };
  arming: { securityType: number; confirmedAt: Date } | null;
  /** Every contact the mirror knows for the site, gone ones too, by last name (CHeKT's list order). */
  contacts: MirroredContact[];
  /** When CHeKT last answered the site's contacts (devices) list, to the sweep or a refresh: see listAsOf. */
  contactsReadAt: Date | null;
  devicesReadAt: Date | null;
  /** The desk checklists (lib/verifications/outcomes.ts checklists): the dealer's, and the site's own or null. */
  checklists: { dealer: ChecklistStep[]; site: ChecklistStep[] | null };
};

// JSON carries no timestamp type: the contacts' times travel as epoch milliseconds. `timestamp`
// columns hold UTC wall time, and epoch of a timestamp without time zone reads it as UTC.
const epochMs = (col: string) => Prisma.raw(`round(extract(epoch FROM ${col}) * 1000)::float8`);
const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The one rule for how fresh a site's contacts or devices list is (its freshness line, and whether a
 * view queues its re-read): its oldest live row's confirmation; with none, the last time CHeKT
 * answered the whole list (mirror_sites.contacts_read_at / devices_read_at), whether the sweep or a
 * refresh asked. Not the sweep's last read of the site alone: a refresh answered empty would leave the
 * list old, and every view until the sweep came round (hours at 10,000 sites) would queue a CHeKT call.
 */
export function listAsOf(oldestLive: Date | null, listReadAt: Date | null): { confirmedAt: Date | null } {
  return { confirmedAt: oldestLive ?? listReadAt };
}

/** listAsOf for the rows a list holds, gone ones included (they do not count). */
export function listSeenOf(
  rows: { confirmedAt: Date; goneAt?: Date | null }[],
  listReadAt: Date | null,
): { confirmedAt: Date | null } {
  const live = rows.filter((r) => !r.goneAt);
  const oldest = live.reduce<Date | null>(
    (min, r) => (min === null || r.confirmedAt < min ? r.confirmedAt : min),
    null,
  );
  return listAsOf(oldest, listReadAt);
}

/** The site page's mirror data for `siteId` of the dealer; null when the mirror has no such site. */
export async function readSitePage(
  dealerLinkId: string,
  siteId: number,
  now = new Date(),
): Promise<SitePageData | null> {
  // The dealer's threshold is read inside the statement that judges readiness, not in a round trip of its own.
  const threshold = offlineThresholdSql(dealerLinkId);
  const { rows } = await sql<Row>(
    Prisma.sql`
    SELECT s.dto, s.confirmed_at, s.changed_at, s.gone_at,
           st.name AS station_name, st.gone_at AS station_gone_at,
           ${threshold} AS threshold_min,
           (SELECT row_to_json(f) FROM (${readinessFactsSql(dealerLinkId, threshold, now, [siteId])}) f) AS facts,
           coalesce(dev.online, 0)::int AS online, coalesce(dev.offline, 0)::int AS offline,
           coalesce(dev.unknown, 0)::int AS unknown, coalesce(dev.n, 0)::int AS device_count,
           dev.as_of AS devices_as_of,
           a.security_type, a.confirmed_at AS arming_at,
           s.contacts_read_at, s.devices_read_at,
           (SELECT coalesce(json_agg(json_build_object(
                     'contact_id', c.chekt_id, 'site_id', c.site_id, 'external_contact_id', c.external_id,
                     'first_name', c.first_name, 'last_name', c.last_name, 'phone_number', c.phone,
                     'email', c.email, 'gone_ms', ${epochMs("c.gone_at")}, 'changed_ms', ${epochMs("c.changed_at")},
                     'confirmed_ms', ${epochMs("c.confirmed_at")})
                   ORDER BY c.last_name, c.first_name, c.chekt_id), '[]'::json)
              FROM mirror_contacts c
             WHERE c.dealer_link_id = s.dealer_link_id AND c.site_id = s.chekt_id) AS contacts,
           (SELECT json_build_object('steps', k.steps) FROM desk_checklists k
             WHERE k.dealer_link_id = s.dealer_link_id AND k.scope = ${DEALER_SCOPE}) AS dealer_checklist,
           (SELECT json_build_object('steps', k.steps) FROM desk_checklists k
             WHERE k.dealer_link_id = s.dealer_link_id AND k.scope = ${siteScope(siteId)}) AS site_checklist
    FROM mirror_sites s
    LEFT JOIN mirror_stations st ON st.dealer_link_id = s.dealer_link_id AND st.chekt_id = s.station_id
    LEFT JOIN mirror_arming a ON a.dealer_link_id = s.dealer_link_id AND a.site_id = s.chekt_id
    LEFT JOIN LATERAL (
      SELECT ${Prisma.raw(statusCountsSql("d.status"))}, count(*) AS n, min(d.confirmed_at) AS as_of
        FROM mirror_devices d
       WHERE d.dealer_link_id = s.dealer_link_id AND d.site_id = s.chekt_id AND d.gone_at IS NULL
    ) dev ON true
    WHERE s.dealer_link_id = ${dealerLinkId} AND s.chekt_id = ${siteId}::int`,
    // The text is the same for every site and dealer (all values are parameters): each pool
    // connection parses it once, and a generic plan skips planning its dozen subqueries per view.
    { prepare: true },
  );
  const r = rows[0];
  if (!r) return null;
  return {
    site: { dto: r.dto, confirmedAt: r.confirmed_at, changedAt: r.changed_at, goneAt: r.gone_at },
    station: r.station_name === null ? null : { name: r.station_name, goneAt: r.station_gone_at },
    deviceCounts: { online: r.online, offline: r.offline, unknown: r.unknown },
    readiness: r.gone_at === null && r.facts ? readinessOf(factsOf(r.facts), r.threshold_min) : null,
    devices: { count: r.device_count, asOf: r.devices_as_of },
    arming:
      r.security_type === null || r.arming_at === null
        ? null
        : { securityType: r.security_type, confirmedAt: r.arming_at },
    contacts: r.contacts.map(({ gone_ms, changed_ms, confirmed_ms, ...contact }) => ({
      ...contact,
      goneAt: dateOrNull(gone_ms),
      changedAt: dateOrNull(changed_ms),
      confirmedAt: new Date(confirmed_ms),
    })),
    contactsReadAt: r.contacts_read_at,
    devicesReadAt: r.devices_read_at,
    checklists: {
      dealer: parseSteps(r.dealer_checklist?.steps),
      site: r.site_checklist ? parseSteps(r.site_checklist.steps) : null,
    },
  };
}
