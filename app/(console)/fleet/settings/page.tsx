import type { Metadata } from "next";
import { FleetSettingsForm } from "@/components/fleet/fleet-settings-form";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { Card, PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { DEFAULT_OFFLINE_THRESHOLD_MIN } from "@/lib/fleet/settings";

export const metadata: Metadata = { title: "Fleet settings" };

export default async function FleetSettingsPage() {
  const { dealer } = await requirePageScope("admin");
  const header = (
    <PageHeader
      title="Fleet settings"
      breadcrumbs={[{ label: "Fleet health", href: "/fleet" }, { label: "Settings" }]}
      description="When a device counts as offline too long, and where its alert is mailed."
    />
  );
  if (!dealer) return <NoDealerPage header={header} />;
  const s = await prisma.fleetSettings.findUnique({ where: { dealerLinkId: dealer.id } });
  return (
    <>
      {header}
      <Card>
        <FleetSettingsForm
          initial={{
            offlineThresholdMin: s?.offlineThresholdMin ?? DEFAULT_OFFLINE_THRESHOLD_MIN,
            smtpHost: s?.smtpHost ?? "",
            smtpPort: s?.smtpPort ? String(s.smtpPort) : "",
            smtpUser: s?.smtpUser ?? "",
            smtpFrom: s?.smtpFrom ?? "",
            smtpRecipients: (s?.smtpRecipients ?? []).join(", "),
            hasPassword: Boolean(s?.smtpPasswordSealed),
          }}
        />
      </Card>
    </>
  );
}
