import "server-only";
import { notFound } from "next/navigation";
import { isChektError } from "@/lib/chekt/errors";
import { getCurrentDealer } from "@/lib/dealer";
import { scopeOf, type DealerScope } from "@/lib/dealer-scope";
import { getSite } from "@/lib/chekt/api/sites";

export type SiteContext = { scope: DealerScope; siteId: number; siteName: string };

/** The current dealer and the site named in the URL; null when no dealer is connected. */
export async function loadSite(siteIdParam: string): Promise<SiteContext | null> {
  const siteId = Number(siteIdParam);
  if (!Number.isInteger(siteId) || siteId <= 0) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return null;
  const scope = scopeOf(dealer);
  try {
    const site = await getSite(scope, siteId);
    return { scope, siteId, siteName: site.name ?? `Site ${siteId}` };
  } catch (e) {
    if (isChektError(e) && (e.status === 404 || e.status === 403)) notFound();
    throw e;
  }
}

export function crumbs(ctx: SiteContext, ...rest: { label: string; href?: string }[]) {
  return [{ label: "Sites", href: "/sites" }, { label: ctx.siteName, href: `/sites/${ctx.siteId}` }, ...rest];
}
