// How the console writes an instant: "2026-12-03 14:34 UTC" (or with seconds where the order of events
// within a minute matters, or the time of day alone where the day is today's, as in a lock-out's end).
// UTC because the server does not know the reader's zone; a site's own clock is formatInZone
// (components/sites/format.ts). Pages show it through UtcTime (components/ui/utc-time.tsx).

export type UtcPrecision = "minute" | "second" | "time";

/** The UTC day ("2026-12-03") and time of day ("14:34", or "14:34:52" to the second). */
export function utcParts(at: Date, seconds = false): { day: string; time: string } {
  const iso = at.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, seconds ? 19 : 16) };
}

/** "2026-12-03 14:34 UTC"; "2026-12-03 14:34:52 UTC" to the second; "14:34 UTC" for the time alone. */
export function utcText(at: Date, precision: UtcPrecision = "minute"): string {
  const { day, time } = utcParts(at, precision === "second");
  return precision === "time" ? `${time} UTC` : `${day} ${time} UTC`;
}
