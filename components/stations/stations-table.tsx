import Link from "next/link";
import { RadioTower } from "lucide-react";
import { text } from "@/components/sites/format";
import {
  buttonClasses,
  DataTable,
  EmptyState,
  listSort,
  UtcTime,
  type Column,
  rowLinkClass,
  cn,
} from "@/components/ui";
import type { ResponseMonitoringStationDto } from "@/lib/schemas/contract";
import { stationsList, type StationsListState } from "@/lib/mirror/stations-list-state";
import { yourIdLabel } from "@/lib/external-id";

type Station = ResponseMonitoringStationDto;

const EDIT_COLUMN: Column<Station> = {
  key: "edit",
  header: <span className="sr-only">Actions</span>,
  card: "actions",
  cell: (s) => (
    <Link
      href={`/stations/${s.monitoring_station_id}`}
      className={buttonClasses("ghost", "sm")}
      aria-label={`Edit ${s.name}`}
    >
      Edit
    </Link>
  ),
  className: "text-right",
};

/** One page of the dealer's monitoring stations; an operator gets an Edit link on each. */
export function StationsTable({
  rows,
  state,
  canEdit,
}: {
  rows: Station[];
  state: StationsListState;
  canEdit: boolean;
}) {
  const columns: Column<Station>[] = [
    {
      key: "name",
      header: "Name",
      sortable: true,
      card: "title",
      cell: (s) => (
        <Link href={`/stations/${s.monitoring_station_id}`} className={cn("font-medium", rowLinkClass)}>
          {s.name}
        </Link>
      ),
    },
    {
      key: "external",
      header: yourIdLabel("station"),
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
    ...(canEdit ? [EDIT_COLUMN] : []),
  ];
  return (
    <DataTable<Station>
      caption="Monitoring stations"
      rows={rows}
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
      columns={columns}
    />
  );
}
