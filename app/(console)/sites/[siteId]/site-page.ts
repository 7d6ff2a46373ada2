import "server-only";
import { notFound } from "next/navigation";
import { refuseNotFound, type DealerBound, type DealerScope as PageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { scopeOf, type DealerScope } from "@/lib/dealer-scope";

export type SiteContext = {
  scope: DealerScope;
  page: DealerBound;
  siteId: number;
  siteName: string;
  siteAsOf: Date;
  siteGoneAt: Date | null;
};

/**
 * The site named in the URL, in the dealer the page's requirePageScope() resolved, from the mirror
 * (a page view makes no CHeKT call); null when the user has no dealer. A site the mirror does not
 * have for this dealer is a 404 with a refusal audit row (another dealer's site looks the same).
 */
export async function loadSite(pageScope: PageScope, siteIdParam: string): Promise<SiteContext | null> {
  const siteId = Number(siteIdParam);
  if (!Number.isInteger(siteId) || siteId <= 0 || siteId > 2_147_483_647) notFound();
  const { user, dealer } = pageScope;
  if (!dealer) return null;
  const scope = scopeOf(dealer);
  const site = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: scope.dealerLinkId, chektId: siteId } },
    select: { name: true, confirmedAt: true, goneAt: true },
  });
  if (!site) return refuseNotFound({ user, dealer }, "site", siteId);
  return {
    scope,
    page: { user, dealer },
    siteId,
    siteName: site.name || `Site ${siteId}`,
    siteAsOf: site.confirmedAt,
    siteGoneAt: site.goneAt,
  };
}

export function crumbs(ctx: SiteContext, ...rest: { label: string; href?: string }[]) {
  return [{ label: "Sites", href: "/sites" }, { label: ctx.siteName, href: `/sites/${ctx.siteId}` }, ...rest];
}
