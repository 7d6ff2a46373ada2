// Times on the fleet page, relative to one `now` taken by the server for the whole render.
import { plural } from "@/lib/plural";

/** "12 min", "3 h", "2 d" — how long ago `at` was. */
export function ago(at: Date, now: Date): string {
  const min = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** A threshold in minutes as words: 30 → "30 minutes", 90 → "1 h 30 min". */
export function minutesText(min: number): string {
  if (min < 60) return `${min} ${plural(min, "minute")}`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} ${plural(h, "hour")}`;
}
