import type { Metadata } from "next";
import Link from "next/link";
import { MapPin, Plus } from "lucide-react";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Freshness } from "@/components/mirror/freshness";
import { SitesFilters } from "@/components/sites/sites-filters";
import { SitesPager, SitesTable } from "@/components/sites/sites-table";
import { EmptyState, PageHeader, buttonClasses } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { findMirrorSync, listMirrorStations, mirrorSitesPage } from "@/lib/mirror/read";
import { freshnessFor, oldestSeen } from "@/lib/mirror/view";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { hasRole } from "@/lib/roles";
import { parseSiteListState, siteListSearch } from "@/lib/schemas/site-list";
import { deviceCountsBySite } from "@/lib/fleet/read";
import { readinessOfSites, readinessSummary } from "@/lib/readiness/query";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, dealer } = await requirePageScope("viewer");
  const canEdit = hasRole(user.role, "operator");
  const header = (
    <PageHeader
      title="Sites"
      description="Every site of this dealer, from this console's copy of CHeKT (kept current in the background)."
      actions={
        canEdit && dealer ? (
          <>
            <Link href="/sites/import" className={buttonClasses("secondary")}>
              Import sites
            </Link>
            <Link href="/sites/new" className={buttonClasses("primary")}>
              <Plus className="h-4 w-4" aria-hidden="true" /> New site
            </Link>
          </>
        ) : null
      }
    />
  );
  if (!dealer) return (<>{header}<NoDealerState /></>);

  const state = parseSiteListState(await searchParams);
  // The mirror, not CHeKT: this page makes no CHeKT call (docs/mirror.md).
  // Readiness is judged per site in lib/readiness; the filter pages through the ids it found.
  const readyFilter = state.ready ? await readinessSummary(dealer.id) : null;
  const onlyIds = readyFilter ? (state.ready === "0" ? readyFilter.notReadyIds : readyFilter.readyIds) : undefined;
  const [page, stations, sync] = await Promise.all([
    mirrorSitesPage(dealer.id, state, onlyIds),
    state.cols.includes("monitoring_station_id") ? listMirrorStations(dealer.id) : Promise.resolve([]),
    findMirrorSync(dealer.id),
  ]);
  const pageIds = page.rows.map((r) => r.site_id);
  const [readiness, deviceCounts] = await Promise.all([readinessOfSites(dealer.id, pageIds), deviceCountsBySite(dealer.id, pageIds)]);
  const stationNames = new Map<number, string>(stations.map((s) => [s.chektId, s.name]));
  const fresh = freshnessFor(dealer.id, [{ kind: "sites", view: siteListSearch(state).replace(/^\?/, "") }], 
    // An empty page is as fresh as the last finished sweep (it listed every site).
    page.rows.length ? oldestSeen(page.confirmedAt.map((confirmedAt) => ({ confirmedAt }))) : sync?.finishedAt ? { confirmedAt: sync.finishedAt } : null,
  );
  const filtered = Boolean(state.q || state.active || state.tz || state.station || state.ready);

  return (
    <>
      {header}
      <SyncProgress dealerLinkId={dealer.id} className="mb-4" />
      <SitesFilters state={state} />
      <Freshness {...fresh} className="mb-3" />
      {page.rows.length === 0 ? (
        <EmptyState
          icon={<MapPin className="h-8 w-8" />}
          title={filtered ? "No site matches these filters" : state.page > 1 ? "This page is past the last site" : "No sites yet"}
          description={filtered ? "Change the search or clear the filters." : canEdit ? "Add the dealer's first site." : "Sites added in CHeKT will show here."}
          action={
            filtered || state.page > 1 ? (
              <Link href="/sites" className={buttonClasses("secondary")}>Show all sites</Link>
            ) : canEdit ? (
              <Link href="/sites/new" className={buttonClasses("primary")}>New site</Link>
            ) : null
          }
        />
      ) : (
        <>
          <SitesTable rows={page.rows} state={state} stationNames={stationNames} readiness={readiness} deviceCounts={deviceCounts} />
          <SitesPager state={state} total={page.total} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
