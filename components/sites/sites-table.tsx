import { Fragment } from "react";
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
        // A name of one long word breaks inside it rather than widening the table past the laptop.
        <Link href={`/sites/${row.site_id}`} className={cn("font-medium [overflow-wrap:anywhere]", rowLinkClass)}>
          {siteLabel(row.site_id, row.name)}
        </Link>
      );
    case "is_activated":
      return row.is_activated === 1 ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>;
    case "created_at":
      return <DateThenTime text={formatInZone(row.created_at, row.timezone)} />;
    case "external_site_id":
    case "account_number":
      return <LongId value={row[col]} />;
    case "timezone":
      return row.timezone ? <ZoneName zone={row.timezone} /> : <>{text(row.timezone)}</>;
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

/** "America/<wbr>Argentina/<wbr>Buenos_Aires": a long zone breaks after a slash, never inside a word. */
function ZoneName({ zone }: { zone: string }) {
  return (
    <>
      {zone.split("/").map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? (
            <>
              /<wbr />
            </>
          ) : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/**
 * "Jan 25, 2025, 12:00 AM GMT+11" on as many lines as the column needs, each part whole: the date, the time, then
 * the zone, which may be as long as the time ("GMT+13:45" in Pacific/Chatham) and so wraps on its own.
 */
function DateThenTime({ text: when }: { text: string }) {
  const cut = when.lastIndexOf(", ");
  if (cut < 0) return <span className="whitespace-nowrap">{when}</span>;
  const time = when.slice(cut + 2);
  const zoneAt = time.lastIndexOf(" ");
  const parts = [when.slice(0, cut + 1), ...(zoneAt < 0 ? [time] : [time.slice(0, zoneAt), time.slice(zoneAt + 1)])];
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? " " : null}
          <span className="whitespace-nowrap">{part}</span>
        </Fragment>
      ))}
    </>
  );
}

/**
 * So that every column fits a 1280 px laptop beside the sidebar (~960 px): the name keeps room for two or three
 * words a line; an ID or account number keeps an ordinary value whole (a long one breaks, see LongId); the date
 * keeps "12:00 AM GMT" on one line (a longer offset takes a third); the badge columns take less padding; the zone,
 * the readiness and the device counts wrap between words.
 */
const COLUMN_CLASS: Partial<Record<SiteColumn, string>> = {
  name: "md:min-w-40",
  external_site_id: "md:min-w-28",
  account_number: "md:min-w-24",
  created_at: "md:min-w-36",
  is_activated: "md:px-3",
};

/** An ID that breaks anywhere, only when longer than its column's minimum width (which keeps an ordinary one whole). */
function LongId({ value }: { value: string | null | undefined }) {
  return <span className="[overflow-wrap:anywhere]">{text(value)}</span>;
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
    className: COLUMN_CLASS[col],
  }));
  if (readiness) {
    columns.push({
      key: "readiness",
      header: "Readiness",
      className: "md:px-3",
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
      className: "md:px-3",
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
