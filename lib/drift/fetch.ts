import "server-only";
import { listAll } from "@/lib/chekt/api/call";
import { listContactsPage } from "@/lib/chekt/api/contacts";
import { getDealer } from "@/lib/chekt/api/dealers";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import { listSites } from "@/lib/chekt/api/sites";
import { listStationsPage } from "@/lib/chekt/api/stations";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { compareMappings, type ChektObject, type DriftKind, type DriftReport, type MappingRow } from "./compare";

const PAGE = 1000;

export type DriftRun = DriftReport & { warnings: string[]; traceId: string; chektDealerId: number };

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Lists the dealer's objects on CHeKT and compares them with our mappings for that dealer link. */
export async function runDrift(link: { id: string; chektDealerId: number }, traceId: string): Promise<DriftRun> {
  const dealerId = link.chektDealerId;
  const opts = { traceId };
  const warnings: string[] = [];
  const objects: ChektObject[] = [];

  const dealer = await getDealer({ dealerId }, opts);
  objects.push({ kind: "dealer", chektId: String(dealer.dealer_id), externalId: str(dealer.external_dealer_id), parentChektId: null, name: dealer.company_name ?? "" });

  const sites = await listAll(PAGE, (offset) => listSites({ dealerId }, { limit: PAGE, offset }, opts));
  for (const s of sites) objects.push({ kind: "site", chektId: String(s.site_id), externalId: str(s.external_site_id), parentChektId: null, name: s.name ?? "" });

  const stations = await listAll(PAGE, (offset) => listStationsPage({ dealerId }, { limit: PAGE, offset }, opts));
  for (const m of stations) objects.push({ kind: "monitoring_station", chektId: String(m.monitoring_station_id), externalId: str(m.external_monitoring_station_id), parentChektId: null, name: m.name });

  // Contacts and devices per site. A site that vanished between the two calls (404) is skipped
  // and its children are not judged; any other error stops the check (it would mislead).
  const covered = new Set<string>();
  for (const s of sites) {
    const siteId = s.site_id;
    try {
      const contacts = await listAll(PAGE, (offset) => listContactsPage({ dealerId }, siteId, { limit: PAGE, offset }, opts));
      const devices = await appDeviceApi().list(dealerId, siteId, opts);
      for (const c of contacts) objects.push({ kind: "contact", chektId: String(c.contact_id), externalId: str(c.external_contact_id), parentChektId: String(siteId), name: `${c.first_name} ${c.last_name}`.trim() });
      for (const d of devices) objects.push({ kind: "device", chektId: String(d.device_id), externalId: str(d.external_device_id), parentChektId: String(siteId), name: d.name ?? "" });
      covered.add(String(siteId));
    } catch (error) {
      if (isChektError(error) && error.kind === "not_found") warnings.push(`Site ${siteId} disappeared while it was being read; its contacts and devices were not compared.`);
      else throw error;
    }
  }

  const rows = await prisma.externalIdMapping.findMany({ where: { dealerLinkId: link.id }, orderBy: [{ kind: "asc" }, { chektId: "asc" }] });
  const mappings: MappingRow[] = rows.map((r) => ({ id: r.id, kind: r.kind as DriftKind, chektId: r.chektId, externalId: r.externalId, parentChektId: r.parentChektId }));
  return { ...compareMappings(mappings, objects, covered), warnings, traceId, chektDealerId: dealerId };
}
