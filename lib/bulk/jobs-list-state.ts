// A site's device jobs page's URL state (bookmarkable): state and kind filters and the page,
// declared with the list-page parsers (lib/list-state). Newest first, always. The page is one per
// site, so the list is made for the site's path.
import { defineListState } from "@/lib/list-state/define";
import { intIn, numberOf, oneOf } from "@/lib/list-state/parsers";

export const JOB_STATES = ["queued", "running", "done", "failed", "cancelled"] as const;
export const JOB_KINDS = ["create", "update", "delete"] as const;
export const JOB_PAGE_SIZES = [25, 50, 100] as const;

const JOB_LIST_PARSERS = {
  state: oneOf(["", ...JOB_STATES]).withDefault(""),
  kind: oneOf(["", ...JOB_KINDS]).withDefault(""),
  page: intIn(1, 100_000).withDefault(1),
  per: numberOf(JOB_PAGE_SIZES).withDefault(25),
};

export function jobsListOf(siteId: number) {
  return defineListState({ path: `/sites/${siteId}/devices/jobs`, noun: "jobs" }, JOB_LIST_PARSERS);
}
