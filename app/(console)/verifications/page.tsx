import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import { PageHeader } from "@/components/ui";
import { VerificationQueue } from "@/components/verifications/queue/queue";
import { VerificationTabs } from "@/components/verifications/shared/tabs";
import { requirePageScope } from "@/lib/auth/require";
import { hasRole } from "@/lib/roles";
import { deskConfig } from "@/lib/verifications/config";
import { DEFAULT_ESCALATION } from "@/lib/verifications/escalation";
import { escalationSettingsFor } from "@/lib/verifications/escalation-settings";
import { parseSort } from "@/lib/verifications/merge";
import { operatorName } from "@/lib/verifications/operator";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Verifications" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function VerificationsPage({ searchParams }: SearchParamsProps) {
  const { user, dealer } = await requirePageScope("viewer");
  const raw = (await searchParams).sort;
  const sort = parseSort(Array.isArray(raw) ? raw[0] : raw);
  const escalation = dealer ? await escalationSettingsFor(dealer.id) : DEFAULT_ESCALATION;
  return (
    <div>
      <PageHeader
        title={metadata.title}
        description={
          dealer
            ? `Alarms CHeKT asks ${dealer.companyName} to verify, ` +
              (sort === "priority" ? "most urgent priority first, then nearest deadline" : "nearest deadline first") +
              ". Updates arrive live."
            : undefined
        }
      />
      <VerificationTabs current="queue" />
      {dealer ? (
        <VerificationQueue
          me={{ id: user.id, name: operatorName(user) }}
          dealer={{ id: dealer.id, name: dealer.companyName }}
          canAnswer={hasRole(user.role, "operator")}
          canTakeOver={hasRole(user.role, "admin")}
          sort={sort}
          leaseSeconds={deskConfig().VERIFICATION_LEASE_SECONDS}
          heartbeatSeconds={deskConfig().LIVE_HEARTBEAT_SECONDS}
          escalation={{ unclaimedSeconds: escalation.unclaimedSeconds, remainingSeconds: escalation.remainingSeconds }}
          showEscalationBanner={hasRole(user.role, "admin")}
        />
      ) : (
        <NoDealerState />
      )}
    </div>
  );
}
