import type { Metadata } from "next";
import { dealerPage } from "@/components/page/dealer-page";
import { Card } from "@/components/ui";
import { utcText } from "@/lib/utc-text";
import { EscalationSettingsForm } from "@/components/verifications/escalation-form";
import { duration } from "@/lib/verifications/escalation";
import { escalationSettingsFor } from "@/lib/verifications/escalation-settings";

export const metadata = { title: "Escalation settings" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function EscalationSettingsPage() {
  return dealerPage(
    "admin",
    {
      title: metadata.title,
      breadcrumbs: [{ label: "Verifications", href: "/verifications" }, { label: "Escalation" }],
      description:
        "When an alarm on the desk escalates: louder sound, a desktop notification and a banner for this " +
        "dealer's admins.",
    },
    async ({ dealer }) => {
      const s = await escalationSettingsFor(dealer.id);
      return (
        <Card
          title={`${dealer.companyName}`}
          description={
            s.updatedAt
              ? `Now: unclaimed for ${duration(s.unclaimedSeconds)}, under ${duration(s.remainingSeconds)} ` +
                `left. Last changed by ${s.updatedByName} on ` +
                `${utcText(s.updatedAt)}.`
              : `Now: the defaults, unclaimed for ${duration(s.unclaimedSeconds)} or under ` +
                `${duration(s.remainingSeconds)} left.`
          }
        >
          <EscalationSettingsForm
            initial={{ unclaimedSeconds: s.unclaimedSeconds, remainingSeconds: s.remainingSeconds }}
          />
        </Card>
      );
    },
  );
}
