import "server-only";
import { prisma } from "@/lib/db";
import type { SiteContact } from "./types";
import { contactLabel, siteLabel } from "@/lib/site-label";

// Site name/timezone and the call list come from the mirror (docs/mirror.md): the queue reads
// them on every refresh, and an operator answering an alarm must see them even while CHeKT is
// down or rate-limiting, so no CHeKT call is made here. Keyed by the dealer's CHeKT id, which is
// unique among dealer links, so a site id of another dealer never matches.

type Site = { name: string; timezone: string | null };

export async function siteInfo(chektDealerId: number, siteId: number): Promise<Site | null> {
  const rows = await prisma.$queryRaw<{ name: string; timezone: string | null }[]>`
    SELECT s.name, s.timezone FROM mirror_sites s JOIN dealer_links l ON l.id = s.dealer_link_id
    WHERE l.chekt_dealer_id = ${chektDealerId} AND s.chekt_id = ${siteId}`;
  const site = rows[0];
  return site ? { name: siteLabel(siteId, site.name), timezone: site.timezone } : null;
}

/** The site's contacts CHeKT still has, by last name (CHeKT's own list order); null: site unknown. */
export async function siteContacts(chektDealerId: number, siteId: number): Promise<SiteContact[] | null> {
  const link = await prisma.dealerLink.findUnique({ where: { chektDealerId }, select: { id: true } });
  if (!link) return null;
  const rows = await prisma.mirrorContact.findMany({
    where: { dealerLinkId: link.id, siteId, goneAt: null },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { chektId: "asc" }],
    select: { chektId: true, firstName: true, lastName: true, phone: true },
  });
  return rows.map((c) => ({
    id: c.chektId,
    name: contactLabel(c.chektId, c.firstName, c.lastName),
    phone: c.phone,
  }));
}
