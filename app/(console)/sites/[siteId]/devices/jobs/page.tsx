import type { Metadata } from "next";
import { EmptyState, FilterSelects, ListFilters, ListPager, PageHeader, PageSizeSelect } from "@/components/ui";
import { JOB_KIND_LABEL, JOB_STATE_LABEL, JobList } from "@/components/devices/job-list";
import { prisma } from "@/lib/db";
import { listSiteJobs } from "@/lib/bulk/jobs";
import { JOB_KINDS, JOB_PAGE_SIZES, JOB_STATES, jobsListOf } from "@/lib/bulk/jobs-list-state";
import { sortAndPage } from "@/lib/list-state/memory";
import { crumbs, sitePage } from "../../site-page";
import type { SearchParams } from "@/lib/list-state/search-params";

export const metadata = { title: "Device jobs" } satisfies Metadata;
export const dynamic = "force-dynamic";

// A site's newest jobs are read whole (a site rarely has more); filters and pages apply to them.
const READ_AT_MOST = 500;
const KIND_CHOICES = JOB_KINDS.map((k) => ({ value: k, label: JOB_KIND_LABEL[k] }));
const STATE_CHOICES = JOB_STATES.map((s) => ({ value: s, label: JOB_STATE_LABEL[s] }));

export default async function JobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  return sitePage("viewer", metadata.title, (await params).siteId, async (ctx) => {
    const jobsList = jobsListOf(ctx.siteId);
    const state = jobsList.parse(await searchParams);
    const jobs = await listSiteJobs(prisma, ctx.scope.dealerLinkId, ctx.siteId, READ_AT_MOST);
    const shown = jobs.filter(
      (j) => (!state.state || j.state === state.state) && (!state.kind || j.kind === state.kind),
    );
    // Newest first as read; the in-memory pager keeps that order (no sort key).
    const page = sortAndPage(shown, () => null, "asc", state.page, state.per);
    const filtered = Boolean(state.state || state.kind);
    return (
      <>
        <PageHeader
          title={metadata.title}
          description="Every bulk provision, update and delete for this site, newest first."
          breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Jobs" })}
        />
        {jobs.length ? (
          <>
            <ListFilters list={jobsList} state={state} fields={["state", "kind", "per"]} filtered={filtered}>
              <FilterSelects
                state={state}
                selects={[
                  { label: "State", name: "state", width: "w-36", options: STATE_CHOICES },
                  { label: "Kind", name: "kind", width: "w-36", options: KIND_CHOICES },
                ]}
              />
              <PageSizeSelect value={state.per} sizes={JOB_PAGE_SIZES} />
            </ListFilters>
            <JobList siteId={ctx.siteId} jobs={page.rows} />
            <ListPager list={jobsList} state={state} of={page} per={state.per} />
          </>
        ) : (
          <EmptyState title="No jobs yet" description="Jobs appear here when devices are pasted, edited or deleted." />
        )}
      </>
    );
  });
}
