import type { Metadata } from "next";
import Link from "next/link";
import { RadioTower } from "lucide-react";
import { dealerPage } from "@/components/page/dealer-page";
import { Freshness } from "@/components/mirror/freshness";
import { text } from "@/components/sites/format";
import { AddLink, DataTable, EmptyState, ListPager, UtcTime, buttonClasses, listSort } from "@/components/ui";
import type { DealerBound } from "@/lib/auth/require";
import { readStationDto } from "@/lib/mirror/dto";
import { findMirrorSync, listMirrorStations } from "@/lib/mirror/read";
import { freshnessFor, oldestSeen } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";
import { sortAndPage } from "@/lib/list-state/memory";
import { STATION_SORTS, stationsList } from "@/lib/mirror/stations-list-state";
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
  type Station = (typeof stations)[number];
  const SORT: Record<(typeof STATION_SORTS)[number], (s: Station) => string | null | undefined> = {
    name: (s) => s.name,
    external: (s) => s.external_monitoring_station_id,
    prefix: (s) => s.prefix,
    created: (s) => s.created_at,
  };
  const page = sortAndPage(stations, SORT[state.sort], state.dir, state.page, state.per);
  const seen = rows.length ? oldestSeen(rows) : sync?.finishedAt ? { confirmedAt: sync.finishedAt } : null;
  const fresh = freshnessFor(dealer.id, [{ kind: "stations" }], seen);
  return (
    <>
      <Freshness {...fresh} className="mb-3" />
      <DataTable<Station>
        caption="Monitoring stations"
        rows={page.rows}
        sort={listSort(stationsList, state)}
        rowKey={(s) => s.monitoring_station_id}
        empty={
          <EmptyState
            icon={<RadioTower className="h-8 w-8" />}
            title="No monitoring stations yet"
            description="Add the central station that receives this dealer's alarms."
            action={
              canEdit ? (
                <Link href="/stations/new" className={buttonClasses("primary")}>
                  New station
                </Link>
              ) : null
            }
          />
        }
        columns={[
          {
            key: "name",
            header: "Name",
            sortable: true,
            card: "title",
            cell: (s) => (
              <Link
                href={`/stations/${s.monitoring_station_id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {s.name}
              </Link>
            ),
          },
          {
            key: "external",
            header: "Station ID (yours)",
            sortable: true,
            cell: (s) => s.external_monitoring_station_id,
          },
          { key: "prefix", header: "Prefix", sortable: true, cell: (s) => text(s.prefix) },
          { key: "linecard", header: "Linecard", cell: (s) => text(s.linecard) },
          { key: "id", header: "CHeKT ID", cell: (s) => s.monitoring_station_id },
          {
            key: "created",
            header: "Created",
            sortable: true,
            cell: (s) => <UtcTime at={s.created_at} />,
            className: "md:hidden lg:table-cell whitespace-nowrap",
          },
          ...(canEdit
            ? [
                {
                  key: "edit",
                  header: <span className="sr-only">Actions</span>,
                  card: "actions" as const,
                  cell: (s: Station) => (
                    <Link
                      href={`/stations/${s.monitoring_station_id}`}
                      className={buttonClasses("ghost", "sm")}
                      aria-label={`Edit ${s.name}`}
                    >
                      Edit
                    </Link>
                  ),
                  className: "text-right",
                },
              ]
            : []),
        ]}
      />
      {stations.length ? <ListPager list={stationsList} state={state} of={page} per={state.per} /> : null}
    </>
  );
}
