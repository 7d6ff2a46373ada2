import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { NoDealerState } from "@/components/shell/no-dealer";
import { AddDeviceForm } from "@/components/devices/add-device-form";
import { requirePageScope } from "@/lib/auth/require";
import { crumbs, loadSite } from "../load";

export const metadata: Metadata = { title: "Add device" };
export const dynamic = "force-dynamic";

export default async function AddDevicePage({ params }: { params: Promise<{ siteId: string }> }) {
  const page = await requirePageScope("operator");
  const ctx = await loadSite(page, (await params).siteId);
  if (!ctx) return <NoDealerState />;
  return (
    <>
      <PageHeader
        title="Add device"
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
  );
}
