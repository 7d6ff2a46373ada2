// Display helpers for the queue (pure, browser-safe).
import { plural } from "@/lib/plural";
import { siteLabel } from "@/lib/site-label";
import { minutesLeft } from "@/lib/verifications/escalation";
import { zoneTime } from "@/lib/zone-time";
export function countdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** "14:03:12 GMT+9" in the site's own time zone, named; "14:03:12 UTC" when it has none we can use. */
export function siteTime(iso: string, timeZone: string | null): string {
  return zoneTime(new Date(iso), timeZone, "clock");
}

export type { AnswerAction } from "@/lib/verifications/answer-actions";

/**
 * What a screen reader hears when an alarm arrives: "critical panic at Camden Office Suites,
 * 9 minutes" (priority, trigger or description, site, minutes left to answer).
 */
export function announcement(
  item: {
    priority: string | null;
    trigger: string | null;
    description: string | null;
    siteName: string | null;
    siteId: number;
    expiresAt: string;
  },
  now: number,
): string {
  const what = [item.priority, item.trigger ?? item.description ?? "alarm"].filter(Boolean).join(" ");
  const minutes = minutesLeft(item.expiresAt, now);
  return `${what} at ${siteLabel(item.siteId, item.siteName)}, ${minutes} ${plural(minutes, "minute")}`;
}
