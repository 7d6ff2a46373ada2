// Place names → time zones: the one table behind the site form's zone picker (lib/time-zone-search.ts)
// and the site import's time zone cell (lib/import/zone-names.ts), so a name one understands the other
// does too. IANA names carry one city per zone; this adds countries, regions, US zone names and big
// cities that share a zone. Pure and client-safe: the picker reads it on every key press.
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

const INDIA = ["Asia/Kolkata|Asia/Calcutta"];
const VIETNAM = ["Asia/Ho_Chi_Minh|Asia/Saigon"];

/**
 * Place (as the picker labels it) → the zones it means, the most likely first. One zone: the import
 * takes the name as that zone. Several: the name is ambiguous, the picker offers each and the import
 * asks for one. "A|B": one zone under its new and old name (Node 20 lists Asia/Calcutta, newer
 * engines Asia/Kolkata). Names are compared by placeKey, so "St. Petersburg" finds "St Petersburg".
 */
const PLACES: Record<string, readonly string[]> = {
  // Countries and their usual short names.
  "United States": US_ZONES,
  USA: US_ZONES,
  US: US_ZONES,
  America: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
  Canada: [
    "America/Toronto",
    "America/Vancouver",
    "America/Edmonton",
    "America/Winnipeg",
    "America/Halifax",
    "America/St_Johns",
    "America/Regina",
  ],
  Mexico: ["America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Monterrey"],
  Brazil: ["America/Sao_Paulo", "America/Manaus", "America/Fortaleza"],
  Argentina: ["America/Argentina/Buenos_Aires"],
  Chile: ["America/Santiago"],
  Colombia: ["America/Bogota"],
  Peru: ["America/Lima"],
  "United Kingdom": ["Europe/London"],
  UK: ["Europe/London"],
  "Great Britain": ["Europe/London"],
  Britain: ["Europe/London"],
  England: ["Europe/London"],
  Scotland: ["Europe/London"],
  Wales: ["Europe/London"],
  Ireland: ["Europe/Dublin"],
  Germany: ["Europe/Berlin"],
  Deutschland: ["Europe/Berlin"],
  France: ["Europe/Paris"],
  Spain: ["Europe/Madrid", "Atlantic/Canary"],
  Portugal: ["Europe/Lisbon"],
  Italy: ["Europe/Rome"],
  Netherlands: ["Europe/Amsterdam"],
  Holland: ["Europe/Amsterdam"],
  Belgium: ["Europe/Brussels"],
  Switzerland: ["Europe/Zurich"],
  Austria: ["Europe/Vienna"],
  Poland: ["Europe/Warsaw"],
  Sweden: ["Europe/Stockholm"],
  Norway: ["Europe/Oslo"],
  Denmark: ["Europe/Copenhagen"],
  Finland: ["Europe/Helsinki"],
  Greece: ["Europe/Athens"],
  Turkey: ["Europe/Istanbul"],
  Ukraine: ["Europe/Kyiv|Europe/Kiev"],
  Russia: ["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"],
  Israel: ["Asia/Jerusalem"],
  UAE: ["Asia/Dubai"],
  "United Arab Emirates": ["Asia/Dubai"],
  "Saudi Arabia": ["Asia/Riyadh"],
  Egypt: ["Africa/Cairo"],
  "South Africa": ["Africa/Johannesburg"],
  Nigeria: ["Africa/Lagos"],
  Kenya: ["Africa/Nairobi"],
  India: INDIA,
  Pakistan: ["Asia/Karachi"],
  China: ["Asia/Shanghai"],
  "Hong Kong": ["Asia/Hong_Kong"],
  Taiwan: ["Asia/Taipei"],
  Japan: ["Asia/Tokyo"],
  Korea: ["Asia/Seoul"],
  "South Korea": ["Asia/Seoul"],
  "Republic of Korea": ["Asia/Seoul"],
  Singapore: ["Asia/Singapore"],
  Malaysia: ["Asia/Kuala_Lumpur"],
  Thailand: ["Asia/Bangkok"],
  Vietnam: VIETNAM,
  Philippines: ["Asia/Manila"],
  Indonesia: ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"],
  Australia: [
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Adelaide",
    "Australia/Perth",
    "Australia/Darwin",
    "Australia/Hobart",
  ],
  "New Zealand": ["Pacific/Auckland"],
  // Zone names and abbreviations, US first: a sheet written in the US says "Eastern" or "EST".
  GMT: ["UTC"],
  Eastern: ["America/New_York"],
  "Eastern Time": ["America/New_York"],
  "US Eastern": ["America/New_York"],
  EST: ["America/New_York"],
  EDT: ["America/New_York"],
  Central: ["America/Chicago"],
  "Central Time": ["America/Chicago"],
  "US Central": ["America/Chicago"],
  CST: ["America/Chicago"],
  CDT: ["America/Chicago"],
  Mountain: ["America/Denver"],
  "Mountain Time": ["America/Denver"],
  "US Mountain": ["America/Denver"],
  MST: ["America/Denver"],
  MDT: ["America/Denver"],
  Arizona: ["America/Phoenix"],
  Pacific: ["America/Los_Angeles"],
  "Pacific Time": ["America/Los_Angeles"],
  "US Pacific": ["America/Los_Angeles"],
  PST: ["America/Los_Angeles"],
  PDT: ["America/Los_Angeles"],
  Alaska: ["America/Anchorage"],
  Hawaii: ["Pacific/Honolulu"],
  // Cities and regions that share another city's zone.
  "New York City": ["America/New_York"],
  NYC: ["America/New_York"],
  Boston: ["America/New_York"],
  // The state is on Pacific time, the capital on Eastern: a sheet must say which.
  Washington: ["America/New_York", "America/Los_Angeles"],
  "Washington DC": ["America/New_York"],
  Philadelphia: ["America/New_York"],
  Atlanta: ["America/New_York"],
  Miami: ["America/New_York"],
  Dallas: ["America/Chicago"],
  Houston: ["America/Chicago"],
  Austin: ["America/Chicago"],
  Minneapolis: ["America/Chicago"],
  "Salt Lake City": ["America/Denver"],
  "San Francisco": ["America/Los_Angeles"],
  "San Diego": ["America/Los_Angeles"],
  "San Jose": ["America/Los_Angeles"],
  Seattle: ["America/Los_Angeles"],
  Portland: ["America/Los_Angeles"],
  "Las Vegas": ["America/Los_Angeles"],
  Montreal: ["America/Toronto"],
  Ottawa: ["America/Toronto"],
  Calgary: ["America/Edmonton"],
  "Rio de Janeiro": ["America/Sao_Paulo"],
  Manchester: ["Europe/London"],
  Edinburgh: ["Europe/London"],
  Munich: ["Europe/Berlin"],
  Frankfurt: ["Europe/Berlin"],
  Hamburg: ["Europe/Berlin"],
  Cologne: ["Europe/Berlin"],
  Barcelona: ["Europe/Madrid"],
  Milan: ["Europe/Rome"],
  Geneva: ["Europe/Zurich"],
  "St Petersburg": ["Europe/Moscow"],
  "Tel Aviv": ["Asia/Jerusalem"],
  "Abu Dhabi": ["Asia/Dubai"],
  Mumbai: INDIA,
  Bombay: INDIA,
  Delhi: INDIA,
  "New Delhi": INDIA,
  Bangalore: INDIA,
  Bengaluru: INDIA,
  Beijing: ["Asia/Shanghai"],
  Shenzhen: ["Asia/Shanghai"],
  Guangzhou: ["Asia/Shanghai"],
  Osaka: ["Asia/Tokyo"],
  Kyoto: ["Asia/Tokyo"],
  Busan: ["Asia/Seoul"],
  Incheon: ["Asia/Seoul"],
  Daegu: ["Asia/Seoul"],
  Gangnam: ["Asia/Seoul"],
  Saigon: VIETNAM,
  Hanoi: VIETNAM,
  Canberra: ["Australia/Sydney"],
  Wellington: ["Pacific/Auckland"],
  "Cape Town": ["Africa/Johannesburg"],
};

/** A place of the table: its label, its placeKey and its zones as this engine spells them. */
export type Place = { name: string; key: string; zones: readonly string[] };

/**
 * How a typed name is compared with places and zone names: accents, case and dots ignored, any run of
 * spaces, underscores, slashes, commas or dashes one space. "Washington, D.C." → "washington dc",
 * "America/New_York" → "america new york".
 */
export function placeKey(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/[\s_/,-]+/g, " ")
    .trim();
}

/** The spelling of `entry` ("A|B") this engine lists, else the first it can format in. */
function known(entry: string): string | null {
  const names = entry.split("|");
  const listed = timeZones();
  return names.find((z) => listed.includes(z)) ?? names.find((z) => isValidTimeZone(z)) ?? null;
}

let places: Map<string, Place> | undefined;

/** Every place with a zone this engine knows, by placeKey. */
export function placesByKey(): ReadonlyMap<string, Place> {
  if (places) return places;
  places = new Map();
  for (const [name, entries] of Object.entries(PLACES)) {
    const zones = [...new Set(entries.map(known).filter((z): z is string => z !== null))];
    const key = placeKey(name);
    // Two names read alike would make one of them unreachable; tests/unit/time-zone-places.test.ts loads the table.
    if (places.has(key)) throw new Error(`lib/time-zone-places.ts: "${name}" reads as "${places.get(key)?.name}"`);
    if (zones.length > 0) places.set(key, { name, key, zones });
  }
  return places;
}

/** The place `input` names (any case, accents, dots), or undefined when the table has none. */
export function placeNamed(input: string): Place | undefined {
  return placesByKey().get(placeKey(input));
}
