import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { NoDealerState } from "@/components/shell/no-dealer";
import { JobProgressView } from "@/components/devices/job-progress";
import { refuseNotFound, requirePageScope } from "@/lib/auth/require";
import { hasRole } from "@/lib/roles";
import { prisma } from "@/lib/db";
import { readJobItems, readJobProgress } from "@/lib/bulk/jobs";

export const metadata = { title: "Site import" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function ImportJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { user, dealer } = await requirePageScope("viewer");
  if (!dealer) return <NoDealerState />;
  const { jobId } = await params;
  const job = await readJobProgress(prisma, jobId, dealer.id);
  if (!job || job.entity !== "sites") return refuseNotFound({ user, dealer }, "bulk_job", jobId);
  const items = await readJobItems(prisma, jobId, "all");
  return (
    <>
      <PageHeader
        title={metadata.title}
        description="Sites from a pasted sheet, created in CHeKT one row at a time; each row's result is below."
        breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: "Import", href: "/sites/import" }, { label: "Job" }]}
      />
      <JobProgressView
        entity="sites"
        siteId={0}
        jobId={job.id}
        initial={{ job, items }}
        canEdit={hasRole(user.role, "operator")}
      />
    </>
  );
}
