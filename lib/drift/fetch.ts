import "server-only";
// The drift check compares our mappings with the mirror (docs/mirror.md), which the background
// sweep keeps current, instead of re-reading every object from CHeKT: no CHeKT call, so it is
// instant and spends none of the alarm desk's budget. Re-link and link still read the one object
// from CHeKT (lib/drift/object.ts) before they change a mapping.
import { prisma } from "@/lib/db";
import { readDealerDto } from "@/lib/mirror/dto";
import { contactLabel, siteLabel } from "@/lib/site-label";
import { chektObject, compareMappings, type ChektObject, type DriftReport, type MappingRow } from "./compare";

export type DriftRun = DriftReport & {
  warnings: string[];
  traceId: string;
  chektDealerId: number;
  mirrorAsOf: string | null;
};

/** Compares the mirror's objects of a dealer link with our mappings for it. */
export async function runDrift(link: { id: string; chektDealerId: number }, traceId: string): Promise<DriftRun> {
  const dealerLinkId = link.id;
  const live = { dealerLinkId, goneAt: null };
  const [dealer, sites, stations, contacts, devices, armed, sync, rows] = await Promise.all([
    prisma.mirrorDealer.findUnique({ where: { dealerLinkId } }),
    prisma.mirrorSite.findMany({ where: live, select: { chektId: true, externalId: true, name: true } }),
    prisma.mirrorStation.findMany({ where: live, select: { chektId: true, externalId: true, name: true } }),
    prisma.mirrorContact.findMany({
      where: live,
      select: { chektId: true, externalId: true, siteId: true, firstName: true, lastName: true },
    }),
    prisma.mirrorDevice.findMany({
      where: live,
      select: { chektId: true, externalId: true, siteId: true, name: true },
    }),
    prisma.mirrorArming.findMany({ where: { dealerLinkId }, select: { siteId: true } }),
    prisma.mirrorSync.findUnique({ where: { dealerLinkId } }),
    prisma.externalIdMapping.findMany({ where: { dealerLinkId }, orderBy: [{ kind: "asc" }, { chektId: "asc" }] }),
  ]);

  const warnings: string[] = [];
  const objects: ChektObject[] = [];
  const d = dealer && !dealer.goneAt ? readDealerDto(dealer.dto) : null;
  if (d) objects.push(chektObject("dealer", d.dealer_id, d.external_dealer_id, null, d.company_name));
  for (const s of sites) objects.push(chektObject("site", s.chektId, s.externalId, null, siteLabel(s.chektId, s.name)));
  for (const m of stations) objects.push(chektObject("monitoring_station", m.chektId, m.externalId, null, m.name));
  for (const c of contacts)
    objects.push(
      chektObject("contact", c.chektId, c.externalId, c.siteId, contactLabel(c.chektId, c.firstName, c.lastName)),
    );
  for (const v of devices) objects.push(chektObject("device", v.chektId, v.externalId, v.siteId, v.name));

  // A site's contacts and devices count as listed once the sweep has read its children (the
  // arming read is their last step); a mapping under a site not read yet is not judged.
  const liveSites = new Set(sites.map((s) => s.chektId));
  const covered = new Set(armed.filter((a) => liveSites.has(a.siteId)).map((a) => String(a.siteId)));
  if (!sync?.finishedAt)
    warnings.push(
      "The first sync with CHeKT has not finished yet, so objects it has not read are missing from this comparison. " +
        "Check again when the Dealer page says it is done.",
    );
  else if (sync.state === "failed")
    warnings.push(
      `The last sync with CHeKT stopped early (${sync.lastError ?? "unknown reason"}); it resumes by itself.`,
    );
  const uncovered = sites.length - covered.size;
  if (uncovered > 0 && sync?.finishedAt)
    warnings.push(
      `${uncovered} site(s) were added after the last full sync; their contacts and devices were not compared.`,
    );

  const mappings: MappingRow[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    chektId: r.chektId,
    externalId: r.externalId,
    parentChektId: r.parentChektId,
  }));
  return {
    ...compareMappings(mappings, objects, covered),
    warnings,
    traceId,
    chektDealerId: link.chektDealerId,
    mirrorAsOf: sync?.finishedAt?.toISOString() ?? null,
  };
}
