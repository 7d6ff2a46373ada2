// How long something lasted, in words, one way for the fleet pages, readiness's "devices online"
// check and the offline alert mail: a threshold of 1,440 minutes is "1 day" in each, and a device
// offline 29.6 minutes is "29 min" (whole units, never rounded up). Relative to a `now` the caller
// takes once (a page's render, a scan). No imports beyond lib/plural: pages and server mail alike.
import { plural } from "@/lib/plural";

const DAY_MIN = 24 * 60;

/**
 * How long from `from` to `to`, in the one unit that reads best: "12 min", "3 h", "9 d", "5 wk", "22 mo",
 * "3 yr" ("under a minute" below one). A device offline for most of two years is "22 mo", not "676 d".
 */
export function duration(from: Date, to: Date): string {
  const min = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  if (min < 1) return "under a minute";
  if (min < 60) return `${min} min`;
  if (min < 48 * 60) return `${Math.floor(min / 60)} h`;
  const days = Math.floor(min / DAY_MIN);
  if (days < 14) return `${days} d`;
  if (days < 61) return `${Math.floor(days / 7)} wk`;
  if (days < 730) return `${Math.floor(days / 30.44)} mo`;
  return `${Math.floor(days / 365.25)} yr`;
}

/** How long ago `at` was: "12 min ago", "22 mo ago", or "just now". */
export function ago(at: Date, now: Date): string {
  const d = duration(at, now);
  return d === "under a minute" ? "just now" : `${d} ago`;
}

/** A threshold in minutes as words: 30 → "30 minutes", 90 → "1 h 30 min", 10,080 → "7 days". */
export function minutesText(min: number): string {
  if (min < 60) return `${min} ${plural(min, "minute")}`;
  if (min % DAY_MIN === 0) return `${min / DAY_MIN} ${plural(min / DAY_MIN, "day")}`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} ${plural(h, "hour")}`;
}
