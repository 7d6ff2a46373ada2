import type { Metadata } from "next";
import { ConnectForm } from "@/components/dealer/connect-form";
import { DealerForm } from "@/components/dealer/dealer-form";
import { DisconnectButton } from "@/components/dealer/disconnect-button";
import { Freshness } from "@/components/mirror/freshness";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { text } from "@/components/sites/format";
import { Alert, Badge, Card, DataTable, DetailField, PageHeader, TraceForSupport, UtcTime } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { isConnected, isOwner } from "@/lib/dealer";
import { readDealerDto } from "@/lib/mirror/dto";
import { findMirrorDealer } from "@/lib/mirror/read";
import { freshnessFor } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";

export const metadata = { title: "Dealer" } satisfies Metadata;

const CONNECT_OUTCOMES: Record<string, { tone: "success" | "warning" | "danger"; title: string; text: string }> = {
  connected: {
    tone: "success",
    title: "Dealer connected",
    text: "CHeKT approved the connection. This console now works on the dealer below.",
  },
  denied: {
    tone: "warning",
    title: "Connection declined",
    text: "The dealer admin declined on CHeKT's page. Nothing changed.",
  },
  state: {
    tone: "danger",
    title: "Connection not finished",
    text:
      "The answer from CHeKT did not match the request this browser started (it expired after 10 minutes, or " +
      "came from elsewhere). Nothing changed; start again.",
  },
  taken: {
    tone: "danger",
    title: "Dealer ID already used",
    text: "The dealer ID you chose already names another dealer here. Nothing changed; choose another ID.",
  },
  failed: {
    tone: "danger",
    title: "Connection failed",
    text:
      "CHeKT did not finish the connection, so nothing changed. Try again; if it keeps failing, give support " +
      "the trace ID.",
  },
};

export default async function DealerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { user, dealer } = await requirePageScope("viewer");
  const isAdmin = hasRole(user.role, "admin");
  const sp = await searchParams;
  const outcome = sp.connect ? CONNECT_OUTCOMES[sp.connect] : undefined;
  // The profile comes from the mirror (no CHeKT call); the first sync fills it after connecting.
  // The connection history lists another dealer only to the owner: a member sees their own dealers' links.
  const linkScope = (await isOwner(user.id)) ? {} : { memberships: { some: { userId: user.id } } };
  const [row, links] = await Promise.all([
    dealer ? findMirrorDealer(dealer.id) : Promise.resolve(null),
    prisma.dealerLink.findMany({ where: linkScope, orderBy: { createdAt: "asc" } }),
  ]);
  const profile = row ? readDealerDto(row.dto) : null;
  const fresh = dealer ? freshnessFor(dealer.id, [{ kind: "dealer" }], row) : null;

  return (
    <>
      <PageHeader
        title={dealer ? <span data-testid="dealer-title">{dealer.companyName}</span> : metadata.title}
        description={
          dealer
            ? `CHeKT dealer #${dealer.chektDealerId} · your dealer ID ${dealer.externalDealerId}`
            : "No dealer is connected to this console yet."
        }
        actions={dealer && isAdmin ? <DisconnectButton companyName={dealer.companyName} /> : null}
      />
      {outcome ? (
        <Alert tone={outcome.tone} title={outcome.title} className="mb-6">
          {outcome.text}
          <TraceForSupport traceId={sp.trace} />
        </Alert>
      ) : null}

      {dealer ? <SyncProgress dealerLinkId={dealer.id} always className="mb-6" /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {dealer ? (
          <Card
            title="Company profile in CHeKT"
            description={
              isAdmin
                ? "Changes are saved in CHeKT; fields you leave alone keep their value."
                : "Only an admin can change these details."
            }
          >
            {fresh ? <Freshness {...fresh} className="mb-4" /> : null}
            {!profile ? (
              <p className="text-sm text-slate-600" data-testid="dealer-profile-missing">
                Not read from CHeKT yet: the first sync reads it, or press Refresh.
              </p>
            ) : isAdmin ? (
              <DealerForm
                initial={{
                  company_name: profile.company_name ?? "",
                  company_address1: profile.company_address1 ?? "",
                  company_address2: profile.company_address2 ?? "",
                  company_email: profile.company_email ?? "",
                  company_phone_number: profile.company_phone_number ?? "",
                }}
              />
            ) : (
              <dl className="grid gap-4 sm:grid-cols-2" data-testid="dealer-profile">
                <DetailField label="Company name">{profile.company_name}</DetailField>
                <DetailField label="Email">{text(profile.company_email)}</DetailField>
                <DetailField label="Address">{text(profile.company_address1)}</DetailField>
                <DetailField label="Address line 2">{text(profile.company_address2)}</DetailField>
                <DetailField label="Phone">{text(profile.company_phone_number)}</DetailField>
                <DetailField label="In CHeKT since">
                  <UtcTime at={profile.created_at} />
                </DetailField>
              </dl>
            )}
          </Card>
        ) : null}

        {isAdmin ? (
          <Card
            title={dealer ? "Connect another dealer" : "Connect a dealer"}
            description={
              "You choose our ID for the dealer; then the dealer's own admin signs in on CHeKT's page and " +
              "approves. Nothing is stored until CHeKT confirms."
            }
          >
            <ConnectForm />
          </Card>
        ) : !dealer ? (
          <Card title="Connect a dealer">
            <p className="text-sm text-slate-600">Only an admin can connect a dealer. Ask an admin of your team.</p>
          </Card>
        ) : null}
      </div>

      <Card
        title="Connection history"
        description="Every dealer this console has been linked to. Disconnected links are kept for the record."
        className="mt-6"
        flush
      >
        <DataTable
          caption="Dealer connection history"
          rows={links}
          rowKey={(l) => l.id}
          empty={<p className="p-4 text-sm text-slate-600">No dealer has been connected yet.</p>}
          flush
          className="max-md:p-4"
          columns={[
            { key: "name", header: "Company", card: "title", cell: (l) => l.companyName },
            { key: "chekt", header: "CHeKT dealer", cell: (l) => `#${l.chektDealerId}` },
            { key: "ext", header: "Dealer ID (yours)", cell: (l) => l.externalDealerId },
            {
              key: "since",
              header: "Connected",
              cell: (l) => <UtcTime at={l.connectedAt} />,
            },
            {
              key: "until",
              header: "Disconnected",
              cell: (l) => <UtcTime at={l.disconnectedAt} />,
            },
            {
              key: "state",
              header: "Status",
              cell: (l) =>
                isConnected(l) ? <Badge tone="success">Connected</Badge> : <Badge tone="neutral">Disconnected</Badge>,
            },
          ]}
        />
      </Card>
    </>
  );
}
