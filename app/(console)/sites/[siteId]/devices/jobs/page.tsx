import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { JobsResults } from "@/components/devices/jobs-results";
import { jobsListOf, readJobsList } from "@/lib/bulk/jobs-list-state";
import { jobsPage } from "@/lib/bulk/jobs-read";
import { hasRole } from "@/lib/roles";
import { crumbs, sitePage } from "../../site-page";
import type { SearchParams } from "@/lib/list-state/search-params";

export const metadata = { title: "Device jobs" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function JobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  return sitePage("viewer", metadata.title, (await params).siteId, async (ctx) => {
    const list = jobsListOf(ctx.siteId);
    const { state, errors } = readJobsList(list, await searchParams);
    const jobs = await jobsPage(ctx.scope.dealerLinkId, { ...state, siteId: ctx.siteId }, state);
    return (
      <>
        <PageHeader
          title={metadata.title}
          description="Every bulk provision, update and delete for this site, newest first."
          breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Jobs" })}
        />
        <JobsResults
          list={list}
          state={state}
          errors={errors}
          jobs={jobs}
          noJobs="Jobs appear here when devices are pasted, added, edited or deleted."
          start={
            hasRole(ctx.page.user.role, "operator")
              ? { href: `/sites/${ctx.siteId}/devices/paste`, label: "Paste devices" }
              : undefined
          }
        />
      </>
    );
  });
}
