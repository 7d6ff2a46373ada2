import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Badge, cn } from "@/components/ui";
import type { SiteRow } from "@/lib/chekt/api/sites";
import { SITE_COLUMNS, siteListSearch, withSiteListChanges, type SiteColumn, type SiteListState } from "@/lib/schemas/site-list";
import { formatInZone, text } from "./format";
import { ReadinessBadge } from "./readiness";
import { SiteDeviceStatus } from "@/components/fleet/site-device-status";
import type { SiteDeviceCounts } from "@/lib/fleet/read";
import type { Readiness } from "@/lib/readiness/rules";

function Cell({ row, col, stationNames }: { row: SiteRow; col: SiteColumn; stationNames: Map<number, string> }) {
  switch (col) {
    case "name":
      return (
        <Link href={`/sites/${row.site_id}`} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
          {row.name || `Site ${row.site_id}`}
        </Link>
      );
    case "is_activated":
      return row.is_activated === 1 ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>;
    case "created_at":
      return <span className="whitespace-nowrap">{formatInZone(row.created_at, row.timezone)}</span>;
    case "monitoring_station_id":
      return <>{row.monitoring_station_id ? (stationNames.get(row.monitoring_station_id) ?? `#${row.monitoring_station_id}`) : "—"}</>;
    default:
      return <>{text(row[col] as string | null | undefined)}</>;
  }
}

/** The sites table; column headers are links that sort on CHeKT's side (state stays in the URL). */
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
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sites-table">
        <caption className="sr-only">Sites, sorted by {SITE_COLUMNS[state.sort].label} {state.dir === "asc" ? "ascending" : "descending"}</caption>
        <thead className="bg-slate-50">
          <tr>
            {state.cols.map((col) => {
              const active = state.sort === col;
              const nextDir = active && state.dir === "asc" ? "desc" : "asc";
              const Icon = !active ? ArrowUpDown : state.dir === "asc" ? ArrowUp : ArrowDown;
              return (
                <th key={col} scope="col" aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : "none"} className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <Link
                    href={`/sites${siteListSearch(withSiteListChanges(state, { sort: col, dir: nextDir }))}`}
                    className={cn("inline-flex items-center gap-1 rounded hover:text-slate-900", active && "text-slate-900")}
                    title={`Sort by ${SITE_COLUMNS[col].label}`}
                  >
                    {SITE_COLUMNS[col].label}
                    <Icon className={cn("h-3.5 w-3.5", !active && "opacity-40")} aria-hidden="true" />
                  </Link>
                </th>
              );
            })}
            {readiness ? <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Readiness</th> : null}
            {deviceCounts ? <th scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Devices</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.site_id} className="hover:bg-slate-50" data-testid="site-row">
              {state.cols.map((col) => (
                <td key={col} className={cn("px-4 py-2.5 text-slate-800", (col === "external_site_id" || col === "account_number") && "whitespace-nowrap")}>
                  <Cell row={row} col={col} stationNames={stationNames} />
                </td>
              ))}
              {readiness ? (
                <td className="whitespace-nowrap px-4 py-2.5" data-testid="site-readiness">
                  <ReadinessBadge readiness={readiness.get(row.site_id)} />
                </td>
              ) : null}
              {deviceCounts ? (
                <td className="px-4 py-2.5">
                  <SiteDeviceStatus siteId={row.site_id} counts={deviceCounts.get(row.site_id)} compact />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Showing 26–50 of 2,000" with previous/next links that keep every other control. */
export function SitesPager({ state, total, shown }: { state: SiteListState; total: number; shown: number }) {
  const pages = Math.max(1, Math.ceil(total / state.per));
  const from = total === 0 ? 0 : (state.page - 1) * state.per + 1;
  const to = (state.page - 1) * state.per + shown;
  const link = (page: number) => `/sites${siteListSearch(withSiteListChanges(state, { page }))}`;
  const cls = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 bg-white hover:bg-slate-50";
  const off = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-200 text-slate-500";
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="sites-range">
        Showing <strong>{from.toLocaleString("en-US")}</strong>–<strong>{to.toLocaleString("en-US")}</strong> of{" "}
        <strong data-testid="sites-total">{total.toLocaleString("en-US")}</strong> sites · page {state.page} of {pages.toLocaleString("en-US")}
      </p>
      <div className="flex gap-2">
        {state.page > 1 ? <Link className={cls} href={link(1)}>First</Link> : <span className={off}>First</span>}
        {state.page > 1 ? <Link className={cls} href={link(state.page - 1)} rel="prev">Previous</Link> : <span className={off}>Previous</span>}
        {state.page < pages ? <Link className={cls} href={link(state.page + 1)} rel="next">Next</Link> : <span className={off}>Next</span>}
        {state.page < pages ? <Link className={cls} href={link(pages)}>Last</Link> : <span className={off}>Last</span>}
      </div>
    </nav>
  );
}
