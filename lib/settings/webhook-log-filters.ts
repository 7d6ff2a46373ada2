// The webhook delivery log's filters live in the URL (bookmarkable), declared with the list-page
// parsers (lib/list-state). Pure, so the unit tests read it without a database.
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { intIn, isInstant, matching, oneOf, rangeBound, text } from "@/lib/list-state/parsers";

export const VERDICTS = ["accepted", "duplicate", "rejected", "malformed"] as const;

export type WebhookLogFilters = {
  verdict?: string;
  type?: string;
  event?: string;
  from?: Date;
  to?: Date;
  page: number;
};

export const webhookLogList = defineListState("/webhook-log", {
  verdict: oneOf(["", ...VERDICTS]).withDefault(""),
  type: text(200).withDefault(""),
  event: text(200).withDefault(""),
  from: matching(isInstant).withDefault(""),
  to: matching(isInstant).withDefault(""),
  page: intIn(1, 1_000_000).withDefault(1),
});
export type WebhookLogListState = typeof webhookLogList.defaults;

const MESSAGES: Partial<Record<keyof WebhookLogListState, (raw: string) => string>> = {
  verdict: (raw) => `Verdict "${raw}" is not one of ${VERDICTS.join(", ")}.`,
  from: (raw) => `"from" date "${raw}" is not a date (use YYYY-MM-DD).`,
  to: (raw) => `"to" date "${raw}" is not a date (use YYYY-MM-DD).`,
  page: () => "Page is not a page number.",
};

/** Bad values fall back to "any" and are named in `errors` for the page to show. */
export function parseWebhookLogFilters(p: RawParams): {
  filters: WebhookLogFilters;
  errors: string[];
  state: WebhookLogListState;
} {
  const state = webhookLogList.parse(p);
  const errors = webhookLogList.refused(p).flatMap(({ key, raw }) => MESSAGES[key]?.(raw.slice(0, 200)) ?? []);
  const filters: WebhookLogFilters = {
    verdict: state.verdict || undefined,
    type: state.type || undefined,
    event: state.event || undefined,
    from: rangeBound(state.from, "from"),
    to: rangeBound(state.to, "to"),
    page: state.page,
  };
  return { filters, errors, state };
}
