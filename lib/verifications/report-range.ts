// The desk report's range, read from the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD, both inclusive, UTC
// days) so a report can be bookmarked and shared. Pure: the page, the CSV route and the tests share it.
// Days are read and refused as the dated lists read theirs (lib/list-state), but a range that cannot be
// shown is refused whole: a report over a guessed range would mislead.
import { isDay, rangeBound } from "@/lib/list-state/parsers";
import { REVERSED_RANGE, refusedDay } from "@/lib/list-state/refusals";
import { utcParts } from "@/lib/utc-text";

export type ReportRange = { from: Date; to: Date; fromDay: string; toDay: string };

/** Longest range one report covers: a year of rows is still one quick aggregate. */
export const MAX_RANGE_DAYS = 366;
const DEFAULT_DAYS = 7;
const DAY_MS = 86_400_000;

const dayOf = (d: Date) => utcParts(d).day;

function parseDay(value: string, label: "From" | "To", errors: string[]): Date | null {
  if (isDay(value)) return rangeBound(value, "from") ?? null;
  errors.push(refusedDay(label)(value.slice(0, 200)));
  return null;
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
  if (from > toStart) errors.push(REVERSED_RANGE);
  const days = (toStart.getTime() - from.getTime()) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) errors.push(`A report covers at most ${MAX_RANGE_DAYS} days (asked for ${days}).`);
  if (errors.length) return { range: null, values, errors };
  return { range: { from, to: new Date(toStart.getTime() + DAY_MS), fromDay, toDay }, values, errors };
}

/** The range form's shortcuts: the last 7, 30 and 90 days up to today, as report links. */
export function reportPresets(now: Date = new Date()): { label: string; href: string }[] {
  const to = dayOf(now);
  return [7, 30, 90].map((n) => {
    const from = dayOf(new Date(now.getTime() - (n - 1) * DAY_MS));
    return { label: `Last ${n} days`, href: `/verifications/report?${new URLSearchParams({ from, to })}` };
  });
}
