// A site's arming setting in the mirror (docs/mirror.md "Devices, contacts and arming").
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SecurityType } from "@/lib/schemas/arming";

type Db = PrismaClient | Prisma.TransactionClient;

export type MirroredArming = { siteId: number; securityType: SecurityType | null; confirmedAt: Date };

/** The security type CHeKT last reported for the site; null when the mirror has none. */
export async function readArming(db: Db, dealerLinkId: string, siteId: number): Promise<MirroredArming | null> {
  const r = await db.mirrorArming.findUnique({ where: { dealerLinkId_siteId: { dealerLinkId, siteId } } });
  if (!r) return null;
  return { siteId, securityType: r.securityType as SecurityType, confirmedAt: r.confirmedAt };
}
