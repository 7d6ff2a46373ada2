import "server-only";
import { notFound } from "next/navigation";
import { prisma } from "@/lib/db";
import { getCurrentDealer } from "@/lib/dealer";
import { scopeOf, type DealerScope } from "@/lib/dealer-scope";

export type SiteContext = { scope: DealerScope; siteId: number; siteName: string; siteAsOf: Date; siteGoneAt: Date | null };

/**
 * The current dealer and the site named in the URL, from the mirror (a page view makes no CHeKT
 * call); null when no dealer is connected. A site the mirror does not have is a 404.
 */
export async function loadSite(siteIdParam: string): Promise<SiteContext | null> {
  const siteId = Number(siteIdParam);
  if (!Number.isInteger(siteId) || siteId <= 0 || siteId > 2_147_483_647) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return null;
  const scope = scopeOf(dealer);
  const site = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: scope.dealerLinkId, chektId: siteId } },
    select: { name: true, confirmedAt: true, goneAt: true },
  });
  if (!site) notFound();
  return { scope, siteId, siteName: site.name || `Site ${siteId}`, siteAsOf: site.confirmedAt, siteGoneAt: site.goneAt };
}

export function crumbs(ctx: SiteContext, ...rest: { label: string; href?: string }[]) {
  return [{ label: "Sites", href: "/sites" }, { label: ctx.siteName, href: `/sites/${ctx.siteId}` }, ...rest];
}
