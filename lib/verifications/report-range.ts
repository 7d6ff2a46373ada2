// The desk report's range, read from the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD, both inclusive, UTC
// days) so a report can be bookmarked and shared. Pure: the page, the CSV route and the tests share it.

export type ReportRange = { from: Date; to: Date; fromDay: string; toDay: string };

/** Longest range one report covers: a year of rows is still one quick aggregate. */
export const MAX_RANGE_DAYS = 366;
const DEFAULT_DAYS = 7;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function parseDay(value: string, label: string, errors: string[]): Date | null {
  if (!DAY.test(value)) {
    errors.push(`${label} must be a date like 2026-12-01`);
    return null;
  }
  const d = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || dayOf(d) !== value) {
    errors.push(`${label} is not a real date (${value})`);
    return null;
  }
  return d;
}

const one = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * `range.to` is the exclusive end (the start of the day after `toDay`). Without parameters: the
 * last 7 days up to today. `now` is injected so tests pin "today".
 */
export function parseReportRange(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): { range: ReportRange | null; values: { from: string; to: string }; errors: string[] } {
  const get = (k: string) => one(params instanceof URLSearchParams ? params.get(k) : params[k]).trim();
  const today = dayOf(now);
  const toDay = get("to") || today;
  const fromDay =
    get("from") || dayOf(new Date(new Date(`${toDay}T00:00:00.000Z`).getTime() - (DEFAULT_DAYS - 1) * DAY_MS));
  const values = { from: fromDay, to: toDay };
  const errors: string[] = [];
  const from = parseDay(fromDay, "From", errors);
  const toStart = parseDay(toDay, "To", errors);
  if (!from || !toStart) return { range: null, values, errors };
  if (from > toStart) errors.push("From must be on or before To");
  const days = (toStart.getTime() - from.getTime()) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) errors.push(`A report covers at most ${MAX_RANGE_DAYS} days (asked for ${days})`);
  if (errors.length) return { range: null, values, errors };
  return { range: { from, to: new Date(toStart.getTime() + DAY_MS), fromDay, toDay }, values, errors };
}
