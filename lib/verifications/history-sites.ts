import "server-only";
import { prisma } from "@/lib/db";
import { siteLabel } from "@/lib/site-label";

export type SiteChoice = { value: string; label: string };

/**
 * The sites the history's Site filter offers: every site that had a verification (the first 200 by id),
 * named from the mirror in the same query, sorted by name for a person to scan.
 */
export async function historySiteChoices(dealerLinkId: string): Promise<SiteChoice[]> {
  const rows = await prisma.$queryRaw<{ site_id: number; name: string | null }[]>`
    SELECT v.site_id, s.name
    FROM (SELECT DISTINCT site_id FROM verifications WHERE dealer_link_id = ${dealerLinkId}
          ORDER BY site_id LIMIT 200) v
    LEFT JOIN mirror_sites s ON s.dealer_link_id = ${dealerLinkId} AND s.chekt_id = v.site_id`;
  return rows
    .map((r) => ({ value: String(r.site_id), label: siteLabel(r.site_id, r.name) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
}
