// The webhook delivery log's filters live in the URL (bookmarkable), declared with the list-page
// parsers (lib/list-state). Pure, so the unit tests read it without a database.
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { pageParam } from "@/lib/list-state/pages";
import { isInstant, matching, oneOfOrAny, text } from "@/lib/list-state/parsers";
import { readDatedList, refusedChoice } from "@/lib/list-state/refusals";
import { VERDICTS, type Verdict } from "@/lib/webhooks/verdicts";

export type WebhookLogFilters = {
  verdict?: Verdict;
  type?: string;
  event?: string;
  from?: Date;
  to?: Date;
  page: number;
};

export const webhookLogList = defineListState(
  { path: "/webhook-log", noun: "deliveries" },
  {
    verdict: oneOfOrAny(VERDICTS),
    type: text(200).withDefault(""),
    event: text(200).withDefault(""),
    from: matching(isInstant).withDefault(""),
    to: matching(isInstant).withDefault(""),
    page: pageParam(),
  },
);
export type WebhookLogListState = typeof webhookLogList.defaults;

/** Bad values fall back to "any" and are named in `errors` for the page to show. */
export function parseWebhookLogFilters(p: RawParams): {
  filters: WebhookLogFilters;
  errors: string[];
  state: WebhookLogListState;
} {
  const { state, range, errors } = readDatedList(webhookLogList, p, { verdict: refusedChoice("Verdict", VERDICTS) });
  const filters: WebhookLogFilters = {
    verdict: state.verdict || undefined,
    type: state.type || undefined,
    event: state.event || undefined,
    from: range.from,
    to: range.to,
    page: state.page,
  };
  return { filters, errors, state };
}
