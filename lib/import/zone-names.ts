// Time zones as people write them in a sheet: an IANA name in any case ("america/new_york"), a
// city ("New York", "Seoul"), or a few country and US-region names. Client-safe, built from
// the engine's own zone list (lib/schemas/timezones.ts) plus a small alias table.
import { isValidTimeZone, timeZones } from "@/lib/schemas/timezones";

const ALIASES: Record<string, string> = {
  utc: "UTC",
  gmt: "UTC",
  eastern: "America/New_York",
  "us eastern": "America/New_York",
  est: "America/New_York",
  edt: "America/New_York",
  central: "America/Chicago",
  "us central": "America/Chicago",
  cst: "America/Chicago",
  mountain: "America/Denver",
  "us mountain": "America/Denver",
  mst: "America/Denver",
  arizona: "America/Phoenix",
  pacific: "America/Los_Angeles",
  "us pacific": "America/Los_Angeles",
  pst: "America/Los_Angeles",
  alaska: "America/Anchorage",
  hawaii: "Pacific/Honolulu",
  nyc: "America/New_York",
  "san francisco": "America/Los_Angeles",
  "washington dc": "America/New_York",
  boston: "America/New_York",
  miami: "America/New_York",
  atlanta: "America/New_York",
  dallas: "America/Chicago",
  houston: "America/Chicago",
  seattle: "America/Los_Angeles",
  "las vegas": "America/Los_Angeles",
  uk: "Europe/London",
  "united kingdom": "Europe/London",
  england: "Europe/London",
  ireland: "Europe/Dublin",
  germany: "Europe/Berlin",
  france: "Europe/Paris",
  spain: "Europe/Madrid",
  italy: "Europe/Rome",
  netherlands: "Europe/Amsterdam",
  korea: "Asia/Seoul",
  "south korea": "Asia/Seoul",
  japan: "Asia/Tokyo",
  india: "Asia/Kolkata",
  singapore: "Asia/Singapore",
  sydney: "Australia/Sydney",
};

const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, " ");

let byName: Map<string, string> | undefined;
function index(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const zone of timeZones()) {
    byName.set(key(zone), zone);
    const city = zone.split("/").pop() ?? zone;
    // The first zone of a city name wins (zones are sorted), e.g. "new york" → America/New_York.
    if (!byName.has(key(city))) byName.set(key(city), zone);
  }
  for (const [alias, zone] of Object.entries(ALIASES)) byName.set(alias, zone);
  return byName;
}

/** The IANA zone a sheet cell means, or null when it names none we know. */
export function zoneFor(input: string): string | null {
  const v = input.trim();
  if (!v) return null;
  if (isValidTimeZone(v)) return v;
  return index().get(key(v)) ?? null;
}
