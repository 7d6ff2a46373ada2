// The sites table with everything only it needs (the page of rows, their count, readiness, device
// counts, station names, freshness): streamed after the page's header and filters, so the first
// bytes of /sites never wait on these queries (app/(console)/sites/page.tsx).
import Link from "next/link";
import { MapPin } from "lucide-react";
import { Freshness } from "@/components/mirror/freshness";
import { SitesTable } from "@/components/sites/sites-table";
import { EmptyState, ListPager, buttonClasses } from "@/components/ui";
import { findMirrorSync, listMirrorStations, mirrorSitesView } from "@/lib/mirror/read";
import { freshnessFor, oldestSeen } from "@/lib/mirror/view";
import { readinessSummary } from "@/lib/readiness/query";
import { siteList, type SiteListState } from "@/lib/schemas/site-list";

export async function SitesResults({
  dealerLinkId,
  state,
  canEdit,
}: {
  dealerLinkId: string;
  state: SiteListState;
  canEdit: boolean;
}) {
  // The mirror, not CHeKT: this list makes no CHeKT call (docs/mirror.md).
  // Readiness is judged per site in lib/readiness; the filter pages through the ids it found.
  const readyFilter = state.ready ? await readinessSummary(dealerLinkId) : null;
  const onlyIds = readyFilter ? (state.ready === "0" ? readyFilter.notReadyIds : readyFilter.readyIds) : undefined;
  // The page, its total, readiness and device counts: one statement (lib/mirror/read.ts).
  const [page, stations, sync] = await Promise.all([
    mirrorSitesView(dealerLinkId, state, onlyIds),
    state.cols.includes("monitoring_station_id") ? listMirrorStations(dealerLinkId) : Promise.resolve([]),
    findMirrorSync(dealerLinkId),
  ]);
  const { readiness, deviceCounts } = page;
  const stationNames = new Map<number, string>(stations.map((s) => [s.chektId, s.name]));
  const fresh = freshnessFor(
    dealerLinkId,
    [{ kind: "sites", view: siteList.search(state).replace(/^\?/, "") }],
    // An empty page is as fresh as the last finished sweep (it listed every site).
    page.rows.length
      ? oldestSeen(page.confirmedAt.map((confirmedAt) => ({ confirmedAt })))
      : sync?.finishedAt
        ? { confirmedAt: sync.finishedAt }
        : null,
  );
  const filtered = Boolean(state.q || state.active || state.tz || state.station || state.ready);

  return (
    <>
      <Freshness {...fresh} className="mb-3" />
      {page.rows.length === 0 ? (
        <NoSites filtered={filtered} pastEnd={state.page > 1} canEdit={canEdit} />
      ) : (
        <>
          <SitesTable
            rows={page.rows}
            state={state}
            stationNames={stationNames}
            readiness={readiness}
            deviceCounts={deviceCounts}
          />
          <ListPager list={siteList} state={state} of={page} per={state.per} />
        </>
      )}
    </>
  );
}

/** An empty page says why: the filters, a page past the end, or no site at all (and the way on for each). */
function NoSites({ filtered, pastEnd, canEdit }: { filtered: boolean; pastEnd: boolean; canEdit: boolean }) {
  return (
    <EmptyState
      icon={<MapPin className="h-8 w-8" />}
      title={filtered ? "No site matches these filters" : pastEnd ? "This page is past the last site" : "No sites yet"}
      description={
        filtered
          ? "Change the search or clear the filters."
          : canEdit
            ? "Add the dealer's first site."
            : "Sites added in CHeKT will show here."
      }
      action={
        filtered || pastEnd ? (
          <Link href="/sites" className={buttonClasses("secondary")}>
            Show all sites
          </Link>
        ) : canEdit ? (
          <Link href="/sites/new" className={buttonClasses("primary")}>
            New site
          </Link>
        ) : null
      }
    />
  );
}
