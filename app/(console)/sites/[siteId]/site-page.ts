import "server-only";
import type { ReactNode } from "react";
import { dealerObjectPage } from "@/components/page/dealer-page";
import type { Crumb } from "@/components/ui/page-header";
import { refuseNotFound, type DealerBound } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { scopeOf, type DealerScope } from "@/lib/dealer-scope";
import type { Role } from "@/lib/roles";
import { siteLabel } from "@/lib/site-label";

export type SiteContext = {
  scope: DealerScope;
  page: DealerBound;
  siteId: number;
  siteName: string;
  siteGoneAt: Date | null;
};

/**
 * A page under /sites/[siteId] (arming, contacts, devices, jobs): dealerObjectPage, then the site
 * from this dealer's mirror (a page view makes no CHeKT call) handed to `body`. A site the mirror
 * does not have for this dealer is a 404 with a refusal audit row (another dealer's site looks the
 * same); with no dealer connected, a header titled `title` over the no-dealer state.
 */
export function sitePage(
  role: Role,
  title: string,
  siteIdParam: string,
  body: (ctx: SiteContext) => Promise<ReactNode> | ReactNode,
): Promise<ReactNode> {
  return dealerObjectPage(role, title, siteIdParam, async (page, siteId) => body(await loadSite(page, siteId)));
}

async function loadSite(page: DealerBound, siteId: number): Promise<SiteContext> {
  const scope = scopeOf(page.dealer);
  const site = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: scope.dealerLinkId, chektId: siteId } },
    select: { name: true, goneAt: true },
  });
  if (!site) return refuseNotFound(page, "site", siteId);
  return { scope, page, siteId, siteName: siteLabel(siteId, site.name), siteGoneAt: site.goneAt };
}

/** Breadcrumbs from the sites list through this site to `rest`. */
export function crumbs(ctx: SiteContext, ...rest: Crumb[]) {
  return [{ label: "Sites", href: "/sites" }, { label: ctx.siteName, href: `/sites/${ctx.siteId}` }, ...rest];
}
