import type { Metadata } from "next";
import { Card } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { BudgetPanel } from "@/components/admin/budget-panel";
import { ConnectionCheck } from "@/components/admin/connection-check";
import { CredentialList } from "@/components/admin/credential-list";
import { DealerAppCard } from "@/components/admin/dealer-app-card";
import { FeatureScopesCard } from "@/components/admin/feature-scopes";
import { dealerCredentials, envCredentials, simulatorControl } from "@/lib/settings/credentials";
import { adminPickedDealer } from "@/lib/settings/picked-dealer";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Settings" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function SettingsPage({ searchParams }: SearchParamsProps) {
  const { chosen, adminOfCurrent } = await adminPickedDealer(searchParams);
  const creds = envCredentials();
  const dealers = await dealerCredentials();
  const chosenCreds = dealers.find((d) => d.id === chosen?.id);
  const simulator = simulatorControl() !== null;

  return (
    <div>
      <AdminHeader
        current="/settings"
        title={metadata.title}
        description={
          "Credentials, the connection to CHeKT, and what the CHeKT App key may do — for the dealer chosen " +
          "at the top of the page."
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card
          title="Credentials from the environment"
          description="Values are never shown: at most the kind prefix and the last 4 characters."
        >
          <CredentialList
            testId="env-credentials"
            items={creds.map((c) => ({
              label: c.name,
              value: c.value,
              origin: c.note ? `${c.source} — ${c.note}` : c.source,
            }))}
          />
        </Card>

        <Card
          title="Check connection"
          description={
            chosen
              ? `Gets a token, reads dealer #${chosen.chektDealerId} (${chosen.companyName}), and probes the ` +
                "CHeKT App key."
              : "Gets a token and probes the CHeKT App key."
          }
        >
          <ConnectionCheck dealerLinkId={chosen?.id} />
        </Card>

        <DealerAppCard chosen={chosen} creds={chosenCreds} simulator={simulator} />

        <Card
          title="CHeKT call budget"
          description={
            "One budget per credential, shared by every app instance. Answers to alarms go first; bulk jobs " +
            "and background sync keep a reserve free for them."
          }
          className="min-w-0 xl:col-span-2"
        >
          {/* Its route answers the current dealer's admins; another dealer's admin (?dealer=) may be none here. */}
          {adminOfCurrent ? (
            <BudgetPanel />
          ) : (
            <p className="text-sm text-slate-600">
              Shown to admins of the dealer you are working on: switch to a dealer you administer to see it.
            </p>
          )}
        </Card>

        <FeatureScopesCard />
      </div>
    </div>
  );
}
