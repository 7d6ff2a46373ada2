import { Prisma } from "@/lib/generated/prisma/client";
import type {
  ResponseArmingSettingDto,
  ResponseContactDto,
  ResponseDealerDto,
  ResponseMonitoringStationDto,
  ResponseSiteBasicDto,
  ResponseSiteDto,
} from "@/lib/schemas/contract";
import { contactsReadSql, devicesReadSql, sitesReadSql, stationsReadSql } from "./batch";
import { mirrorAcceptedDevices } from "./devices";
import {
  contactColumns,
  json,
  lastPerKey,
  siteColumns,
  siteSearchText,
  SITE_DTO,
  utc,
  type MirroredDevice,
} from "./sql-values";

export { siteSearchText, type MirroredDevice };

/**
 * Writes CHeKT's answers into the mirror (docs/mirror.md). One function per kind, each taking a
 * transaction so a write-through lands with the mapping and the audit row, or not at all. Every
 * writer records `confirmedAt` (CHeKT just told us this) and clears `goneAt`. `how` says whether
 * the answer came from our own write (a change we made) or from a read/sweep: only a read that
 * differs from what we had marks the row as changed in CHeKT. A read is written by batch.ts's
 * one-statement upsert (a batch of one here), the statement the sweep writes whole pages with.
 */
type Tx = Prisma.TransactionClient;
export type MirrorSource = "write" | "read";
type Opts = { at?: Date; how?: MirrorSource };

/** JSON with object keys sorted: jsonb hands keys back in its own order, not the order written. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

function sameDto(before: Prisma.JsonValue | undefined, dto: object): boolean {
  return before !== undefined && canonical(before) === canonical(json(dto));
}

const isRead = (o: Opts) => (o.how ?? "read") === "read";

/**
 * What every row of an upsert takes from CHeKT's answer: the answer itself, confirmed now, not gone,
 * and `changedAt` set when a read finds CHeKT's copy differs from ours (our own write flags nothing).
 */
function fromAnswer(prior: { dto: Prisma.JsonValue; changedAt: Date | null } | null, dto: object, o: Opts, at: Date) {
  const changedAt = !prior || (o.how ?? "read") === "write" ? null : sameDto(prior.dto, dto) ? prior.changedAt : at;
  return { dto: json(dto), confirmedAt: at, goneAt: null, changedAt };
}

export async function mirrorDealer(tx: Tx, dealerLinkId: string, dto: ResponseDealerDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  const prior = await tx.mirrorDealer.findUnique({ where: { dealerLinkId }, select: { dto: true, changedAt: true } });
  const data = {
    chektDealerId: dto.dealer_id,
    companyName: dto.company_name,
    ...fromAnswer(prior, dto, o, at),
  };
  await tx.mirrorDealer.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...data }, update: data });
}

export async function mirrorStation(tx: Tx, dealerLinkId: string, dto: ResponseMonitoringStationDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  if (isRead(o)) return void (await tx.$executeRaw(stationsReadSql(dealerLinkId, [dto], at)));
  const key = { dealerLinkId_chektId: { dealerLinkId, chektId: dto.monitoring_station_id } };
  // Our own write flags nothing as changed in CHeKT, so the row we had is not read first.
  const data = {
    externalId: dto.external_monitoring_station_id,
    name: dto.name,
    ...fromAnswer(null, dto, o, at),
  };
  await tx.mirrorStation.upsert({
    where: key,
    create: { dealerLinkId, chektId: dto.monitoring_station_id, ...data },
    update: data,
  });
}

/** A site as a list or a write answered it (ResponseSiteBasicDto) or as GET answered it (ResponseSiteDto). */
export async function mirrorSite(
  tx: Tx,
  dealerLinkId: string,
  dto: ResponseSiteBasicDto | ResponseSiteDto,
  o: Opts = {},
) {
  const at = o.at ?? new Date();
  return void (await tx.$executeRaw(
    isRead(o) ? sitesReadSql(dealerLinkId, [dto], at) : siteWriteSql(dealerLinkId, dto, at),
  ));
}

/** The upsert's conflict clause of siteWriteSql, used by it and sitesWriteSql. */
const SITE_WRITE_CONFLICT = Prisma.sql`
    ON CONFLICT (dealer_link_id, chekt_id) DO UPDATE SET
      external_id = EXCLUDED.external_id, name = EXCLUDED.name, account_number = EXCLUDED.account_number,
      address1 = EXCLUDED.address1, address2 = EXCLUDED.address2, timezone = EXCLUDED.timezone,
      station_id = EXCLUDED.station_id, is_activated = EXCLUDED.is_activated,
      chekt_created_at = EXCLUDED.chekt_created_at, search_text = EXCLUDED.search_text,
      dto = ${Prisma.raw(SITE_DTO)},
      confirmed_at = EXCLUDED.confirmed_at, changed_at = NULL, gone_at = NULL, updated_at = EXCLUDED.updated_at`;

/**
 * mirrorSite() for our own accepted write as ONE statement, which a commit can also fold together
 * with its mapping and audit row (lib/actions/commit.ts): an upsert that needs no prior read,
 * since our own change never flags the row as changed in CHeKT (changed_at cleared), and the merge
 * that keeps a known has_physical_bridge when a basic answer lacks it is done by Postgres on the
 * row it conflicts with.
 */
export function siteWriteSql(
  dealerLinkId: string,
  dto: ResponseSiteBasicDto | ResponseSiteDto,
  at = new Date(),
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO mirror_sites AS m (dealer_link_id, chekt_id, external_id, name, account_number, address1, address2,
                                   timezone, station_id, is_activated, chekt_created_at, search_text, dto,
                                   confirmed_at, changed_at, gone_at, updated_at)
    VALUES (${dealerLinkId}, ${dto.site_id}, ${dto.external_site_id}, ${dto.name}, ${dto.account_number ?? null},
            ${dto.address1 ?? null}, ${dto.address2 ?? null}, ${dto.timezone ?? null},
            ${dto.monitoring_station_id ?? null}::int, ${dto.is_activated === 1},
            ${utc(dto.created_at ? new Date(dto.created_at) : null)}, ${siteSearchText(dto)},
            ${JSON.stringify(json(dto))}::jsonb, ${utc(at)}, NULL, NULL, ${utc(at)})
    ${SITE_WRITE_CONFLICT}`;
}

/**
 * siteWriteSql() for a batch of our own accepted writes (a site import's rows): one statement for
 * any number of sites, rows sent as one JSON document.
 */
export function sitesWriteSql(
  dealerLinkId: string,
  dtos: (ResponseSiteBasicDto | ResponseSiteDto)[],
  at = new Date(),
): Prisma.Sql {
  const rows = lastPerKey(dtos, (d) => d.site_id).map((dto) => ({
    site_id: dto.site_id,
    ...siteColumns(dto),
    dto: json(dto),
  }));
  return Prisma.sql`
    INSERT INTO mirror_sites AS m (dealer_link_id, chekt_id, external_id, name, account_number, address1, address2,
                                   timezone, station_id, is_activated, chekt_created_at, search_text, dto,
                                   confirmed_at, changed_at, gone_at, updated_at)
    SELECT ${dealerLinkId}, r.site_id, r.external_id, r.name, r.account_number, r.address1, r.address2, r.timezone,
           r.station_id, r.is_activated, r.chekt_created_at::timestamptz AT TIME ZONE 'UTC', r.search_text, r.dto,
           ${utc(at)}, NULL, NULL, ${utc(at)}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(site_id int, external_id text, name text,
      account_number text, address1 text, address2 text, timezone text, station_id int, is_activated boolean,
      chekt_created_at text, search_text text, dto jsonb)
    ${SITE_WRITE_CONFLICT}`;
}

/**
 * mirrorContact() with how "write" for a batch, as ONE statement: our own change never flags a row
 * as changed in CHeKT, so no prior read is needed (changed_at cleared).
 */
export function contactsWriteSql(
  dealerLinkId: string,
  contacts: { siteId: number; dto: ResponseContactDto }[],
  at = new Date(),
): Prisma.Sql {
  const rows = lastPerKey(contacts, (c) => c.dto.contact_id).map(({ siteId, dto }) => ({
    contact_id: dto.contact_id,
    ...contactColumns(dto, siteId),
    dto: json(dto),
  }));
  return Prisma.sql`
    INSERT INTO mirror_contacts (dealer_link_id, chekt_id, site_id, external_id, first_name, last_name, phone, email,
                                 dto, confirmed_at, changed_at, gone_at, updated_at)
    SELECT ${dealerLinkId}, r.contact_id, r.site_id, r.external_id, r.first_name, r.last_name, r.phone, r.email,
           r.dto, ${utc(at)}, NULL, NULL, ${utc(at)}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(contact_id int, site_id int, external_id text,
      first_name text, last_name text, phone text, email text, dto jsonb)
    ON CONFLICT (dealer_link_id, chekt_id) DO UPDATE SET
      site_id = EXCLUDED.site_id, external_id = EXCLUDED.external_id, first_name = EXCLUDED.first_name,
      last_name = EXCLUDED.last_name, phone = EXCLUDED.phone, email = EXCLUDED.email, dto = EXCLUDED.dto,
      confirmed_at = EXCLUDED.confirmed_at, changed_at = NULL, gone_at = NULL, updated_at = EXCLUDED.updated_at`;
}

/** mirrorArming() for a batch, as ONE statement. */
export function armingWriteSql(dealerLinkId: string, dtos: ResponseArmingSettingDto[], at = new Date()): Prisma.Sql {
  const rows = lastPerKey(dtos, (d) => d.site_id).map((dto) => ({
    site_id: dto.site_id,
    security_type: dto.security_type,
    dto: json(dto),
  }));
  return Prisma.sql`
    INSERT INTO mirror_arming (dealer_link_id, site_id, security_type, dto, confirmed_at, updated_at)
    SELECT ${dealerLinkId}, r.site_id, r.security_type, r.dto, ${utc(at)}, ${utc(at)}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(site_id int, security_type int, dto jsonb)
    ON CONFLICT (dealer_link_id, site_id) DO UPDATE SET
      security_type = EXCLUDED.security_type, dto = EXCLUDED.dto, confirmed_at = EXCLUDED.confirmed_at,
      updated_at = EXCLUDED.updated_at`;
}

export async function mirrorContact(
  tx: Tx,
  dealerLinkId: string,
  siteId: number,
  dto: ResponseContactDto,
  o: Opts = {},
) {
  const at = o.at ?? new Date();
  // Our own write flags nothing, so it needs no prior read: the batch writer's one statement, for one row.
  const write = isRead(o)
    ? contactsReadSql(dealerLinkId, siteId, [dto], at)
    : contactsWriteSql(dealerLinkId, [{ siteId, dto }], at);
  await tx.$executeRaw(write);
}

/**
 * A device as CHeKT answered it: a read in devicesReadSql's statement (batch.ts), our own write in
 * mirrorAcceptedDevices' (devices.ts). Either way a status from CHeKT's answer only replaces ours
 * when it is newer than what a device.* webhook told us, so a sweep never rolls a live status back.
 */
export async function mirrorDevice(tx: Tx, dealerLinkId: string, siteId: number, dto: MirroredDevice, o: Opts = {}) {
  const at = o.at ?? new Date();
  if (isRead(o)) return void (await tx.$executeRaw(devicesReadSql(dealerLinkId, siteId, [dto], at)));
  await mirrorAcceptedDevices(tx, dealerLinkId, siteId, [dto], at);
}

export async function mirrorArming(tx: Tx, dealerLinkId: string, dto: ResponseArmingSettingDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  const key = { dealerLinkId_siteId: { dealerLinkId, siteId: dto.site_id } };
  const data = { securityType: dto.security_type, dto: json(dto), confirmedAt: at };
  await tx.mirrorArming.upsert({ where: key, create: { dealerLinkId, siteId: dto.site_id, ...data }, update: data });
}

export type MirrorKind = "station" | "site" | "contact" | "device";

/** CHeKT said it is gone (404 on refresh, or a sweep no longer lists it): keep the row, flagged. */
export async function markGone(tx: Tx, dealerLinkId: string, kind: MirrorKind, chektId: number, at = new Date()) {
  const where = { dealerLinkId, chektId, goneAt: null };
  const data = { goneAt: at };
  if (kind === "station") await tx.mirrorStation.updateMany({ where, data });
  if (kind === "site") {
    await tx.mirrorSite.updateMany({ where, data });
    // CHeKT deletes a site's contacts and devices with it.
    await tx.mirrorContact.updateMany({ where: { dealerLinkId, siteId: chektId, goneAt: null }, data });
    await tx.mirrorDevice.updateMany({ where: { dealerLinkId, siteId: chektId, goneAt: null }, data });
  }
  if (kind === "contact") await tx.mirrorContact.updateMany({ where, data });
  if (kind === "device") await tx.mirrorDevice.updateMany({ where, data });
}

/** Our own delete, accepted by CHeKT: the row goes (the audit row keeps what it was). */
export async function forget(tx: Tx, dealerLinkId: string, kind: MirrorKind, chektId: number) {
  const where = { dealerLinkId, chektId };
  if (kind === "station") await tx.mirrorStation.deleteMany({ where });
  if (kind === "site") {
    await tx.mirrorSite.deleteMany({ where });
    await tx.mirrorContact.deleteMany({ where: { dealerLinkId, siteId: chektId } });
    await tx.mirrorDevice.deleteMany({ where: { dealerLinkId, siteId: chektId } });
    await tx.mirrorArming.deleteMany({ where: { dealerLinkId, siteId: chektId } });
  }
  if (kind === "contact") await tx.mirrorContact.deleteMany({ where });
  if (kind === "device") await tx.mirrorDevice.deleteMany({ where });
}
