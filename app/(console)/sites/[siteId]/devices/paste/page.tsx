import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { PasteDevices } from "@/components/devices/paste-devices";
import { siteExternalIds } from "@/lib/bulk/site-devices";
import { crumbs, sitePage } from "../../site-page";

export const metadata = { title: "Paste devices" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function PasteDevicesPage({ params }: { params: Promise<{ siteId: string }> }) {
  return sitePage("operator", metadata.title, (await params).siteId, async (ctx) => {
    // From the mirror: the review flags this site's own duplicates at once. The dealer's other sites are
    // asked about the pasted IDs only, once pasted (devicesHeldElsewhere), so their IDs never reach the
    // browser; the job's own validation lists CHeKT before anything is stored, so a device of this site
    // the mirror has not seen yet is still caught.
    const existing = await siteExternalIds(ctx.scope.dealerLinkId, ctx.siteId);
    return (
      <>
        <PageHeader
          title={metadata.title}
          description={
            "Provision or update many cameras and bridges at once. Rows are checked here before anything is sent."
          }
          breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Paste" })}
        />
        <PasteDevices siteId={ctx.siteId} existingExternalIds={existing} />
      </>
    );
  });
}
