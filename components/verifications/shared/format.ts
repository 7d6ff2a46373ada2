// Display helpers for the queue (pure, browser-safe).
import { plural } from "@/lib/plural";
export function countdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** "14:03:12" in the site's own time zone, with its short zone name; falls back to the viewer's. */
export function siteTime(iso: string, timeZone: string | null): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(undefined, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZone: timeZone ?? undefined,
      timeZoneName: "short",
    }).format(d);
  } catch {
    return d.toLocaleTimeString();
  }
}

export type AnswerAction = "dispatch" | "disregard";

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
  const minutes = Math.max(0, Math.round((Date.parse(item.expiresAt) - now) / 60_000));
  return `${what} at ${item.siteName ?? `site ${item.siteId}`}, ${minutes} ${plural(minutes, "minute")}`;
}
