// Finding a time zone the way people name places: "New York", "Germany", "UK", "Busan". Places come
// from lib/time-zone-places.ts (the table the site import reads too), then every IANA zone name.
// Pure and dependency-free: the site form's picker runs it in the browser on every key press.
import { timeZones } from "@/lib/schemas/timezones";
import { placeKey, placesByKey } from "@/lib/time-zone-places";

export type ZoneMatch = {
  /** The IANA name the form sends. */
  zone: string;
  /** Why it matched when the zone's own name does not say so ("Germany"), else null. */
  place: string | null;
};

/**
 * Zones for what someone typed: a place in the table (exact name first, then names starting with the
 * query), then IANA names holding every word, each zone once. An empty query lists nothing.
 */
export function findTimeZones(query: string, limit = 12): ZoneMatch[] {
  const q = placeKey(query);
  if (!q) return [];
  const out: ZoneMatch[] = [];
  const seen = new Set<string>();
  const add = (zone: string, place: string | null) => {
    if (seen.has(zone) || out.length >= limit) return;
    seen.add(zone);
    out.push({ zone, place });
  };

  const exact = placesByKey().get(q);
  const prefix = [...placesByKey().values()].filter((p) => p.key !== q && q.length >= 2 && p.key.startsWith(q));
  prefix.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const p of exact ? [exact, ...prefix] : prefix) {
    for (const zone of p.zones) add(zone, p.name);
  }

  const words = q.split(" ");
  const byName = timeZones().filter((zone) => {
    const hay = placeKey(zone);
    return words.every((w) => hay.includes(w));
  });
  // A zone whose city starts with the query ("new" → New_York) before one that only contains it.
  const city = (z: string) => placeKey(z.slice(z.lastIndexOf("/") + 1));
  byName.sort((a, b) => Number(!city(a).startsWith(q)) - Number(!city(b).startsWith(q)));
  for (const z of byName) add(z, null);
  return out;
}

/** "Europe/Berlin" → "Berlin, Europe": how the picker shows a zone's place. */
export function zoneLabel(zone: string): string {
  const parts = zone.split("/");
  if (parts.length === 1) return zone;
  return [...parts.slice(1).reverse(), parts[0]].join(", ").replace(/_/g, " ");
}

/** The zone's offset from UTC now, e.g. "GMT+9" (Intl's short form), or "" if the engine cannot say. */
export function zoneOffset(zone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at);
    return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}
