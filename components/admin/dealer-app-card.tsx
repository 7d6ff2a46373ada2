import { Alert, Card } from "@/components/ui";
import { CopyField } from "@/components/admin/copy-field";
import { CredentialList } from "@/components/admin/credential-list";
import { DealerSecretsForm } from "@/components/admin/dealer-secrets-form";
import { TestEventButton } from "@/components/admin/test-event-button";
import { webhookUrlFor, type dealerCredentials } from "@/lib/settings/credentials";

type DealerCreds = Awaited<ReturnType<typeof dealerCredentials>>[number];
type Chosen = { id: string; companyName: string; externalDealerId: string };

/** Where a dealer's credential comes from: its own stored value, or the environment's default. */
function dealerOrigin(source: "dealer" | "env" | "none", envName: string): string {
  if (source === "dealer") return "Stored for this dealer";
  return source === "env" ? `From ${envName}` : "";
}

/**
 * The chosen dealer's CHeKT App: its key and signing secret (masked, with where each comes from), the
 * webhook URL to paste into CHeKT, and the form that stores the dealer's own values.
 */
export function DealerAppCard({
  chosen,
  creds,
  simulator,
}: {
  chosen: Chosen | null;
  creds?: DealerCreds;
  /** The test-event button only works against the simulator. */
  simulator: boolean;
}) {
  if (!chosen || !creds)
    return (
      <Alert tone="info" title="No dealer connected yet">
        Connect a dealer on the Dealer page; its CHeKT App settings appear here.
      </Alert>
    );
  return (
    <Card
      title={`CHeKT App of ${chosen.companyName}`}
      description="Each dealer's CHeKT App has its own API key and webhook signing secret, stored encrypted."
    >
      <div className="space-y-5">
        {creds.unreadable ? <Alert tone="danger">{creds.unreadable}</Alert> : null}
        <CredentialList
          testId="dealer-credentials"
          items={[
            {
              label: "API key",
              value: creds.apiKey,
              origin: dealerOrigin(creds.apiKey.source, "CHEKT_API_KEY"),
            },
            {
              label: "Webhook signing secret",
              value: creds.webhookSecret,
              origin: dealerOrigin(creds.webhookSecret.source, "CHEKT_WEBHOOK_SECRET"),
            },
          ]}
        />
        <CopyField
          label="Webhook URL to paste into CHeKT (Settings → CHeKT Apps → your app)"
          value={webhookUrlFor(chosen.externalDealerId)}
        />
        {simulator ? (
          <div className="flex flex-wrap items-center gap-3">
            <TestEventButton dealerLinkId={chosen.id} />
            <span className="text-xs text-slate-500">
              Simulator only: asks it to deliver a signed event to the URL above.
            </span>
          </div>
        ) : null}
        <DealerSecretsForm
          dealerLinkId={chosen.id}
          hasOwnKey={creds.apiKey.source === "dealer"}
          hasOwnSecret={creds.webhookSecret.source === "dealer"}
        />
      </div>
    </Card>
  );
}
