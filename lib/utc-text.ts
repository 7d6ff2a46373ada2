// How the console writes an instant: "2026-12-03 14:34 UTC", with seconds where the order of events
// within a minute matters, or the time of day alone where the day goes without saying (a lock-out's
// end, a panel's last refresh, a copy confirmed today). UTC on every page, server- or browser-rendered,
// so the same instant reads the same everywhere and a server render never disagrees with its
// hydration; a site's own clock is formatInZone (components/sites/format.ts). Pages show it through
// UtcTime (components/ui/utc-time.tsx).

export type UtcPrecision = "minute" | "second";

/** The UTC day ("2026-12-03") and time of day ("14:34", or "14:34:52" to the second), unlabelled. */
export function utcParts(at: Date, precision: UtcPrecision = "minute"): { day: string; time: string } {
  const iso = at.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, precision === "second" ? 19 : 16) };
}

/** "2026-12-03 14:34 UTC", or "2026-12-03 14:34:52 UTC" to the second. */
export function utcText(at: Date, precision: UtcPrecision = "minute"): string {
  const { day, time } = utcParts(at, precision);
  return `${day} ${time} UTC`;
}

/** The time of day alone: "14:34 UTC", or "14:34:52 UTC" to the second. */
export function utcClock(at: Date, precision: UtcPrecision = "minute"): string {
  return `${utcParts(at, precision).time} UTC`;
}

/** The time of day alone when `at` falls on `now`'s UTC day, else utcText: "As of 14:02 UTC". */
export function utcBrief(at: Date, now: Date): string {
  return utcParts(at).day === utcParts(now).day ? utcClock(at) : utcText(at);
}
