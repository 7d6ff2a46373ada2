// An instant on a site's own clock, with the zone named ("Jan 1, 2025, 9:00 AM GMT+9", "14:03:12 EST").
// A site without a zone, or with one the engine does not know (a site's zone is CHeKT's text), is
// shown in UTC and says so: a time in the viewer's own zone, unlabelled, would pass for the site's.
// Fixed locale, so a server render and its hydration agree. No imports: pages and client components use it.

const STYLES = {
  // dateStyle cannot be combined with timeZoneName, so the parts are spelled out.
  /** "Jan 1, 2025, 9:00 AM GMT+9": the sites pages (components/sites/format.ts). */
  dateTime: { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
  /** "14:03:12 GMT+9": the alarm desk's site time, to the second. */
  clock: { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ZoneStyle = keyof typeof STYLES;

// One formatter per (style, zone) for the life of the process: building an Intl.DateTimeFormat costs
// ~100× a format() call (1.3 ms against 10 µs on the shared box), and lists format a time in every row.
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(style: ZoneStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { ...STYLES[style], timeZone, timeZoneName: "short" });
    } catch {
      // An unknown zone: UTC, named, rather than fail the page.
      f = zoneFormatter(style, "UTC");
    }
    // Zones are IANA names (a few hundred); a site's zone is CHeKT's text, so bound the map anyway.
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** `at` on the clock of `timeZone` (UTC when missing or unknown), the zone named; "—" for an invalid date. */
export function zoneTime(at: Date, timeZone: string | null | undefined, style: ZoneStyle): string {
  if (Number.isNaN(at.getTime())) return "—";
  return zoneFormatter(style, timeZone || "UTC").format(at);
}
