// History filters live in the URL (bookmarkable), declared with the list-page parsers
// (lib/list-state): a bad value falls back to "any" and is named in a clear message.
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { chektIdFilter } from "@/lib/list-state/chekt-id";
import { pageParam } from "@/lib/list-state/pages";
import { isDay, matching, oneOfOrAny, text } from "@/lib/list-state/parsers";
import { readDatedList, refusedChoice } from "@/lib/list-state/refusals";
import type { HistoryFilter } from "./queries";
import { VERIFICATION_STATES } from "./types";

export const historyList = defineListState(
  { path: "/verifications/history", noun: "verifications" },
  {
    state: oneOfOrAny(VERIFICATION_STATES),
    site: chektIdFilter(),
    operator: text(100).withDefault(""),
    from: matching(isDay).withDefault(""),
    to: matching(isDay).withDefault(""),
    page: pageParam(),
  },
);
export type HistoryListState = typeof historyList.defaults;
/** The accepted values as the filter form shows them ("" = any). */
export type HistoryParams = HistoryListState;

export function parseHistoryParams(raw: RawParams): { filter: HistoryFilter; values: HistoryParams; errors: string[] } {
  const { state, range, errors } = readDatedList(historyList, raw, {
    state: refusedChoice("State", VERIFICATION_STATES),
    site: (v) => `Site "${v}" is not a site ID.`,
    operator: (v) => `Operator "${v.slice(0, 40)}…" is longer than 100 characters.`,
  });
  const filter: HistoryFilter = {
    state: state.state || undefined,
    siteId: state.site ? Number(state.site) : undefined,
    operator: state.operator || undefined,
    from: range.from,
    to: range.to,
    page: state.page,
  };
  return { filter, values: state, errors };
}
