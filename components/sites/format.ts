import { toDate } from "@/lib/chekt/normalize";
import { zoneTime } from "@/lib/zone-time";

/** A CHeKT time (either date format) shown in the site's own time zone (else UTC), with the zone named. */
export function formatInZone(value: unknown, timeZone: string | null | undefined): string {
  const d = toDate(value);
  if (!d) return typeof value === "string" && value ? value : "—";
  return zoneTime(d, timeZone, "dateTime");
}

export function text(v: string | null | undefined): string {
  return v && v.trim() ? v : "—";
}
