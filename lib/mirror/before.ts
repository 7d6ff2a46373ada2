import "server-only";
// The "before" of an audit row, taken from the mirror when it has the object, so an edit or a
// delete spends one CHeKT call (the write) instead of two. Missing in the mirror: ask CHeKT.
import { prisma, sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

type Json = Prisma.JsonValue;

/** The columns a mirror row is read for here. */
const DTO = { dto: true, goneAt: true } as const;

/** The mirror's copy while it still stands; otherwise CHeKT's answer now. */
function mirroredOr(row: { dto: Json; goneAt: Date | null } | null, fromChekt: () => Promise<object>) {
  return row && !row.goneAt ? row.dto : fromChekt();
}

export async function siteBefore(
  dealerLinkId: string,
  siteId: number,
  fromChekt: () => Promise<object>,
): Promise<Json | object> {
  // On the pool (lib/db.ts sql): a site edit's hot path, where Prisma's findUnique costs a query compile.
  const { rows } = await sql<{ dto: Json; goneAt: Date | null }>(
    Prisma.sql`SELECT dto, gone_at AS "goneAt" FROM mirror_sites
               WHERE dealer_link_id = ${dealerLinkId} AND chekt_id = ${siteId}`,
    { prepare: true },
  );
  return mirroredOr(rows[0] ?? null, fromChekt);
}

/**
 * siteBefore started beside the write it describes, which takes it as CallOptions.sendAfter: the
 * mirror read runs while the write takes its budget token (one round trip waited for instead of
 * two), and the write is sent only once the "before" is known — after CHeKT's answer when the
 * mirror lacks the site, so that read still sees the site as it was.
 */
export function siteBeforeBeside(
  dealerLinkId: string,
  siteId: number,
  fromChekt: () => Promise<object>,
): Promise<Json | object> {
  const before = siteBefore(dealerLinkId, siteId, fromChekt);
  // A write refused before it awaited this (the budget's wait handed back to the form) must not
  // leave a rejection unheard; whoever awaits `before` still gets it.
  before.catch(() => undefined);
  return before;
}

export async function stationBefore(
  dealerLinkId: string,
  stationId: number,
  fromChekt: () => Promise<object>,
): Promise<Json | object> {
  const where = { dealerLinkId_chektId: { dealerLinkId, chektId: stationId } };
  return mirroredOr(await prisma.mirrorStation.findUnique({ where, select: DTO }), fromChekt);
}

export async function dealerBefore(dealerLinkId: string, fromChekt: () => Promise<object>): Promise<Json | object> {
  return mirroredOr(await prisma.mirrorDealer.findUnique({ where: { dealerLinkId }, select: DTO }), fromChekt);
}
