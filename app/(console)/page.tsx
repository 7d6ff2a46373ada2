import type { Metadata } from "next";
import { Freshness } from "@/components/mirror/freshness";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { PageHeader } from "@/components/ui/page-header";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { freshnessFor } from "@/lib/mirror/view";
import { getMirrorCounts } from "./_dashboard/mirror-counts";
import { getLocalCounts } from "./_dashboard/local-counts";
import { OverviewStats } from "./_dashboard/overview-stats";
import { QuickLinks } from "./_dashboard/quick-links";
import { WaitingCard } from "./_dashboard/waiting-card";
import { ReadinessSummaryCard } from "@/components/sites/readiness-summary";
import { readinessSummary } from "@/lib/readiness/query";

export const metadata = { title: "Dashboard" } satisfies Metadata;

export default async function DashboardPage() {
  const { user, dealer } = await requirePageScope("viewer");
  if (!dealer) {
    return (
      <>
        <PageHeader title={metadata.title} />
        <NoDealerState />
      </>
    );
  }

  const now = new Date();
  // Counts from the mirror: the dashboard makes no CHeKT call, so it renders while CHeKT is down.
  const [counts, local, readiness] = await Promise.all([
    getMirrorCounts(dealer.id),
    getLocalCounts(dealer.id, now),
    readinessSummary(dealer.id),
  ]);
  const fresh = freshnessFor(
    dealer.id,
    [{ kind: "stations" }, { kind: "sites" }],
    counts.sweptAt ? { confirmedAt: counts.sweptAt } : null,
    now,
    { revalidate: false },
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="dealer-name">{dealer.companyName}</span>}
        description={
          `Welcome back, ${user.name}. CHeKT dealer #${dealer.chektDealerId} · your dealer ID ` +
          `${dealer.externalDealerId}`
        }
      />
      <SyncProgress dealerLinkId={dealer.id} className="mb-6" />
      <OverviewStats counts={counts} local={local} />
      <p className="mt-3 text-xs text-slate-500">
        Sites and monitoring stations are counted in this console&apos;s copy of CHeKT (kept current by a background
        sync); open verifications and bulk jobs come from its own records.
      </p>
      {/* Refresh asks for the sweep that keeps these counts (lib/mirror/start-sync.ts), not a read of every site. */}
      <Freshness {...fresh} bySweep className="mt-1" />
      <div className="mt-8 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <WaitingCard waiting={local.waiting} now={now} />
        <ReadinessSummaryCard summary={readiness} />
        <QuickLinks />
      </div>
    </>
  );
}
