import Link from "next/link";
import { Badge, DataTable, listSort, type Column, rowLinkClass, cn } from "@/components/ui";
import type { SiteRow } from "@/lib/chekt/api/sites";
import { SITE_COLUMNS, SITE_COLUMN_KEYS, siteList, type SiteColumn, type SiteListState } from "@/lib/schemas/site-list";
import { formatInZone, text } from "./format";
import { ReadinessBadge } from "./readiness";
import { SiteDeviceStatus } from "@/components/fleet/site-device-status";
import type { SiteDeviceCounts } from "@/lib/fleet/read";
import type { Readiness } from "@/lib/readiness/rules";
import { siteLabel } from "@/lib/site-label";

function renderCell(col: SiteColumn, stationNames: Map<number, string>, row: SiteRow) {
  switch (col) {
    case "name":
      return (
        <Link href={`/sites/${row.site_id}`} className={cn("font-medium", rowLinkClass)}>
          {siteLabel(row.site_id, row.name)}
        </Link>
      );
    case "is_activated":
      return row.is_activated === 1 ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>;
    case "created_at":
      return <span className="whitespace-nowrap">{formatInZone(row.created_at, row.timezone)}</span>;
    case "monitoring_station_id":
      return (
        <>
          {row.monitoring_station_id
            ? (stationNames.get(row.monitoring_station_id) ?? `#${row.monitoring_station_id}`)
            : "—"}
        </>
      );
    default:
      return <>{text(row[col] as string | null | undefined)}</>;
  }
}

/** The sites list on the one DataTable: headers sort on the server, the chosen columns shown. */
export function SitesTable({
  rows,
  state,
  stationNames,
  readiness,
  deviceCounts,
}: {
  rows: SiteRow[];
  state: SiteListState;
  stationNames: Map<number, string>;
  /** Readiness and device status per site (lib/readiness, lib/fleet): two extra, unsortable columns. */
  readiness?: Map<number, Readiness>;
  deviceCounts?: Map<number, SiteDeviceCounts>;
}) {
  const columns: Column<SiteRow>[] = SITE_COLUMN_KEYS.map((col) => ({
    key: col,
    header: SITE_COLUMNS[col].label,
    cell: (row) => renderCell(col, stationNames, row),
    sortable: SITE_COLUMNS[col].sortable,
    card: col === "name" ? "title" : undefined,
    className: col === "external_site_id" || col === "account_number" ? "whitespace-nowrap" : undefined,
  }));
  if (readiness) {
    columns.push({
      key: "readiness",
      header: "Readiness",
      className: "whitespace-nowrap",
      cell: (row) => (
        <span data-testid="site-readiness">
          <ReadinessBadge readiness={readiness.get(row.site_id)} />
        </span>
      ),
    });
  }
  if (deviceCounts) {
    columns.push({
      key: "devices",
      header: "Devices",
      cell: (row) => <SiteDeviceStatus siteId={row.site_id} counts={deviceCounts.get(row.site_id)} compact />,
    });
  }
  return (
    <DataTable
      caption="Sites"
      testId="sites-table"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.site_id}
      rowAttrs={() => ({ "data-testid": "site-row" })}
      hidden={SITE_COLUMN_KEYS.filter((c) => !state.cols.includes(c))}
      sort={listSort(siteList, state)}
    />
  );
}
