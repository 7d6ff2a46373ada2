import type { Metadata } from "next";
import { Alert, Card, PageHeader } from "@/components/ui";
import { AdminNav } from "@/components/admin/admin-nav";
import { DriftPanel } from "@/components/admin/drift-panel";
import { requireRole } from "@/lib/auth/require";
import { pickDealer } from "@/lib/settings/dealers";

export const metadata: Metadata = { title: "Drift check" };
export const dynamic = "force-dynamic";

export default async function DriftPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("admin");
  const sp = await searchParams;
  const { chosen } = await pickDealer(typeof sp.dealer === "string" ? sp.dealer : undefined);
  return (
    <div>
      <PageHeader title="Drift check" description="Compares our external-ID mappings with what CHeKT lists for the dealer: sites, monitoring stations, contacts and devices." />
      <AdminNav current="/drift" />
      {chosen ? (
        <Card title={`${chosen.companyName} (CHeKT dealer ${chosen.chektDealerId})`} description="Reads every list from CHeKT (paced by the rate limit), so it can take a few seconds. Re-link and forget are audited.">
          <DriftPanel key={chosen.id} dealerLinkId={chosen.id} />
        </Card>
      ) : (
        <Alert tone="info" title="No dealer connected yet">Connect a dealer first.</Alert>
      )}
    </div>
  );
}
