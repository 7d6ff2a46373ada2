import type { Metadata } from "next";
import { dealerPage } from "@/components/page/dealer-page";
import { Freshness } from "@/components/mirror/freshness";
import { StationsTable } from "@/components/stations/stations-table";
import { AddLink, ListPager } from "@/components/ui";
import type { DealerBound } from "@/lib/auth/require";
import { readStationDto } from "@/lib/mirror/dto";
import { findMirrorSync, listMirrorStations } from "@/lib/mirror/read";
import { freshnessFor, oldestSeen } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";
import { pageOfStations, stationsList } from "@/lib/mirror/stations-list-state";
import type { ListStateOf } from "@/lib/list-state/define";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Monitoring stations" } satisfies Metadata;

export default async function StationsPage({ searchParams }: SearchParamsProps) {
  return dealerPage(
    "viewer",
    ({ user, dealer }) => ({
      title: metadata.title,
      description: "The central stations this dealer's sites send alarms to.",
      actions: hasRole(user.role, "operator") && dealer ? <AddLink href="/stations/new">New station</AddLink> : null,
    }),
    async (scope) => <Stations {...scope} state={stationsList.parse(await searchParams)} />,
  );
}

async function Stations({ user, dealer, state }: DealerBound & { state: ListStateOf<typeof stationsList> }) {
  const canEdit = hasRole(user.role, "operator");
  // The mirror, not CHeKT (docs/mirror.md). An empty list is as fresh as the last finished sweep.
  const [rows, sync] = await Promise.all([listMirrorStations(dealer.id), findMirrorSync(dealer.id)]);
  const stations = rows.flatMap((r) => {
    const dto = readStationDto(r.dto);
    return dto ? [dto] : [];
  });
  const page = pageOfStations(stations, state);
  const seen = rows.length ? oldestSeen(rows) : sync?.finishedAt ? { confirmedAt: sync.finishedAt } : null;
  const fresh = freshnessFor(dealer.id, [{ kind: "stations" }], seen);
  return (
    <>
      <Freshness {...fresh} className="mb-3" />
      <StationsTable rows={page.rows} state={state} canEdit={canEdit} />
      {stations.length ? <ListPager list={stationsList} state={state} of={page} per={state.per} /> : null}
    </>
  );
}
