// IANA time zones as the running JavaScript engine knows them. The same module runs in the browser
// (for the searchable picker) and on the server (to validate), so both sides agree on the list.

const EXTRA = ["UTC"];

let cached: readonly string[] | undefined;

/** Every IANA zone the engine supports, sorted, with UTC first. */
export function timeZones(): readonly string[] {
  if (!cached) {
    const listed = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    cached = [...EXTRA, ...listed.filter((z) => !EXTRA.includes(z)).sort()];
  }
  return cached;
}

/**
 * True for a zone the engine can format in, written exactly as IANA spells it. Engines list
 * canonical names only (Node 20 says Asia/Calcutta, newer ones Asia/Kolkata), so a well-formed
 * alias the engine accepts is valid too; lower-case or made-up names are not.
 */
export function isValidTimeZone(value: string): boolean {
  if (timeZones().includes(value)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    return false;
  }
  // The engine accepts "america/new_york"; IANA names are case-sensitive and CHeKT stores them as sent.
  return value.split("/").every((part) => /^[A-Z]/.test(part) || /^[0-9]/.test(part));
}

/** Zones whose name contains every word of the query, for the searchable picker. */
export function searchTimeZones(query: string, limit = 50): string[] {
  const words = query.toLowerCase().replace(/[_/]/g, " ").split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const zone of timeZones()) {
    const hay = zone.toLowerCase().replace(/[_/]/g, " ");
    if (words.every((w) => hay.includes(w))) {
      out.push(zone);
      if (out.length >= limit) break;
    }
  }
  return out;
}
