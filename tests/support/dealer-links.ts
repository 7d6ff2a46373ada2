// The simulator's demo dealers as connected dealer links in a test database: most integration
// files work on Acme (CHeKT dealer 1) and check that Northwind (dealer 2) stays apart.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type LinkSeed = Pick<
  Prisma.DealerLinkUncheckedCreateInput,
  "chektDealerId" | "externalDealerId" | "companyName"
>;

export const ACME: LinkSeed = { chektDealerId: 1, externalDealerId: "acme-security", companyName: "Acme Security" };
export const NORTHWIND: LinkSeed = {
  chektDealerId: 2,
  externalDealerId: "northwind-alarms",
  companyName: "Northwind Alarms",
};

/** A dealer link connected now; `extra` adds or overrides columns (a key, another name). Returns its id. */
export async function connectDealerLink(
  prisma: PrismaClient,
  seed: LinkSeed = ACME,
  extra: Partial<Prisma.DealerLinkUncheckedCreateInput> = {},
): Promise<string> {
  const link = await prisma.dealerLink.create({ data: { ...seed, connectedAt: new Date(), ...extra } });
  return link.id;
}
