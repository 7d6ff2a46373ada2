// Everything a bulk jobs list shows below its header: the filter bar, what the URL asked for that
// was ignored, the jobs (JobList) or why there are none, and the pager. One site's device jobs
// (app/(console)/sites/[siteId]/devices/jobs/page.tsx) and the dealer's jobs (app/(console)/jobs/page.tsx).
import Link from "next/link";
import { Layers } from "lucide-react";
import {
  EmptyState,
  FilterSelects,
  IgnoredFilters,
  ListFilters,
  ListPager,
  PageSizeSelect,
  buttonClasses,
} from "@/components/ui";
import { IN_PROGRESS, JOB_STATES } from "@/lib/bulk/job-states";
import { JOB_ENTITIES, JOB_KINDS } from "@/lib/bulk/jobs-list-state";
import { PAGE_SIZES } from "@/lib/list-state/pages";
import type { JobsPage } from "@/lib/bulk/jobs-read";
import { JOB_ENTITY_LABEL, JOB_KIND_LABEL, JOB_STATE_LABEL, JobList } from "./job-list";

const STATE_CHOICES = [
  { value: IN_PROGRESS, label: "In progress" },
  ...JOB_STATES.map((s) => ({ value: s, label: JOB_STATE_LABEL[s] })),
];
const KIND_CHOICES = JOB_KINDS.map((k) => ({ value: k, label: JOB_KIND_LABEL[k] }));
const SITE_SELECTS = [
  { label: "State", name: "state", width: "w-36", options: STATE_CHOICES },
  { label: "Kind", name: "kind", width: "w-36", options: KIND_CHOICES },
];
// Across sites a site import is a "create" job too (its items create sites): the Kind filter says so.
const DEALER_SELECTS = [
  SITE_SELECTS[0],
  {
    ...SITE_SELECTS[1],
    width: "w-44",
    options: KIND_CHOICES.map((c) => ({ ...c, label: c.value === "create" ? "Provision or import" : c.label })),
  },
  {
    label: "Type",
    name: "entity",
    width: "w-36",
    options: JOB_ENTITIES.map((e) => ({ value: e, label: JOB_ENTITY_LABEL[e] })),
  },
];

type ListState = { state: string; kind: string; entity?: string; page: number; per: number };
type JobsListOf<S> = {
  path: string;
  noun: string;
  search: (state: S) => string;
  href: (state: S, changes: { page: number }) => string;
};

export function JobsResults<S extends ListState>({
  list,
  state,
  errors,
  jobs,
  acrossSites = false,
  noJobs,
  start,
}: {
  list: JobsListOf<S>;
  state: S;
  /** The URL values the list refused (readJobsList). */
  errors: string[];
  jobs: JobsPage;
  acrossSites?: boolean;
  /** How jobs come about, for a list that has none at all. */
  noJobs: string;
  /** Where a user who may start one does so (a list with no job at all offers it). */
  start?: { href: string; label: string };
}) {
  const filtered = Boolean(state.state || state.kind || state.entity);
  const selects = acrossSites ? DEALER_SELECTS : SITE_SELECTS;
  // No job at all: nothing to filter yet, only how jobs come about.
  const none = !jobs.total && !filtered && state.page === 1;
  const past = !filtered && state.page > 1;
  return (
    <>
      {none ? null : (
        <ListFilters list={list} state={state} fields={[...selects.map((s) => s.name), "per"]} filtered={filtered}>
          <FilterSelects state={state} selects={selects} />
          <PageSizeSelect value={state.per} sizes={PAGE_SIZES} />
        </ListFilters>
      )}
      <IgnoredFilters errors={errors} />
      {jobs.rows.length ? (
        <>
          <JobList jobs={jobs.rows} acrossSites={acrossSites} />
          <ListPager list={list} state={state} of={jobs} per={state.per} />
        </>
      ) : (
        <EmptyState
          icon={<Layers className="h-8 w-8" />}
          title={filtered ? "No job matches these filters" : past ? "This page is past the last job" : "No jobs yet"}
          description={filtered ? "Change or clear the filters." : past ? undefined : noJobs}
          action={
            filtered || past ? (
              <Link href={list.path} className={buttonClasses("secondary")}>
                Show all jobs
              </Link>
            ) : start ? (
              <Link href={start.href} className={buttonClasses()}>
                {start.label}
              </Link>
            ) : null
          }
        />
      )}
    </>
  );
}
