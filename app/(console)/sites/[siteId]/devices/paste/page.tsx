import type { Metadata } from "next";
import { Alert, PageHeader } from "@/components/ui";
import { NoDealerState } from "@/components/shell/no-dealer";
import { PasteDevices } from "@/components/devices/paste-devices";
import { requireRole } from "@/lib/auth/require";
import { describeChektError } from "@/lib/chekt/errors";
import { listSiteDevices } from "@/lib/bulk/site-devices";
import { crumbs, loadSite } from "../load";

export const metadata: Metadata = { title: "Paste devices" };
export const dynamic = "force-dynamic";

export default async function PasteDevicesPage({ params }: { params: Promise<{ siteId: string }> }) {
  await requireRole("operator");
  const ctx = await loadSite((await params).siteId);
  if (!ctx) return <NoDealerState />;
  let existing: string[] = [];
  let error: string | null = null;
  try {
    existing = (await listSiteDevices(ctx.scope.dealerId, ctx.siteId)).map((d) => d.external_device_id);
  } catch (e) {
    { const d = describeChektError(e); error = `${d.message}${d.traceId ? ` (trace ${d.traceId})` : ""}`; }
  }
  return (
    <>
      <PageHeader
        title="Paste devices"
        description="Provision or update many cameras and bridges at once. Rows are checked here before anything is sent."
        breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Paste" })}
      />
      {error ? (
        <Alert tone="warning" title="Could not read the site's current devices" className="mb-4">
          {error} Duplicates against existing devices will be caught when you send.
        </Alert>
      ) : null}
      <PasteDevices siteId={ctx.siteId} existingExternalIds={existing} />
    </>
  );
}
