import { Badge, Card, DataTable, UtcTime } from "@/components/ui";
import { isConnected } from "@/lib/dealer";
import type { DealerLink } from "@/lib/generated/prisma/client";
import { yourIdLabel } from "@/lib/external-id";

/** Every dealer link the viewer may see, connected or not: disconnected links stay for the record. */
export function ConnectionHistory({ links }: { links: DealerLink[] }) {
  return (
    <Card
      title="Connection history"
      description="Every dealer this console has been linked to. Disconnected links are kept for the record."
      className="mt-6"
      flush
    >
      <DataTable
        caption="Dealer connection history"
        rows={links}
        empty={<p className="p-4 text-sm text-slate-600">No dealer has been connected yet.</p>}
        flush
        columns={[
          { key: "name", header: "Company", card: "title", cell: (l) => l.companyName },
          { key: "chekt", header: "CHeKT dealer", cell: (l) => `#${l.chektDealerId}` },
          { key: "ext", header: yourIdLabel("dealer"), cell: (l) => l.externalDealerId },
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
  );
}
