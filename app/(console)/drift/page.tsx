import type { Metadata } from "next";
import { Alert, Card } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { DriftPanel } from "@/components/admin/drift-panel";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { adminPickedDealer } from "@/lib/settings/picked-dealer";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Drift check" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function DriftPage({ searchParams }: SearchParamsProps) {
  const { chosen } = await adminPickedDealer(searchParams);
  return (
    <div>
      <AdminHeader
        current="/drift"
        title={metadata.title}
        description={
          "Compares our external-ID mappings with this console's copy of CHeKT (kept current by the " +
          "background sync): sites, monitoring stations, contacts and devices."
        }
      />
      {chosen ? (
        <Card
          title={`${chosen.companyName} (CHeKT dealer ${chosen.chektDealerId})`}
          description={
            "Reads the mirror, not CHeKT, so it is instant and spends none of CHeKT's rate limit; re-link " +
            "reads the one object from CHeKT first. Re-link and forget are audited."
          }
        >
          <SyncProgress dealerLinkId={chosen.id} always className="mb-4" />
          <DriftPanel key={chosen.id} dealerLinkId={chosen.id} />
        </Card>
      ) : (
        <Alert tone="info" title="No dealer connected yet">
          Connect a dealer first.
        </Alert>
      )}
    </div>
  );
}
