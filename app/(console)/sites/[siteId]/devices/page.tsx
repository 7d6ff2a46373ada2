import type { Metadata } from "next";
import Link from "next/link";
import { ClipboardPaste, History, Plus } from "lucide-react";
import { Alert, PageHeader, buttonClasses } from "@/components/ui";
import { DeviceGrid } from "@/components/devices/device-grid";
import { JobList, jobHref } from "@/components/devices/job-list";
import { hasRole } from "@/lib/roles";
import { prisma } from "@/lib/db";
import { isInProgress } from "@/lib/bulk/job-states";
import { jobsPage } from "@/lib/bulk/jobs-read";
import { siteDeviceRows } from "@/lib/bulk/site-devices";
import { Freshness } from "@/components/mirror/freshness";
import { listSeen } from "@/lib/mirror/contacts";
import { freshnessFor } from "@/lib/mirror/view";
import { crumbs, sitePage } from "../site-page";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

export const metadata = { title: "Devices" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function DevicesPage({ params }: { params: Promise<{ siteId: string }> }) {
  return sitePage("viewer", metadata.title, (await params).siteId, async (ctx) => {
    const canEdit = hasRole(ctx.page.user.role, "operator");
    // From the mirror: a page view makes no CHeKT call, whatever CHeKT's state.
    const [{ rows: devices, gone, asOf }, { rows: jobs }] = await Promise.all([
      siteDeviceRows(ctx.scope.dealerLinkId, ctx.siteId),
      jobsPage(ctx.scope.dealerLinkId, { siteId: ctx.siteId }, { page: 1, per: 5 }),
    ]);
    const running = jobs.find((j) => isInProgress(j.state));
    const seen = asOf
      ? { confirmedAt: asOf, goneAt: ctx.siteGoneAt }
      : { ...(await listSeen(prisma, ctx.scope.dealerLinkId, ctx.siteId, "devices", [])), goneAt: ctx.siteGoneAt };
    const fresh = freshnessFor(ctx.scope.dealerLinkId, [{ kind: "devices", siteId: ctx.siteId }], seen);
    return (
      <>
        <PageHeader
          title={metadata.title}
          description={`${countText(devices.length)} ${plural(devices.length, "device")} at ${ctx.siteName}`}
          breadcrumbs={crumbs(ctx, { label: "Devices" })}
          actions={
            <>
              <Link href={`/sites/${ctx.siteId}/devices/jobs`} className={buttonClasses("secondary")}>
                <History className="h-4 w-4" /> Job history
              </Link>
              {canEdit ? (
                <>
                  <Link href={`/sites/${ctx.siteId}/devices/new`} className={buttonClasses("secondary")}>
                    <Plus className="h-4 w-4" /> Add device
                  </Link>
                  <Link href={`/sites/${ctx.siteId}/devices/paste`} className={buttonClasses()}>
                    <ClipboardPaste className="h-4 w-4" /> Paste devices
                  </Link>
                </>
              ) : null}
            </>
          }
        />
        <Freshness {...fresh} className="mb-4" />
        {gone > 0 ? (
          <Alert tone="warning" className="mb-4">
            {countText(gone)} {plural(gone, "device this console knew is", "devices this console knew are")} no longer
            in CHeKT (deleted outside this console) and not shown.
          </Alert>
        ) : null}
        {running ? (
          <Alert tone="info" className="mb-4">
            A bulk job is running for this site.{" "}
            <Link className="underline" href={jobHref(running)}>
              Watch its progress
            </Link>
            .
          </Alert>
        ) : null}
        <DeviceGrid siteId={ctx.siteId} devices={devices} canEdit={canEdit} />
        {jobs.length ? (
          <section className="mt-8">
            <h2 className="mb-3 text-base font-semibold text-slate-900">Recent jobs</h2>
            <JobList jobs={jobs} />
          </section>
        ) : null}
      </>
    );
  });
}
