// What the mirror's SQL writers (write.ts for our own writes, batch.ts for CHeKT's list answers)
// share: how an answer becomes a jsonb value, a timestamp and a search string. Pure module.
import type { ChektDevice } from "@/lib/chekt/api/devices";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ResponseContactDto, ResponseSiteBasicDto, ResponseSiteDto } from "@/lib/schemas/contract";

/** CHeKT's answer as stored in `dto`: what JSON keeps of it (undefined fields dropped). */
export const json = (dto: object): Prisma.InputJsonValue => JSON.parse(JSON.stringify(dto)) as Prisma.InputJsonValue;

/** A DateTime as Prisma stores it: UTC wall time in a timestamp(3) column. */
export const utc = (d: Date | null) =>
  d ? Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'` : Prisma.sql`NULL`;

/**
 * One answer per key, the last one given: an upsert statement may not touch one row twice, and a
 * batch can hold two answers for one object (in the order CHeKT gave them).
 */
export function lastPerKey<T>(rows: T[], key: (row: T) => string | number): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

/** What the site search matches: name, account number, address, external ID and CHeKT ID. */
export function siteSearchText(
  s: Pick<ResponseSiteBasicDto, "site_id" | "name" | "external_site_id" | "account_number" | "address1" | "address2">,
): string {
  return [s.name, s.account_number, s.address1, s.address2, s.external_site_id, String(s.site_id)]
    .filter((p): p is string => typeof p === "string" && p.length > 0)
    .join(" ")
    .toLowerCase();
}

/**
 * The site's dto on conflict with the row we had (`m`): a basic answer (a list row, a write's
 * answer) lacks has_physical_bridge, so keep the one we knew rather than forget it.
 */
export const SITE_DTO = `CASE WHEN jsonb_exists(EXCLUDED.dto, 'has_physical_bridge')
                      OR NOT jsonb_exists(m.dto, 'has_physical_bridge') THEN EXCLUDED.dto
                 ELSE EXCLUDED.dto || jsonb_build_object('has_physical_bridge', m.dto -> 'has_physical_bridge') END`;

/** A device answer; status and firmware are read loosely (the draft API has sent other strings). */
export type MirroredDevice = ChektDevice & { status?: string | null; firmware?: string | null };

/** A site answer's typed mirror columns, as the mirror's writer (batch.ts) sends them in its JSON rows. */
export function siteColumns(d: ResponseSiteBasicDto | ResponseSiteDto) {
  return {
    external_id: d.external_site_id,
    name: d.name,
    account_number: d.account_number ?? null,
    address1: d.address1 ?? null,
    address2: d.address2 ?? null,
    timezone: d.timezone ?? null,
    station_id: d.monitoring_station_id ?? null,
    is_activated: d.is_activated === 1,
    chekt_created_at: d.created_at ? new Date(d.created_at).toISOString() : null,
    search_text: siteSearchText(d),
  };
}

/** A contact answer's typed mirror columns; its site is the answer's, else the one it was asked under. */
export function contactColumns(d: ResponseContactDto, siteId: number) {
  return {
    site_id: d.site_id ?? siteId,
    external_id: d.external_contact_id,
    first_name: d.first_name,
    last_name: d.last_name,
    phone: d.phone_number ?? null,
    email: d.email ?? null,
  };
}

/** A device answer's typed mirror columns but status and firmware (batch.ts decides those against what we had). */
export function deviceColumns(d: MirroredDevice, siteId: number) {
  return {
    site_id: d.site_id ?? siteId,
    external_id: d.external_device_id,
    name: d.name ?? "",
    device_type: d.device_type ?? "camera",
    zone_number: d.zone_number ?? null,
    mac: d.mac ?? null,
  };
}
