import "server-only";
// Site names for explaining duplicate external IDs (lib/bulk/duplicates.ts). Until sites are
// mirrored in Postgres they come from CHeKT: one read per distinct site, remembered for five
// minutes, so a job page polled every few seconds does not spend the rate limit again.
import { getSite } from "@/lib/chekt/api/sites";
import type { DealerScope } from "@/lib/dealer-scope";
import type { SiteNameLookup } from "./duplicates";

const TTL_MS = 5 * 60_000;
const remembered = new Map<string, { name: string; at: number }>();

export function chektSiteNames(scope: DealerScope, now: () => number = Date.now): SiteNameLookup {
  return async (siteIds) => {
    const out = new Map<number, string>();
    for (const id of siteIds) {
      const key = `${scope.dealerLinkId}:${id}`;
      const hit = remembered.get(key);
      if (hit && now() - hit.at < TTL_MS) {
        out.set(id, hit.name);
        continue;
      }
      try {
        const site = await getSite(scope, id, { budgetClass: "read" });
        if (site.name) {
          remembered.set(key, { name: site.name, at: now() });
          out.set(id, site.name);
        }
      } catch {
        // A site we cannot read (deleted, CHeKT down) is named by its number instead.
      }
    }
    return out;
  };
}
