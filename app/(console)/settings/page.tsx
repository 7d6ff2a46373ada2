import type { Metadata } from "next";
import { Alert, Badge, Card, DataTable, DetailField, type Column } from "@/components/ui";
import { NameCell } from "@/components/ui/name-cell";
import { AdminHeader } from "@/components/admin/admin-nav";
import { BudgetPanel } from "@/components/admin/budget-panel";
import { ConnectionCheck } from "@/components/admin/connection-check";
import { CopyField } from "@/components/admin/copy-field";
import { DealerSecretsForm } from "@/components/admin/dealer-secrets-form";
import { TestEventButton } from "@/components/admin/test-event-button";
import { dealerCredentials, envCredentials, simulatorControl, webhookUrlFor } from "@/lib/settings/credentials";
import { adminPickedDealer } from "@/lib/settings/picked-dealer";
import type { MaskedCredential } from "@/lib/settings/mask";
import { FEATURE_SCOPES, PARTNER_FEATURES } from "@/lib/settings/scopes";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Settings" } satisfies Metadata;

type FeatureRow = { feature: string; where?: string; scopes: readonly string[]; why: string };
const FEATURE_ROWS: FeatureRow[] = [
  ...FEATURE_SCOPES,
  ...PARTNER_FEATURES.map((feature) => ({
    feature,
    scopes: [],
    why: "Partner API, reached by the client id and secret.",
  })),
];
const FEATURE_COLUMNS: Column<FeatureRow>[] = [
  {
    key: "feature",
    header: "Feature",
    card: "title",
    cell: (f) => <NameCell name={f.feature} detail={f.where} />,
  },
  {
    key: "scope",
    header: "Scope",
    cell: (f) =>
      f.scopes.length ? (
        f.scopes.map((s) => (
          <code key={s} className="mr-1">
            {s}
          </code>
        ))
      ) : (
        <span className="text-slate-500">none (partner credentials)</span>
      ),
  },
  { key: "why", header: "Why", className: "text-slate-600", cell: (f) => f.why },
];
export const dynamic = "force-dynamic";

function Masked({ value }: { value: MaskedCredential }) {
  return value.set ? (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Badge tone="success">set</Badge>
      <code className="text-slate-700">{value.masked}</code>
      {value.masked.endsWith("…") ? <span className="text-xs text-slate-500">({value.length} characters)</span> : null}
    </span>
  ) : (
    <Badge tone="warning">unset</Badge>
  );
}

type CredentialItem = { label: string; value: MaskedCredential; origin: string };

/** Credentials, masked, each with where it comes from: the environment's and a dealer's alike. */
function CredentialList({ items, testId }: { items: CredentialItem[]; testId: string }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2" data-testid={testId}>
      {items.map((c) => (
        <DetailField key={c.label} label={c.label} testId="credential">
          <Masked value={c.value} />
          {c.origin ? <div className="mt-1 text-xs break-words text-slate-500">{c.origin}</div> : null}
        </DetailField>
      ))}
    </dl>
  );
}

/** Where a dealer's credential comes from: its own stored value, or the environment's default. */
function dealerOrigin(source: "dealer" | "env" | "none", envName: string): string {
  if (source === "dealer") return "Stored for this dealer";
  return source === "env" ? `From ${envName}` : "";
}

export default async function SettingsPage({ searchParams }: SearchParamsProps) {
  const chosen = await adminPickedDealer(searchParams);
  const creds = envCredentials();
  const dealers = await dealerCredentials();
  const chosenCreds = dealers.find((d) => d.id === chosen?.id);
  const sim = simulatorControl();

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

        {chosen && chosenCreds ? (
          <Card
            title={`CHeKT App of ${chosen.companyName}`}
            description="Each dealer's CHeKT App has its own API key and webhook signing secret, stored encrypted."
          >
            <div className="space-y-5">
              {chosenCreds.unreadable ? <Alert tone="danger">{chosenCreds.unreadable}</Alert> : null}
              <CredentialList
                testId="dealer-credentials"
                items={[
                  {
                    label: "API key",
                    value: chosenCreds.apiKey,
                    origin: dealerOrigin(chosenCreds.apiKey.source, "CHEKT_API_KEY"),
                  },
                  {
                    label: "Webhook signing secret",
                    value: chosenCreds.webhookSecret,
                    origin: dealerOrigin(chosenCreds.webhookSecret.source, "CHEKT_WEBHOOK_SECRET"),
                  },
                ]}
              />
              <CopyField
                label="Webhook URL to paste into CHeKT (Settings → CHeKT Apps → your app)"
                value={webhookUrlFor(chosen.externalDealerId)}
              />
              {sim ? (
                <div className="flex flex-wrap items-center gap-3">
                  <TestEventButton dealerLinkId={chosen.id} />
                  <span className="text-xs text-slate-500">
                    Simulator only: asks it to deliver a signed event to the URL above.
                  </span>
                </div>
              ) : null}
              <DealerSecretsForm
                dealerLinkId={chosen.id}
                hasOwnKey={chosenCreds.apiKey.source === "dealer"}
                hasOwnSecret={chosenCreds.webhookSecret.source === "dealer"}
              />
            </div>
          </Card>
        ) : (
          <Alert tone="info" title="No dealer connected yet">
            Connect a dealer on the Dealer page; its CHeKT App settings appear here.
          </Alert>
        )}

        <Card
          title="CHeKT call budget"
          description={
            "One budget per credential, shared by every app instance. Answers to alarms go first; bulk jobs " +
            "and background sync keep a reserve free for them."
          }
          className="min-w-0 xl:col-span-2"
        >
          <BudgetPanel />
        </Card>

        <Card title="Which features need which scope" flush className="xl:col-span-2">
          <DataTable
            columns={FEATURE_COLUMNS}
            rows={FEATURE_ROWS}
            rowKey={(f) => f.feature}
            caption="Which features need which scope"
            testId="feature-scopes"
            flush
          />
        </Card>
      </div>
    </div>
  );
}
