import "server-only";
import { listContacts } from "@/lib/chekt/api/contacts";
import { getSite } from "@/lib/chekt/api/sites";
import type { SiteContact } from "./types";

// Site name/timezone and contacts live in CHeKT (its system of record); the queue reads them often
// and they rarely change, so each instance keeps them a minute. A failed lookup is remembered
// briefly too, so a CHeKT outage does not turn every queue refresh into a wall of timeouts.
const TTL_MS = 60_000;
const FAIL_TTL_MS = 10_000;

type Site = { name: string; timezone: string | null };
type Entry<T> = { at: number; ttl: number; value: Promise<T | null> };

const sites = new Map<string, Entry<Site>>();
const contacts = new Map<string, Entry<SiteContact[]>>();

function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T | null> {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < hit.ttl) return hit.value;
  const entry: Entry<T> = { at: Date.now(), ttl: TTL_MS, value: Promise.resolve(null) };
  entry.value = load().catch((e: unknown) => {
    entry.ttl = FAIL_TTL_MS;
    console.warn(`[verifications] CHeKT lookup ${key} failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  map.set(key, entry);
  return entry.value;
}

export function siteInfo(chektDealerId: number, siteId: number): Promise<Site | null> {
  return cached(sites, `${chektDealerId}/${siteId}`, async () => {
    const site = await getSite({ dealerId: chektDealerId }, siteId);
    return { name: site.name || `Site ${siteId}`, timezone: site.timezone ?? null };
  });
}

export function siteContacts(chektDealerId: number, siteId: number): Promise<SiteContact[] | null> {
  return cached(contacts, `${chektDealerId}/${siteId}/contacts`, async () => {
    const list = await listContacts({ dealerId: chektDealerId }, siteId);
    return list
      .map((c) => ({
        id: c.contact_id,
        name: [c.first_name, c.last_name].filter(Boolean).join(" ") || `Contact ${c.contact_id}`,
        phone: c.phone_number ?? null,
      }))
      .filter((c) => Number.isSafeInteger(c.id));
  });
}
