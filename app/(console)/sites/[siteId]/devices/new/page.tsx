import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { AddDeviceForm } from "@/components/devices/add-device-form";
import { crumbs, sitePage } from "../../site-page";

export const metadata = { title: "Add device" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function AddDevicePage({ params }: { params: Promise<{ siteId: string }> }) {
  return sitePage("operator", metadata.title, (await params).siteId, (ctx) => (
    <>
      <PageHeader
        title={metadata.title}
        description={
          `One camera or bridge at ${ctx.siteName}. It is checked like a ` +
          "pasted row and sent as a job you can watch."
        }
        breadcrumbs={crumbs(ctx, { label: "Devices", href: `/sites/${ctx.siteId}/devices` }, { label: "Add device" })}
      />
      <Card>
        <AddDeviceForm siteId={ctx.siteId} />
      </Card>
    </>
  ));
}
