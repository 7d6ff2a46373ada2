import type { Metadata } from "next";
import Link from "next/link";
import { MapPin, Plus } from "lucide-react";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { SitesFilters } from "@/components/sites/sites-filters";
import { SitesPager, SitesTable } from "@/components/sites/sites-table";
import { EmptyState, PageHeader, buttonClasses } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { getCurrentDealer } from "@/lib/dealer";
import { readSoft } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { listSites } from "@/lib/chekt/api/sites";
import { listStations } from "@/lib/chekt/api/stations";
import { hasRole } from "@/lib/roles";
import { parseSiteListState, siteListControls } from "@/lib/schemas/site-list";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("viewer");
  const dealer = await getCurrentDealer();
  const canEdit = hasRole(user.role, "operator");
  const header = (
    <PageHeader
      title="Sites"
      description="Every site of this dealer in CHeKT. Search, filter, sort and page run on CHeKT's side."
      actions={
        canEdit && dealer ? (
          <Link href="/sites/new" className={buttonClasses("primary")}>
            <Plus className="h-4 w-4" aria-hidden="true" /> New site
          </Link>
        ) : null
      }
    />
  );
  if (!dealer) return (<>{header}<NoDealerState /></>);

  const scope = scopeOf(dealer);
  const state = parseSiteListState(await searchParams);
  const wantsStations = state.cols.includes("monitoring_station_id");
  const [page, stations] = await Promise.all([
    readSoft(listSites(scope, siteListControls(state))),
    wantsStations ? readSoft(listStations(scope)) : Promise.resolve(null),
  ]);
  const stationNames = new Map<number, string>(stations?.ok ? stations.data.map((s) => [s.monitoring_station_id, s.name]) : []);
  const filtered = Boolean(state.q || state.active || state.tz || state.station);

  return (
    <>
      {header}
      <SitesFilters state={state} />
      {!page.ok ? (
        <ChektProblem error={page.error} />
      ) : page.data.rows.length === 0 ? (
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
          <SitesTable rows={page.data.rows} state={state} stationNames={stationNames} />
          <SitesPager state={state} total={page.data.total} shown={page.data.rows.length} />
        </>
      )}
    </>
  );
}
