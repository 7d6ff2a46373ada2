// How a list page says what in its URL it ignored: one wording for every list that names its refused
// values (audit, webhook log, verification history), after the labels its filter bar shows, and one
// rule for a date range that ends before it starts. The desk report's range (lib/verifications/report-range.ts)
// refuses in the same words.
import type { RawParams } from "./define";
import { DAY, dateRange } from "./parsers";

/** The message for a URL value a list's parser refused (`raw`, as sent). */
export type Explain = (raw: string) => string;

export const refusedChoice =
  (label: string, choices: readonly string[]): Explain =>
  (raw) =>
    `${label} "${raw}" is not one of ${choices.filter(Boolean).join(", ")}.`;
export const refusedDay =
  (label: string): Explain =>
  (raw) =>
    DAY.test(raw)
      ? `"${label}" date "${raw}" is not a real day.`
      : `"${label}" date "${raw}" is not a date (use YYYY-MM-DD).`;
const refusedPage: Explain = (raw) => `Page "${raw}" is not a page number.`;

/** A dated list's From, To and page, named as its filter bar and pager label them. */
const DATED_LIST_REFUSALS = { from: refusedDay("From"), to: refusedDay("To"), page: refusedPage };
export const REVERSED_RANGE = `"From" must be on or before "To".`;

export type ParsedList<S> = {
  parse: (params: RawParams) => S;
  refused: (params: RawParams) => { key: string; raw: string }[];
};
type Refused = ReturnType<ParsedList<unknown>["refused"]>;

/**
 * Each value the parser refused, named by `explainers` (cut to 200 characters of what was sent), then
 * `before` (a rule broken across fields), and the page last: the page is what a reader fixes last.
 */
function refusalMessages(refused: Refused, explainers: Partial<Record<string, Explain>>, before: string[] = []) {
  const explain = (r: Refused[number]) => explainers[r.key]?.(r.raw.slice(0, 200)) ?? [];
  return [
    ...refused.filter((r) => r.key !== "page").flatMap(explain),
    ...before,
    ...refused.filter((r) => r.key === "page").flatMap(explain),
  ];
}

/**
 * An undated list's URL state as its page shows it: each refused value named by `messages`, the page
 * in the lists' own words. The page shows `errors` under "Some filters were ignored".
 */
export function readList<S>(
  list: ParsedList<S>,
  params: RawParams,
  messages: Partial<Record<string, Explain>>,
): { state: S; errors: string[] } {
  return {
    state: list.parse(params),
    errors: refusalMessages(list.refused(params), { page: refusedPage, ...messages }),
  };
}

/**
 * A dated list's URL state as its page shows it: as readList, its From, To and page always in the same
 * words, and a To not after From is dropped from the state and named after the other filters, before the page.
 */
export function readDatedList<S extends { from: string; to: string }>(
  list: ParsedList<S>,
  params: RawParams,
  messages: Partial<Record<keyof S & string, Explain>>,
): { state: S; range: { from?: Date; to?: Date }; errors: string[] } {
  const parsed = list.parse(params);
  const range = dateRange(parsed.from, parsed.to);
  const errors = refusalMessages(
    list.refused(params),
    { ...DATED_LIST_REFUSALS, ...messages },
    range.reversed ? [REVERSED_RANGE] : [],
  );
  return { state: range.reversed ? { ...parsed, to: "" } : parsed, range, errors };
}
