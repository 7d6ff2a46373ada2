import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { Card, PageHeader } from "@/components/ui";
import { EscalationSettingsForm } from "@/components/verifications/escalation-form";
import { requirePageScope } from "@/lib/auth/require";
import { duration } from "@/lib/verifications/escalation";
import { escalationSettingsFor } from "@/lib/verifications/escalation-settings";

export const metadata: Metadata = { title: "Escalation settings" };
export const dynamic = "force-dynamic";

export default async function EscalationSettingsPage() {
  const { dealer } = await requirePageScope("admin");
  const header = (
    <PageHeader
      title="Escalation settings"
      breadcrumbs={[{ label: "Verifications", href: "/verifications" }, { label: "Escalation" }]}
      description={
        "When an alarm on the desk escalates: louder sound, a desktop notification and a banner for this " +
        "dealer's admins."
      }
    />
  );
  if (!dealer) return <NoDealerPage header={header} />;
  const s = await escalationSettingsFor(dealer.id);
  return (
    <>
      {header}
      <Card
        title={`${dealer.companyName}`}
        description={
          s.updatedAt
            ? `Now: unclaimed for ${duration(s.unclaimedSeconds)}, under ${duration(s.remainingSeconds)} ` +
              `left. Last changed by ${s.updatedByName} on ` +
              `${s.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`
            : `Now: the defaults, unclaimed for ${duration(s.unclaimedSeconds)} or under ` +
              `${duration(s.remainingSeconds)} left.`
        }
      >
        <EscalationSettingsForm
          initial={{ unclaimedSeconds: s.unclaimedSeconds, remainingSeconds: s.remainingSeconds }}
        />
      </Card>
    </>
  );
}
