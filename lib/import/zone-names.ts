// Time zones as people write them in a sheet: an IANA name in any case ("america/new_york"), a
// city ("New York", "Seoul"), or a place of lib/time-zone-places.ts (the site form's picker reads
// the same table): "Germany", "Busan", "Central time", "EST". Client-safe: the review runs it.
import { isValidTimeZone, timeZones } from "@/lib/schemas/timezones";
import { placeKey, placeNamed } from "@/lib/time-zone-places";

let byName: Map<string, string> | undefined;
function index(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const zone of timeZones()) {
    byName.set(placeKey(zone), zone);
    const city = placeKey(zone.split("/").pop() ?? zone);
    // The first zone of a city name wins (zones are sorted), e.g. "new york" → America/New_York.
    if (!byName.has(city)) byName.set(city, zone);
  }
  return byName;
}

/**
 * The IANA zone a sheet cell means, or null when it names none we know or a place with several zones
 * ("USA", "Spain"): the import never guesses which one (zoneProblem says why).
 */
export function zoneFor(input: string): string | null {
  const v = input.trim();
  if (!v) return null;
  if (isValidTimeZone(v)) return v;
  const place = placeNamed(v);
  if (place) return place.zones.length === 1 ? place.zones[0] : null;
  return index().get(placeKey(v)) ?? null;
}

/** Why a time zone cell is refused, or null when zoneFor reads it. */
export function zoneProblem(input: string): string | null {
  if (zoneFor(input)) return null;
  const v = input.trim();
  const zones = placeNamed(v)?.zones ?? [];
  if (zones.length > 1) {
    const list = zones.join(", ");
    return `Time zone "${v}" has ${zones.length} zones (${list}): write the one the site is in, or its city`;
  }
  return `Time zone "${v}" is neither a zone nor a city we know (e.g. America/New_York or New York)`;
}
