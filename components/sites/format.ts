import { toDate } from "@/lib/chekt/normalize";

// dateStyle cannot be combined with timeZoneName, so the parts are spelled out.
const ZONE_FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

// One formatter per zone for the life of the process: building an Intl.DateTimeFormat costs ~100× a
// format() call (1.3 ms against 10 µs on the shared box), and the sites list formats a time in every row.
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { ...ZONE_FORMAT, timeZone });
    } catch {
      // An unknown zone on CHeKT's side: fall back to UTC rather than fail the page.
      f = zoneFormatter("UTC");
    }
    // Zones are IANA names (a few hundred); a site's zone is CHeKT's text, so bound the map anyway.
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** A CHeKT time (either date format) shown in the site's own time zone, with the zone named. */
export function formatInZone(value: unknown, timeZone: string | null | undefined): string {
  const d = toDate(value);
  if (!d) return typeof value === "string" && value ? value : "—";
  return zoneFormatter(timeZone || "UTC").format(d);
}

export function text(v: string | null | undefined): string {
  return v && v.trim() ? v : "—";
}
