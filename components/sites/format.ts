import { toDate } from "@/lib/chekt/normalize";

/** A CHeKT time (either date format) shown in the site's own time zone, with the zone named. */
export function formatInZone(value: unknown, timeZone: string | null | undefined): string {
  const d = toDate(value);
  if (!d) return typeof value === "string" && value ? value : "—";
  // dateStyle cannot be combined with timeZoneName, so spell the parts out.
  const opts: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: timeZone || "UTC" }).format(d);
  } catch {
    // An unknown zone on CHeKT's side: fall back to UTC rather than fail the page.
    return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" }).format(d);
  }
}

export function text(v: string | null | undefined): string {
  return v && v.trim() ? v : "—";
}
