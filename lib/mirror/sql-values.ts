// What the mirror's SQL writers (write.ts for our own writes, batch.ts for CHeKT's list answers)
// share: how an answer becomes a jsonb value, a timestamp and a search string. Pure module.
import type { ChektDevice } from "@/lib/chekt/api/devices";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ResponseSiteBasicDto } from "@/lib/schemas/contract";

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
