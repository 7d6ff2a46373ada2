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
 * alias the engine accepts is valid too; lower-case, upper-case or made-up names are not.
 */
export function isValidTimeZone(value: string): boolean {
  if (timeZones().includes(value)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) return false;
  const spelled = engineSpelling(value);
  if (spelled === null) return false;
  // The engine reads names in any case ("america/new_york") and answers with the zone as IANA spells it.
  if (spelled === value) return true;
  if (spelled.toLowerCase() === value.toLowerCase()) return false;
  // An alias the engine answers with another zone (Node 20: Asia/Kolkata → Asia/Calcutta) tells nothing of
  // the alias's own case: take it as IANA writes such names, each word capitalised (US/Eastern, Asia/Ho_Chi_Minh).
  return value.split(/[/_-]/).every((word) => /^(?:[A-Z][a-z]+|[A-Z]{1,3})$/.test(word));
}

/** The zone's name as the engine resolves it; null when the engine knows no such zone. */
function engineSpelling(value: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
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
