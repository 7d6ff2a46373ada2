// How the freshness line writes a time. Pure: unit-tested, used by components/mirror/freshness.tsx.

const pad = (n: number) => String(n).padStart(2, "0");

/** "14:02" today, "28 Nov 14:02" another day; the server renders UTC until the browser's zone is known. */
export function formatAsOf(iso: string, now: Date, utc: boolean): string {
  const d = new Date(iso);
  const get = utc
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth(), day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() }
    : { y: d.getFullYear(), mo: d.getMonth(), day: d.getDate(), h: d.getHours(), mi: d.getMinutes() };
  const today = utc
    ? now.getUTCFullYear() === get.y && now.getUTCMonth() === get.mo && now.getUTCDate() === get.day
    : now.toDateString() === d.toDateString();
  const time = `${pad(get.h)}:${pad(get.mi)}${utc ? " UTC" : ""}`;
  if (today) return time;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][get.mo];
  return `${get.day} ${month}${get.y !== (utc ? now.getUTCFullYear() : now.getFullYear()) ? ` ${get.y}` : ""} ${time}`;
}
