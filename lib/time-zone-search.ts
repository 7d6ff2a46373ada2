// Finding a time zone the way people name places: "New York", "Germany", "UK", "Busan". IANA names
// only carry one city per zone, so a small table adds countries and big cities that share a zone.
// Pure and dependency-free: the site form's picker runs it in the browser on every key press.
import { isValidTimeZone, timeZones } from "@/lib/schemas/timezones";

const US_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
] as const;

/**
 * Place names (lower case) → the zones they mean, the most likely first. "A|B": the same zone under
 * its new and old name (engines list one of them: Node 20 says Asia/Calcutta, newer ones Asia/Kolkata).
 */
const PLACES: Record<string, readonly string[]> = {
  // Countries and their usual short names.
  "united states": US_ZONES,
  usa: US_ZONES,
  us: US_ZONES,
  america: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
  canada: [
    "America/Toronto",
    "America/Vancouver",
    "America/Edmonton",
    "America/Winnipeg",
    "America/Halifax",
    "America/St_Johns",
    "America/Regina",
  ],
  mexico: ["America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Monterrey"],
  brazil: ["America/Sao_Paulo", "America/Manaus", "America/Fortaleza"],
  argentina: ["America/Argentina/Buenos_Aires"],
  chile: ["America/Santiago"],
  colombia: ["America/Bogota"],
  peru: ["America/Lima"],
  "united kingdom": ["Europe/London"],
  uk: ["Europe/London"],
  "great britain": ["Europe/London"],
  britain: ["Europe/London"],
  england: ["Europe/London"],
  scotland: ["Europe/London"],
  wales: ["Europe/London"],
  ireland: ["Europe/Dublin"],
  germany: ["Europe/Berlin"],
  deutschland: ["Europe/Berlin"],
  france: ["Europe/Paris"],
  spain: ["Europe/Madrid", "Atlantic/Canary"],
  portugal: ["Europe/Lisbon"],
  italy: ["Europe/Rome"],
  netherlands: ["Europe/Amsterdam"],
  holland: ["Europe/Amsterdam"],
  belgium: ["Europe/Brussels"],
  switzerland: ["Europe/Zurich"],
  austria: ["Europe/Vienna"],
  poland: ["Europe/Warsaw"],
  sweden: ["Europe/Stockholm"],
  norway: ["Europe/Oslo"],
  denmark: ["Europe/Copenhagen"],
  finland: ["Europe/Helsinki"],
  greece: ["Europe/Athens"],
  turkey: ["Europe/Istanbul"],
  ukraine: ["Europe/Kyiv|Europe/Kiev"],
  russia: ["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"],
  israel: ["Asia/Jerusalem"],
  uae: ["Asia/Dubai"],
  "united arab emirates": ["Asia/Dubai"],
  "saudi arabia": ["Asia/Riyadh"],
  egypt: ["Africa/Cairo"],
  "south africa": ["Africa/Johannesburg"],
  nigeria: ["Africa/Lagos"],
  kenya: ["Africa/Nairobi"],
  india: ["Asia/Kolkata|Asia/Calcutta"],
  pakistan: ["Asia/Karachi"],
  china: ["Asia/Shanghai"],
  "hong kong": ["Asia/Hong_Kong"],
  taiwan: ["Asia/Taipei"],
  japan: ["Asia/Tokyo"],
  korea: ["Asia/Seoul"],
  "south korea": ["Asia/Seoul"],
  "republic of korea": ["Asia/Seoul"],
  singapore: ["Asia/Singapore"],
  malaysia: ["Asia/Kuala_Lumpur"],
  thailand: ["Asia/Bangkok"],
  vietnam: ["Asia/Ho_Chi_Minh|Asia/Saigon"],
  philippines: ["Asia/Manila"],
  indonesia: ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"],
  australia: [
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Adelaide",
    "Australia/Perth",
    "Australia/Darwin",
    "Australia/Hobart",
  ],
  "new zealand": ["Pacific/Auckland"],
  // Cities and regions that share another city's zone.
  "new york city": ["America/New_York"],
  nyc: ["America/New_York"],
  boston: ["America/New_York"],
  washington: ["America/New_York"],
  philadelphia: ["America/New_York"],
  atlanta: ["America/New_York"],
  miami: ["America/New_York"],
  "eastern time": ["America/New_York"],
  dallas: ["America/Chicago"],
  houston: ["America/Chicago"],
  austin: ["America/Chicago"],
  minneapolis: ["America/Chicago"],
  "central time": ["America/Chicago"],
  "salt lake city": ["America/Denver"],
  "mountain time": ["America/Denver"],
  "san francisco": ["America/Los_Angeles"],
  "san diego": ["America/Los_Angeles"],
  "san jose": ["America/Los_Angeles"],
  seattle: ["America/Los_Angeles"],
  portland: ["America/Los_Angeles"],
  "las vegas": ["America/Los_Angeles"],
  "pacific time": ["America/Los_Angeles"],
  hawaii: ["Pacific/Honolulu"],
  alaska: ["America/Anchorage"],
  montreal: ["America/Toronto"],
  ottawa: ["America/Toronto"],
  calgary: ["America/Edmonton"],
  "rio de janeiro": ["America/Sao_Paulo"],
  manchester: ["Europe/London"],
  edinburgh: ["Europe/London"],
  munich: ["Europe/Berlin"],
  frankfurt: ["Europe/Berlin"],
  hamburg: ["Europe/Berlin"],
  cologne: ["Europe/Berlin"],
  barcelona: ["Europe/Madrid"],
  milan: ["Europe/Rome"],
  geneva: ["Europe/Zurich"],
  "st petersburg": ["Europe/Moscow"],
  "tel aviv": ["Asia/Jerusalem"],
  "abu dhabi": ["Asia/Dubai"],
  mumbai: ["Asia/Kolkata|Asia/Calcutta"],
  bombay: ["Asia/Kolkata|Asia/Calcutta"],
  delhi: ["Asia/Kolkata|Asia/Calcutta"],
  "new delhi": ["Asia/Kolkata|Asia/Calcutta"],
  bangalore: ["Asia/Kolkata|Asia/Calcutta"],
  bengaluru: ["Asia/Kolkata|Asia/Calcutta"],
  beijing: ["Asia/Shanghai"],
  shenzhen: ["Asia/Shanghai"],
  guangzhou: ["Asia/Shanghai"],
  osaka: ["Asia/Tokyo"],
  kyoto: ["Asia/Tokyo"],
  busan: ["Asia/Seoul"],
  incheon: ["Asia/Seoul"],
  daegu: ["Asia/Seoul"],
  gangnam: ["Asia/Seoul"],
  saigon: ["Asia/Ho_Chi_Minh|Asia/Saigon"],
  hanoi: ["Asia/Ho_Chi_Minh|Asia/Saigon"],
  canberra: ["Australia/Sydney"],
  wellington: ["Pacific/Auckland"],
  "cape town": ["Africa/Johannesburg"],
};

export type ZoneMatch = {
  /** The IANA name the form sends. */
  zone: string;
  /** Why it matched when the zone's own name does not say so ("Germany"), else null. */
  place: string | null;
};

function normalise(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[_/.,-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function titleCase(s: string): string {
  if (s.length <= 3) return s.toUpperCase();
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** The spelling of `entry` ("A|B") this engine lists, else the first it can format in. */
function known(entry: string): string | null {
  const names = entry.split("|");
  const listed = timeZones();
  return names.find((z) => listed.includes(z)) ?? names.find((z) => isValidTimeZone(z)) ?? null;
}

/**
 * Zones for what someone typed: a place in the table (exact name first, then names starting with the
 * query), then IANA names holding every word, each zone once. An empty query lists nothing.
 */
export function findTimeZones(query: string, limit = 12): ZoneMatch[] {
  const q = normalise(query);
  if (!q) return [];
  const out: ZoneMatch[] = [];
  const seen = new Set<string>();
  const add = (zone: string | null, place: string | null) => {
    if (!zone || seen.has(zone) || out.length >= limit) return;
    seen.add(zone);
    out.push({ zone, place });
  };

  const places = Object.keys(PLACES);
  const exact = places.filter((p) => p === q);
  const prefix = places.filter((p) => p !== q && q.length >= 2 && p.startsWith(q)).sort();
  for (const p of [...exact, ...prefix]) {
    for (const entry of PLACES[p]) add(known(entry), titleCase(p));
  }

  const words = q.split(" ");
  const byName = timeZones().filter((zone) => {
    const hay = normalise(zone);
    return words.every((w) => hay.includes(w));
  });
  // A zone whose city starts with the query ("new" → New_York) before one that only contains it.
  const city = (z: string) => normalise(z.slice(z.lastIndexOf("/") + 1));
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
