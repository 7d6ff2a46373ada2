import "server-only";
// The "before" of an audit row, taken from the mirror when it has the object, so an edit or a
// delete spends one CHeKT call (the write) instead of two. Missing in the mirror: ask CHeKT.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Json = Prisma.JsonValue;

export async function siteBefore(
  dealerLinkId: string,
  siteId: number,
  fromChekt: () => Promise<object>,
): Promise<Json | object> {
  const row = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId, chektId: siteId } },
    select: { dto: true, goneAt: true },
  });
  return row && !row.goneAt ? row.dto : fromChekt();
}

export async function stationBefore(
  dealerLinkId: string,
  stationId: number,
  fromChekt: () => Promise<object>,
): Promise<Json | object> {
  const row = await prisma.mirrorStation.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId, chektId: stationId } },
    select: { dto: true, goneAt: true },
  });
  return row && !row.goneAt ? row.dto : fromChekt();
}

export async function dealerBefore(dealerLinkId: string, fromChekt: () => Promise<object>): Promise<Json | object> {
  const row = await prisma.mirrorDealer.findUnique({ where: { dealerLinkId }, select: { dto: true, goneAt: true } });
  return row && !row.goneAt ? row.dto : fromChekt();
}
