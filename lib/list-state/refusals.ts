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

type DatedList<S> = {
  parse: (params: RawParams) => S;
  refused: (params: RawParams) => { key: keyof S & string; raw: string }[];
};

/**
 * A dated list's URL state as its page shows it: each value the parser refused is named (cut to 200
 * characters of what was sent) by `messages`, its From, To and page always in the same words, and a
 * To not after From is dropped from the state and named after the other filters, before the page.
 * The page shows `errors` under "Some filters were ignored".
 */
export function readDatedList<S extends { from: string; to: string }>(
  list: DatedList<S>,
  params: RawParams,
  messages: Partial<Record<keyof S & string, Explain>>,
): { state: S; range: { from?: Date; to?: Date }; errors: string[] } {
  const parsed = list.parse(params);
  const refused = list.refused(params);
  const explainers: Partial<Record<string, Explain>> = { ...DATED_LIST_REFUSALS, ...messages };
  const explain = (r: (typeof refused)[number]) => explainers[r.key]?.(r.raw.slice(0, 200)) ?? [];
  const range = dateRange(parsed.from, parsed.to);
  const errors = [
    ...refused.filter((r) => r.key !== "page").flatMap(explain),
    ...(range.reversed ? [REVERSED_RANGE] : []),
    ...refused.filter((r) => r.key === "page").flatMap(explain),
  ];
  return { state: range.reversed ? { ...parsed, to: "" } : parsed, range, errors };
}
