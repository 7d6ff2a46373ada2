// Display helpers for the queue (pure, browser-safe).
export function countdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** "14:03:12" in the site's own time zone, with its short zone name; falls back to the viewer's. */
export function siteTime(iso: string, timeZone: string | null): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: timeZone ?? undefined, timeZoneName: "short" }).format(d);
  } catch {
    return d.toLocaleTimeString();
  }
}

export function dateTime(iso: string | null): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
