import "server-only";
import { chekt } from "@/lib/chekt";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { compareMappings, type ChektObject, type DriftKind, type DriftReport, type MappingRow } from "./compare";

const PAGE = 1000;

/** Every row of a Partner list, following limit/offset until X-Total-Count is reached. */
async function listAll<T>(fetchPage: (offset: number) => Promise<{ data: T[]; totalCount?: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { data, totalCount } = await fetchPage(offset);
    out.push(...data);
    if (data.length < PAGE || (totalCount !== undefined && out.length >= totalCount)) return out;
  }
}

export type DriftRun = DriftReport & { warnings: string[]; traceId: string; chektDealerId: number };

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Lists the dealer's objects on CHeKT and compares them with our mappings for that dealer link. */
export async function runDrift(link: { id: string; chektDealerId: number }, traceId: string): Promise<DriftRun> {
  const dealerId = link.chektDealerId;
  const opts = { traceId };
  const warnings: string[] = [];
  const objects: ChektObject[] = [];

  const dealer = await chekt.get("/partner/v1/dealers/{dealerId}", { params: { path: { dealerId } } }, opts);
  objects.push({ kind: "dealer", chektId: String(dealer.data.dealer_id), externalId: str(dealer.data.external_dealer_id), parentChektId: null, name: dealer.data.company_name ?? "" });

  const sites = await listAll((offset) =>
    chekt.get("/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId }, query: { limit: PAGE, offset } } }, opts).then((r) => ({ data: r.data, totalCount: r.totalCount })),
  );
  for (const s of sites) objects.push({ kind: "site", chektId: String(s.site_id), externalId: str(s.external_site_id), parentChektId: null, name: s.name });

  const stations = await listAll((offset) =>
    chekt.get("/partner/v1/dealers/{dealerId}/monitoring-stations", { params: { path: { dealerId }, query: { limit: PAGE, offset } } }, opts).then((r) => ({ data: r.data, totalCount: r.totalCount })),
  );
  for (const m of stations) objects.push({ kind: "monitoring_station", chektId: String(m.monitoring_station_id), externalId: str(m.external_monitoring_station_id), parentChektId: null, name: m.name });

  // Contacts and devices per site. A site that vanished between the two calls (404) is skipped
  // and its children are not judged; any other error stops the check (it would mislead).
  const covered = new Set<string>();
  for (const s of sites) {
    const siteId = s.site_id;
    try {
      const contacts = await listAll((offset) =>
        chekt.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", { params: { path: { dealerId, siteId }, query: { limit: PAGE, offset } } }, opts).then((r) => ({ data: r.data, totalCount: r.totalCount })),
      );
      const devices = await listAll((offset) =>
        chekt.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/devices", { params: { path: { dealerId, siteId }, query: { limit: PAGE, offset } } }, opts).then((r) => ({ data: r.data, totalCount: r.totalCount })),
      );
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
