// What CHeKT's answers write to the mirror, read or our own write alike: a whole page of listed objects,
// or a batch of accepted writes, in ONE statement (docs/mirror.md "One statement per page"), instead of a
// Prisma findUnique + upsert per row. Each table's columns are declared once, here:
// - keyed by (dealer link, CHeKT id): every statement names the link, so no row of another dealer
//   can be read or written;
// - `dto` is CHeKT's answer as last seen; the typed columns are derived from it here, in TypeScript;
// - `confirmed_at` is set on every row written (freshness, and the "not seen since" gone check);
//   `gone_at` is cleared;
// - a read sets `changed_at` when a row we had comes back with a different `dto` (jsonb equality,
//   which ignores key order), and keeps it otherwise; our own write clears it;
// - a read of a row that did not change (same typed columns, same dto, not gone) only gets its new
//   `confirmed_at`: `updated_at` keeps the time of the last real change;
// - with `gone`, a read's statement also marks gone the rows of that scope that the complete list did
//   not name and nobody confirmed since the list read began;
// - a read is stamped with the time it was asked (lib/mirror/pull.ts), and CHeKT may answer it before one
//   of our own writes yet reach us after it: it only writes a row no write confirmed since, and never one we
//   deleted since (mirror_deletions, `deletedSql`), so it cannot undo an edit, flag it as changed in CHeKT
//   or bring a deleted row back (docs/mirror.md "A read that lands late").
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  ResponseArmingSettingDto,
  ResponseContactDto,
  ResponseMonitoringStationDto,
  ResponseSiteBasicDto,
  ResponseSiteDto,
} from "@/lib/schemas/contract";
import {
  contactColumns,
  deviceColumns,
  json,
  lastPerKey,
  siteColumns,
  SITE_DTO,
  utc,
  type MirroredDevice,
} from "./sql-values";
import { statusSpellSql, type HeldStatus } from "./status-spell";

/**
 * The rows of one scope a complete list no longer names: gone, unless confirmed since `since`. A site's
 * list also dates the site's list by `asked`, its first call's time (Table.listReadAt), rows or none.
 */
export type GoneScope = { since: Date; siteId?: undefined } | { since: Date; siteId: number; asked: Date };

/** What our own deletes remove: a kind's row, and with a site its contacts, devices and arming. */
export type MirrorKind = "station" | "site" | "contact" | "device";

/**
 * A typed column: its name in the table. With `type` it comes in the JSON row under that name (as
 * that type); `insert` and `update` compute it instead (over the input row `r` and the read's time
 * `p.at`; over the row we had `m` and the answer `EXCLUDED`). A `mark` is, like confirmed_at, what
 * the read itself tells (last seen, the status's last report, the time of the firmware held), not a
 * change of CHeKT's copy: it leaves updated_at alone.
 */
type Column = { name: string; type?: string; insert?: string; update?: string; mark?: true };

/** Columns that come in the JSON row as they are, each under its name: name → Postgres type. */
const typed = (types: Record<string, string>): Column[] =>
  Object.entries(types).map(([name, type]) => ({ name, type }));

type Table = {
  table: string;
  /** CHeKT's id column (the key after the dealer link). */
  key: "chekt_id" | "site_id";
  columns: Column[];
  /** Arming has neither changed_at nor gone_at: it is re-read whole with its site. */
  flags: boolean;
  /** The dto kept on conflict (default: the answer); `m` is the row we had. */
  dto?: string;
  /** Joined to the input rows `r` on insert (the devices' early webhook reports). */
  join?: Prisma.Sql;
  /** Whose deletes of ours keep a row out of a read: its own kind's (by its key), its site's (SQL over `r`). */
  deletedWith: { kind?: MirrorKind; site?: string };
  /**
   * The mirror_sites column a complete read of a site's list sets: an empty list writes no row, and
   * without it a view would find the list as old as the sweep's last read and queue a read at every look.
   */
  listReadAt?: "contacts_read_at" | "devices_read_at";
};

const raw = Prisma.raw;

/** A read that finds CHeKT's copy different from ours flags the row; an equal one keeps the flag. */
const CHANGED_AT = (dto: string) =>
  `changed_at = CASE WHEN m.dto IS DISTINCT FROM ${dto} THEN EXCLUDED.confirmed_at ELSE m.changed_at END`;

/**
 * Whose answer is written: a read's (`gone` marks what a complete list did not name), or CHeKT's answer to
 * our own accepted write, which is what we asked for: it clears the changed-in-CHeKT flag and always moves
 * updated_at.
 */
type Origin = { read: true; gone?: GoneScope } | { read: false };
const OWN_WRITE: Origin = { read: false };

/**
 * A read's rows we deleted after it was asked (`p.at`): CHeKT answered it before our delete. The same
 * time rule as a row confirmed since (below): a mark no later than the read was there when it was asked.
 */
function deletedSince(t: Table, dealerLinkId: string): Prisma.Sql {
  const { kind, site } = t.deletedWith;
  const which = [
    ...(kind ? [`(x.kind = '${kind}' AND x.chekt_id = r.key)`] : []),
    ...(site ? [`(x.kind = 'site' AND x.chekt_id = ${site})`] : []),
  ];
  return Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM mirror_deletions x
      WHERE x.dealer_link_id = ${dealerLinkId} AND x.deleted_at > p.at AND (${raw(which.join(" OR "))}))`;
}

function upsertSql(t: Table, dealerLinkId: string, rows: { key: number }[], at: Date, origin: Origin): Prisma.Sql {
  const cols = t.columns;
  const dto = t.dto ?? "EXCLUDED.dto";
  const names = cols.map((c) => c.name);
  const recordset = ["key int", ...cols.flatMap((c) => (c.type ? [`${c.name} ${c.type}`] : [])), "dto jsonb"];
  const update = cols.map((c) => c.update ?? `EXCLUDED.${c.name}`);
  const changes = cols.flatMap((c, i) => (c.mark ? [] : [{ before: `m.${c.name}`, after: update[i] }]));
  const before = [...changes.map((c) => c.before), "m.dto", ...(t.flags ? ["m.gone_at"] : [])];
  const after = [...changes.map((c) => c.after), dto, ...(t.flags ? ["NULL::timestamp"] : [])];
  const insert = Prisma.sql`
    INSERT INTO ${raw(t.table)} AS m (dealer_link_id, ${raw(t.key)}, ${raw(names.join(", "))}, dto, confirmed_at,
      ${raw(t.flags ? "changed_at, gone_at, " : "")}updated_at)
    SELECT ${dealerLinkId}, r.key, ${raw(cols.map((c) => c.insert ?? `r.${c.name}`).join(", "))}, r.dto, p.at,
      ${raw(t.flags ? "NULL, NULL, " : "")}p.at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${raw(recordset.join(", "))})
      CROSS JOIN (SELECT ${utc(at)} AS at) p
      ${t.join ?? Prisma.empty}
      ${origin.read ? deletedSince(t, dealerLinkId) : Prisma.empty}
    ON CONFLICT (dealer_link_id, ${raw(t.key)}) DO UPDATE SET
      ${raw(cols.map((c, i) => `${c.name} = ${update[i]}`).join(", "))}, dto = ${raw(dto)},
      confirmed_at = EXCLUDED.confirmed_at,
      ${raw(t.flags ? `${origin.read ? CHANGED_AT(dto) : "changed_at = NULL"}, gone_at = NULL,` : "")}
      updated_at = ${raw(
        origin.read
          ? `CASE WHEN (${before.join(", ")}) IS DISTINCT FROM (${after.join(", ")})
                        THEN EXCLUDED.updated_at ELSE m.updated_at END`
          : "EXCLUDED.updated_at",
      )}
    ${raw(origin.read ? "WHERE m.confirmed_at <= EXCLUDED.confirmed_at" : "")}`;
  const gone = origin.read ? origin.gone : undefined;
  if (!gone) return insert;
  const site = gone.siteId === undefined ? null : gone;
  return Prisma.sql`
    WITH up AS (${insert} RETURNING 1),
    gone AS (
      UPDATE ${raw(t.table)} SET gone_at = ${utc(at)}, updated_at = ${utc(at)}
      WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND confirmed_at < ${utc(gone.since)}
        ${site ? Prisma.sql`AND site_id = ${site.siteId}` : Prisma.empty}
        AND NOT (chekt_id = ANY(${rows.map((r) => r.key)}::int[]))
      RETURNING 1)
    ${site && t.listReadAt ? listReadSql(dealerLinkId, site, t.listReadAt) : Prisma.empty}
    SELECT (SELECT count(*) FROM up)::int AS written, (SELECT count(*) FROM gone)::int AS gone`;
}

/**
 * The site's list dated by the read's first call, never moved back by an older answer landing late (a
 * CTE of the read's statement: Postgres runs it whether or not the query reads it). updated_at stays.
 */
function listReadSql(dealerLinkId: string, site: { siteId: number; asked: Date }, column: string): Prisma.Sql {
  const c = raw(column);
  return Prisma.sql`, listed AS (
      UPDATE mirror_sites SET ${c} = ${utc(site.asked)}
      WHERE dealer_link_id = ${dealerLinkId} AND chekt_id = ${site.siteId}
        AND (${c} IS NULL OR ${c} < ${utc(site.asked)}))`;
}

/** An upsert's JSON rows: the last answer per object (a page may repeat one), its typed columns, the whole answer. */
function answerRows<K extends string, D extends Record<K, number>>(dtos: D[], key: K, columns: (d: D) => object) {
  return lastPerKey(dtos, (d) => d[key]).map((d) => ({ key: d[key], ...columns(d), dto: json(d) }));
}

const STATIONS: Table = {
  table: "mirror_stations",
  key: "chekt_id",
  flags: true,
  columns: typed({ external_id: "text", name: "text" }),
  deletedWith: { kind: "station" },
};

const stationColumns = (d: ResponseMonitoringStationDto) => ({
  external_id: d.external_monitoring_station_id,
  name: d.name,
});

/** A page of stations as CHeKT listed (or answered) them. */
export function stationsReadSql(
  dealerLinkId: string,
  dtos: ResponseMonitoringStationDto[],
  at: Date,
  gone?: GoneScope,
) {
  const rows = answerRows(dtos, "monitoring_station_id", stationColumns);
  return upsertSql(STATIONS, dealerLinkId, rows, at, { read: true, gone });
}

/** Stations as CHeKT answered our own accepted writes. */
export function stationsWriteSql(dealerLinkId: string, dtos: ResponseMonitoringStationDto[], at = new Date()) {
  return upsertSql(STATIONS, dealerLinkId, answerRows(dtos, "monitoring_station_id", stationColumns), at, OWN_WRITE);
}

const SITES: Table = {
  table: "mirror_sites",
  key: "chekt_id",
  flags: true,
  dto: SITE_DTO,
  deletedWith: { kind: "site" },
  columns: [
    ...typed({
      external_id: "text",
      name: "text",
      account_number: "text",
      address1: "text",
      address2: "text",
      timezone: "text",
      station_id: "int",
      is_activated: "boolean",
      search_text: "text",
    }),
    { name: "chekt_created_at", type: "timestamptz", insert: "r.chekt_created_at AT TIME ZONE 'UTC'" },
  ],
};

/** A page of sites as a list (ResponseSiteBasicDto) or GET (ResponseSiteDto) answered them. */
export function sitesReadSql(
  dealerLinkId: string,
  dtos: (ResponseSiteBasicDto | ResponseSiteDto)[],
  at: Date,
  gone?: GoneScope,
) {
  return upsertSql(SITES, dealerLinkId, answerRows(dtos, "site_id", siteColumns), at, { read: true, gone });
}

/**
 * Sites as CHeKT answered our own accepted writes (an edit, a site import's rows). A commit folds the
 * statement together with its mapping and audit row (lib/actions/commit.ts).
 */
export function sitesWriteSql(dealerLinkId: string, dtos: (ResponseSiteBasicDto | ResponseSiteDto)[], at = new Date()) {
  return upsertSql(SITES, dealerLinkId, answerRows(dtos, "site_id", siteColumns), at, OWN_WRITE);
}

const CONTACTS: Table = {
  table: "mirror_contacts",
  key: "chekt_id",
  flags: true,
  deletedWith: { kind: "contact", site: "r.site_id" },
  listReadAt: "contacts_read_at",
  columns: typed({
    site_id: "int",
    external_id: "text",
    first_name: "text",
    last_name: "text",
    phone: "text",
    email: "text",
  }),
};

/** A page of one site's contacts. */
export function contactsReadSql(
  dealerLinkId: string,
  siteId: number,
  dtos: ResponseContactDto[],
  at: Date,
  gone?: GoneScope,
) {
  const rows = answerRows(dtos, "contact_id", (d) => contactColumns(d, siteId));
  return upsertSql(CONTACTS, dealerLinkId, rows, at, { read: true, gone });
}

/** Contacts, of any sites, as CHeKT answered our own accepted writes (a site import's call lists, an edit). */
export function contactsWriteSql(
  dealerLinkId: string,
  contacts: { siteId: number; dto: ResponseContactDto }[],
  at = new Date(),
) {
  const rows = lastPerKey(contacts, (c) => c.dto.contact_id).map(({ siteId, dto }) => ({
    key: dto.contact_id,
    ...contactColumns(dto, siteId),
    dto: json(dto),
  }));
  return upsertSql(CONTACTS, dealerLinkId, rows, at, OWN_WRITE);
}

/**
 * last_seen_at after one of CHeKT's answers (both device writers): its status is the device's state
 * when we asked, so an online answer whose status the row keeps (`kept`: no newer webhook said
 * otherwise) saw the device connected at the read's time `at`, not at its updated_at (when the record
 * last changed). An offline or status-less answer, or one a newer offline report overrode, leaves it.
 */
const seenSql = (lastSeen: string, answered: string, kept: string, at: string) =>
  `CASE WHEN ${answered} = 'online' AND ${kept} = 'online' THEN GREATEST(${lastSeen}, ${at}) ELSE ${lastSeen} END`;

/**
 * Status and firmware, for a read and for our own write alike (devicesWriteSql), with the answer's
 * time its updated_at, else the read's: the status by the spell rule device.* webhooks follow too
 * (./status-spell.ts: never changed by an answer older than its last report, a status confirmed
 * unchanged keeps the time it began); firmware replaced only by an answer no older than it; last
 * seen as `seenSql` says. `p` is what we knew (the row, or the early report of a device new to the
 * mirror), `dto` and `at` the answer and the read's time.
 */
function deviceState(
  p: HeldStatus & { firmware: string; firmwareAt: string; lastSeen: string },
  dto: string,
  at: string,
) {
  const answered = `COALESCE(NULLIF(${dto} ->> 'updated_at', '')::timestamptz AT TIME ZONE 'UTC', ${at})`;
  const status = `(${dto} ->> 'status')`;
  const firmware = `(${dto} ->> 'firmware')`;
  const spell = statusSpellSql(p, { status, at: answered, given: `jsonb_exists(${dto}, 'status')` });
  const takeFirmware = `${firmware} IS NOT NULL AND (${p.firmwareAt} IS NULL OR ${p.firmwareAt} <= ${answered})`;
  return {
    ...spell,
    firmware: `CASE WHEN ${takeFirmware} THEN ${firmware} ELSE ${p.firmware} END`,
    firmwareAt: `CASE WHEN ${takeFirmware} THEN ${answered} ELSE ${p.firmwareAt} END`,
    lastSeen: seenSql(p.lastSeen, status, `(${spell.status})`, at),
  };
}

function devicesTable(dealerLinkId: string): Table {
  // The early reports of a device new to the mirror (device_statuses `ds`): kept by the rules the row
  // follows (lib/webhooks/apply.ts), so the row starts as if it had been there when they came.
  const early = {
    status: "ds.status",
    statusAt: "ds.status_at",
    seenAt: "ds.status_seen_at",
    firmware: "ds.firmware",
    firmwareAt: "ds.firmware_at",
    lastSeen: "ds.last_seen_at",
  };
  const row = {
    status: "m.status",
    statusAt: "m.status_at",
    seenAt: "m.status_seen_at",
    firmware: "m.firmware",
    firmwareAt: "m.firmware_at",
    lastSeen: "m.last_seen_at",
  };
  const ins = deviceState(early, "r.dto", "p.at");
  const upd = deviceState(row, "EXCLUDED.dto", "EXCLUDED.confirmed_at");
  return {
    table: "mirror_devices",
    key: "chekt_id",
    flags: true,
    deletedWith: { kind: "device", site: "r.site_id" },
    listReadAt: "devices_read_at",
    columns: [
      ...typed({
        site_id: "int",
        external_id: "text",
        name: "text",
        device_type: "text",
        zone_number: "text",
        mac: "text",
      }),
      { name: "status", insert: ins.status, update: upd.status },
      { name: "status_at", insert: ins.statusAt, update: upd.statusAt },
      { name: "status_seen_at", insert: ins.seenAt, update: upd.seenAt, mark: true },
      { name: "firmware", insert: ins.firmware, update: upd.firmware },
      { name: "firmware_at", insert: ins.firmwareAt, update: upd.firmwareAt, mark: true },
      { name: "last_seen_at", insert: ins.lastSeen, update: upd.lastSeen, mark: true },
    ],
    join: Prisma.sql`LEFT JOIN device_statuses ds
      ON ds.dealer_link_id = ${dealerLinkId} AND ds.chekt_device_id = r.key`,
  };
}

/** One site's devices, as CHeKT listed (or answered) them. */
export function devicesReadSql(
  dealerLinkId: string,
  siteId: number,
  dtos: MirroredDevice[],
  at: Date,
  gone?: GoneScope,
) {
  const rows = answerRows(dtos, "device_id", (d) => deviceColumns(d, siteId));
  return upsertSql(devicesTable(dealerLinkId), dealerLinkId, rows, at, { read: true, gone });
}

/**
 * CHeKT's answers to our own accepted device writes (the bulk runner's write-through, a single create or
 * edit): status, firmware and last seen by the same rules as a read, and the row is ours again.
 */
export function devicesWriteSql(dealerLinkId: string, siteId: number, dtos: MirroredDevice[], at = new Date()) {
  const rows = answerRows(dtos, "device_id", (d) => deviceColumns(d, siteId));
  return upsertSql(devicesTable(dealerLinkId), dealerLinkId, rows, at, OWN_WRITE);
}

const ARMING: Table = {
  table: "mirror_arming",
  key: "site_id",
  flags: false,
  columns: typed({ security_type: "int" }),
  deletedWith: { site: "r.key" },
};

const armingColumns = (d: ResponseArmingSettingDto) => ({ security_type: d.security_type });

/** Sites' arming settings (no gone mark: a site's arming goes with the site). */
export function armingReadSql(dealerLinkId: string, dtos: ResponseArmingSettingDto[], at: Date) {
  const rows = answerRows(dtos, "site_id", armingColumns);
  return upsertSql(ARMING, dealerLinkId, rows, at, { read: true });
}

/** Sites' arming as CHeKT answered our own accepted writes. */
export function armingWriteSql(dealerLinkId: string, dtos: ResponseArmingSettingDto[], at = new Date()) {
  return upsertSql(ARMING, dealerLinkId, answerRows(dtos, "site_id", armingColumns), at, OWN_WRITE);
}

/**
 * The dealer's sites a complete list did not name (not confirmed since `since`) marked gone, with
 * their contacts and devices (CHeKT deletes them with the site), in one statement.
 */
export function goneSitesSql(dealerLinkId: string, since: Date, at: Date): Prisma.Sql {
  return Prisma.sql`
    WITH s AS (
      UPDATE mirror_sites SET gone_at = ${utc(at)}, updated_at = ${utc(at)}
      WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND confirmed_at < ${utc(since)}
      RETURNING chekt_id),
    c AS (
      UPDATE mirror_contacts SET gone_at = ${utc(at)}, updated_at = ${utc(at)}
      WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND site_id IN (SELECT chekt_id FROM s)),
    d AS (
      UPDATE mirror_devices SET gone_at = ${utc(at)}, updated_at = ${utc(at)}
      WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND site_id IN (SELECT chekt_id FROM s))
    SELECT count(*)::int AS gone FROM s`;
}

/**
 * How long our own deletes are remembered (mirror_deletions): far longer than a read can be in flight (it
 * is stamped when asked, and a call gives up within its deadline, lib/chekt/client.ts), so an old mark
 * can go.
 */
const DELETES_KEPT_MS = 24 * 3600_000;

/**
 * Our own accepted deletes of `kind` (a site's: its contacts, devices and arming too), marked at `at`, the
 * time CHeKT had answered, so that a read asked before it and landing after it does not write the rows back
 * (`deletedSince`). Drops the dealer's marks older than DELETES_KEPT_MS in the same statement.
 */
export function deletedSql(dealerLinkId: string, kind: MirrorKind, chektIds: number[], at = new Date()): Prisma.Sql {
  const ids = [...new Set(chektIds)];
  return Prisma.sql`
    WITH old AS (
      DELETE FROM mirror_deletions
      WHERE dealer_link_id = ${dealerLinkId} AND deleted_at < ${utc(new Date(at.getTime() - DELETES_KEPT_MS))}
        AND NOT (kind = ${kind} AND chekt_id = ANY(${ids}::int[])))
    INSERT INTO mirror_deletions (dealer_link_id, kind, chekt_id, deleted_at)
    SELECT ${dealerLinkId}, ${kind}, id, ${utc(at)} FROM unnest(${ids}::int[]) AS id
    ON CONFLICT (dealer_link_id, kind, chekt_id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at`;
}
