import "server-only";
import { chekt } from "@/lib/chekt";
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
    const { data } = await chekt.request("get", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
      params: { path: { dealerId: chektDealerId, siteId } },
    }, { timeoutMs: 3000 });
    const site = data as { name?: unknown; timezone?: unknown };
    return { name: typeof site.name === "string" ? site.name : `Site ${siteId}`, timezone: typeof site.timezone === "string" ? site.timezone : null };
  });
}

export function siteContacts(chektDealerId: number, siteId: number): Promise<SiteContact[] | null> {
  return cached(contacts, `${chektDealerId}/${siteId}/contacts`, async () => {
    const { data } = await chekt.request("get", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", {
      params: { path: { dealerId: chektDealerId, siteId } },
    }, { timeoutMs: 3000 });
    const list = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
    return list
      .map((c) => ({
        id: Number(c.contact_id ?? c.id),
        name: [c.first_name, c.last_name].filter((p) => typeof p === "string" && p).join(" ") || String(c.name ?? `Contact ${c.contact_id ?? c.id}`),
        phone: typeof c.phone_number === "string" ? c.phone_number : typeof c.phone === "string" ? c.phone : null,
      }))
      .filter((c) => Number.isSafeInteger(c.id));
  });
}
