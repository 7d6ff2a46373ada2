import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { NoDealerState } from "@/components/shell/no-dealer";
import { JobList } from "@/components/devices/job-list";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { listSiteJobs } from "@/lib/bulk/jobs";
import { crumbs, loadSite } from "../load";

export const metadata: Metadata = { title: "Device jobs" };
export const dynamic = "force-dynamic";

export default async function JobsPage({ params }: { params: Promise<{ siteId: string }> }) {
  const page = await requirePageScope("viewer");
  const ctx = await loadSite(page, (await params).siteId);
  if (!ctx) return <NoDealerState />;
  const jobs = await listSiteJobs(prisma, ctx.scope.dealerLinkId, ctx.siteId, 200);
  return (
    <>
      <PageHeader
        title="Device jobs"
        description="Every bulk provision, update and delete for this site, newest first."
        breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Jobs" })}
      />
      {jobs.length ? <JobList siteId={ctx.siteId} jobs={jobs} /> : <EmptyState title="No jobs yet" description="Jobs appear here when devices are pasted, edited or deleted." />}
    </>
  );
}
