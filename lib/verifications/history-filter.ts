// History filters live in the URL (bookmarkable), declared with the list-page parsers
// (lib/list-state): a bad value falls back to "any" and is named in a clear message.
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { DAY, intIn, isDay, matching, oneOf, rangeBound, text } from "@/lib/list-state/parsers";
import type { HistoryFilter } from "./queries";

export const HISTORY_STATES = ["pending", "claimed", "dispatched", "disregarded", "expired", "cancelled"] as const;

export const historyList = defineListState("/verifications/history", {
  state: oneOf(["", ...HISTORY_STATES]).withDefault(""),
  site: matching((v) => /^\d{1,12}$/.test(v) && Number(v) > 0).withDefault(""),
  operator: text(100).withDefault(""),
  from: matching(isDay).withDefault(""),
  to: matching(isDay).withDefault(""),
  page: intIn(1, 10_000).withDefault(1),
});
export type HistoryListState = typeof historyList.defaults;
/** The accepted values as the filter form shows them ("" = any). */
export type HistoryParams = HistoryListState;

const MESSAGES: Record<keyof HistoryListState, (raw: string) => string> = {
  state: () => "state: Unknown state",
  site: () => "site: Site must be a site id",
  operator: () => "operator: Operator filter is too long",
  from: (raw) => (DAY.test(raw) ? "from: Not a real date" : "from: Dates look like 2026-11-24"),
  to: (raw) => (DAY.test(raw) ? "to: Not a real date" : "to: Dates look like 2026-11-24"),
  page: () => "page: Not a page number",
};

export function parseHistoryParams(raw: RawParams): { filter: HistoryFilter; values: HistoryParams; errors: string[] } {
  const values = historyList.parse(raw);
  const errors = historyList.refused(raw).map(({ key, raw: v }) => MESSAGES[key](v));
  const from = rangeBound(values.from, "from");
  let to = rangeBound(values.to, "to");
  if (from && to && from >= to) {
    errors.push("to: must be on or after from");
    to = undefined;
  }
  const filter: HistoryFilter = {
    state: values.state || undefined,
    siteId: values.site ? Number(values.site) : undefined,
    operator: values.operator || undefined,
    from,
    to,
    page: values.page,
  };
  return { filter, values: to || !values.to ? values : { ...values, to: "" }, errors };
}
