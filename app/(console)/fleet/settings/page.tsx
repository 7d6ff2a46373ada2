import type { Metadata } from "next";
import { FleetSettingsForm } from "@/components/fleet/fleet-settings-form";
import { dealerPage } from "@/components/page/dealer-page";
import { Card } from "@/components/ui";
import { prisma } from "@/lib/db";
import { DEFAULT_OFFLINE_THRESHOLD_MIN } from "@/lib/fleet/settings";

export const metadata = { title: "Fleet settings" } satisfies Metadata;

export default async function FleetSettingsPage() {
  return dealerPage(
    "admin",
    {
      title: metadata.title,
      breadcrumbs: [{ label: "Fleet health", href: "/fleet" }, { label: "Settings" }],
      description: "When a device counts as offline too long, and where its alert is mailed.",
    },
    async ({ dealer }) => {
      const s = await prisma.fleetSettings.findUnique({ where: { dealerLinkId: dealer.id } });
      return (
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
      );
    },
  );
}
