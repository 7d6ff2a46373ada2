import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import { PageHeader } from "@/components/ui";
import { VerificationQueue } from "@/components/verifications/queue";
import { VerificationTabs } from "@/components/verifications/tabs";
import { requireRole } from "@/lib/auth/require";
import { getCurrentDealer } from "@/lib/dealer";
import { hasRole } from "@/lib/roles";

export const metadata: Metadata = { title: "Verifications" };
export const dynamic = "force-dynamic";

export default async function VerificationsPage() {
  const user = await requireRole("viewer");
  const dealer = await getCurrentDealer();
  return (
    <div>
      <PageHeader
        title="Verifications"
        description={dealer ? `Alarms CHeKT asks ${dealer.companyName} to verify, oldest deadline first. Updates arrive live.` : undefined}
      />
      <VerificationTabs current="queue" />
      {dealer ? <VerificationQueue me={{ id: user.id, name: user.name || user.email }} canAnswer={hasRole(user.role, "operator")} /> : <NoDealerState />}
    </div>
  );
}
