// The bulk jobs lists' URL state (bookmarkable), declared with the list-page parsers (lib/list-state):
// a site's device jobs (/sites/{id}/devices/jobs: state, kind, page, rows) and the dealer's jobs of
// every site and the site imports (/jobs: the same and the type). Newest first, always. A value the
// parsers refuse falls back to "any" and is named under "Some filters were ignored" (readJobsList).
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { PAGE_SIZES, pageParam, perParam } from "@/lib/list-state/pages";
import { oneOfOrAny } from "@/lib/list-state/parsers";
import { readList, refusedChoice, type Explain, type ParsedList } from "@/lib/list-state/refusals";
import { BulkEntity, BulkKind } from "@/lib/generated/prisma/enums";
import { keysOf } from "@/lib/keys-of";
import { IN_PROGRESS, JOB_STATES } from "./job-states";

/** The State filter's values: "In progress" (queued or running, lib/bulk/job-states.ts), then each state. */
export const JOB_STATE_FILTERS = [IN_PROGRESS, ...JOB_STATES] as const;
export const JOB_KINDS = keysOf(BulkKind);
/** Device jobs of a site, or site imports (their items are sites). */
export const JOB_ENTITIES = keysOf(BulkEntity);

const state = oneOfOrAny(JOB_STATE_FILTERS);
const kind = oneOfOrAny(JOB_KINDS);
const page = pageParam();
const per = perParam();

export function jobsListOf(siteId: number) {
  return defineListState({ path: `/sites/${siteId}/devices/jobs`, noun: "jobs" }, { state, kind, page, per });
}

export const dealerJobsList = defineListState(
  { path: "/jobs", noun: "jobs" },
  { state, kind, entity: oneOfOrAny(JOB_ENTITIES), page, per },
);
export type DealerJobsState = typeof dealerJobsList.defaults;

/** Where the dashboard's "Bulk jobs in progress" leads: the dealer's jobs filtered to exactly those it counts. */
export const IN_PROGRESS_JOBS_HREF = dealerJobsList.href(dealerJobsList.defaults, { state: IN_PROGRESS });

// Named as the filter bar labels each control.
const REFUSALS: Partial<Record<string, Explain>> = {
  state: refusedChoice("State", JOB_STATE_FILTERS),
  kind: refusedChoice("Kind", JOB_KINDS),
  entity: refusedChoice("Type", JOB_ENTITIES),
  per: refusedChoice("Rows", PAGE_SIZES.map(String)),
};

/** A jobs list's state from the URL, and each value it refused in the lists' words (IgnoredFilters shows them). */
export function readJobsList<S>(list: ParsedList<S>, params: RawParams): { state: S; errors: string[] } {
  return readList(list, params, REFUSALS);
}
