import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { JobProgressView } from "@/components/devices/job-progress";
import { refuseNotFound } from "@/lib/auth/require";
import { hasRole } from "@/lib/roles";
import { prisma } from "@/lib/db";
import { readJobItems, readJobProgress } from "@/lib/bulk/jobs";
import { explainDuplicates } from "@/lib/bulk/duplicates";
import { crumbs, sitePage } from "../../../site-page";

export const metadata = { title: "Device job" } satisfies Metadata;
export const dynamic = "force-dynamic";

// What the job is, whether it runs or has finished: its state badge tells which.
const TITLE = { create: "Device provisioning", update: "Device update", delete: "Device deletion" } as const;
const DESCRIPTION = {
  create: "Devices from a pasted list, added to this site in CHeKT; each row's result is below.",
  update: "Changes to this site's devices, sent to CHeKT; each row's result is below.",
  delete: "Devices removed from this site in CHeKT; each row's result is below.",
} as const;

export default async function JobPage({ params }: { params: Promise<{ siteId: string; jobId: string }> }) {
  const { siteId, jobId } = await params;
  return sitePage("viewer", metadata.title, siteId, async (ctx) => {
    const job = await readJobProgress(prisma, jobId, ctx.scope.dealerLinkId);
    if (!job || job.chektSiteId !== ctx.siteId) return refuseNotFound(ctx.page, "bulk_job", jobId);
    const items = await explainDuplicates(prisma, ctx.scope.dealerLinkId, await readJobItems(prisma, jobId, "all"));
    return (
      <>
        <PageHeader
          title={TITLE[job.kind]}
          description={DESCRIPTION[job.kind]}
          breadcrumbs={crumbs(
            ctx,
            { label: "Devices", href: `/sites/${ctx.siteId}/devices` },
            { label: "Jobs", href: `/sites/${ctx.siteId}/devices/jobs` },
            { label: "Job" },
          )}
        />
        <JobProgressView
          siteId={ctx.siteId}
          jobId={job.id}
          initial={{ job, items }}
          canEdit={hasRole(ctx.page.user.role, "operator")}
        />
      </>
    );
  });
}
