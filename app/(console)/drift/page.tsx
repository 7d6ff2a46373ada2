import type { Metadata } from "next";
import { DriftPanel } from "@/components/admin/drift-panel";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { pickedDealerPage } from "@/components/page/picked-dealer-page";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Drift check" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function DriftPage({ searchParams }: SearchParamsProps) {
  return pickedDealerPage(
    searchParams,
    {
      current: "/drift",
      title: metadata.title,
      description:
        "Compares our external-ID mappings with this console's copy of CHeKT (kept current by the " +
        "background sync): sites, monitoring stations, contacts and devices.",
    },
    "Reads the mirror, not CHeKT, so it is instant and spends none of CHeKT's rate limit; re-link " +
      "reads the one object from CHeKT first. Re-link and forget are audited.",
    (dealer) => (
      <>
        <SyncProgress dealerLinkId={dealer.id} always className="mb-4" />
        <DriftPanel key={dealer.id} dealerLinkId={dealer.id} />
      </>
    ),
  );
}
