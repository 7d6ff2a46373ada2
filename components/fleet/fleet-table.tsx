import Link from "next/link";
import { fleetListSearch, type FleetListState } from "@/lib/fleet/list-state";
import type { FleetRow } from "@/lib/fleet/read";
import { ago } from "./format";
import { DeviceStatusBadge } from "./status-badge";

function since(row: FleetRow, now: Date): string {
  if (row.status === "unknown") return "No report yet";
  return row.statusAt ? `${row.status === "online" ? "Online" : "Offline"} for ${ago(row.statusAt, now).replace(" ago", "")}` : "For how long: unknown";
}

function SiteLink({ row }: { row: FleetRow }) {
  return (
    <Link href={`/sites/${row.siteId}`} className="text-indigo-700 underline hover:text-indigo-900">
      {row.siteName ?? `Site #${row.siteId}`}
    </Link>
  );
}

/**
 * The devices: a table from 768 px up, a card per device below (every field still shown).
 * `now` is the server's, so "3 h ago" is the same in both layouts.
 */
export function FleetTable({ rows, now }: { rows: FleetRow[]; now: Date }) {
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="fleet-table">
          <caption className="sr-only">Devices, longest offline first</caption>
          <thead className="bg-slate-50">
            <tr>
              {["Device", "Status", "Last seen", "Firmware", "Type", "Site"].map((h) => (
                <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.deviceId} data-testid="fleet-row" data-device-id={r.deviceId}>
                <td className="px-4 py-2.5 font-medium text-slate-900">
                  <Link href={`/sites/${r.siteId}/devices`} className="text-indigo-700 underline hover:text-indigo-900">
                    {r.name}
                  </Link>
                </td>
                <td className="px-4 py-2.5">
                  <DeviceStatusBadge status={r.status} /> <span className="ml-1 whitespace-nowrap text-xs text-slate-600">{since(r, now)}</span>
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-700" title={r.lastSeenAt?.toISOString()}>
                  {r.lastSeenAt ? ago(r.lastSeenAt, now) : "Never"}
                </td>
                <td className="px-4 py-2.5 text-slate-700">{r.firmware ?? "—"}</td>
                <td className="px-4 py-2.5 capitalize text-slate-700">{r.deviceType}</td>
                <td className="px-4 py-2.5">
                  <SiteLink row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden" data-testid="fleet-cards">
        {rows.map((r) => (
          <li key={r.deviceId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="fleet-card">
            <div className="flex items-start justify-between gap-3">
              <Link href={`/sites/${r.siteId}/devices`} className="min-w-0 break-words font-medium text-indigo-700 underline">
                {r.name}
              </Link>
              <DeviceStatusBadge status={r.status} />
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">Status</dt>
              <dd className="text-slate-800">{since(r, now)}</dd>
              <dt className="text-slate-500">Last seen</dt>
              <dd className="text-slate-800">{r.lastSeenAt ? ago(r.lastSeenAt, now) : "Never"}</dd>
              <dt className="text-slate-500">Firmware</dt>
              <dd className="text-slate-800">{r.firmware ?? "—"}</dd>
              <dt className="text-slate-500">Type</dt>
              <dd className="capitalize text-slate-800">{r.deviceType}</dd>
              <dt className="text-slate-500">Site</dt>
              <dd className="min-w-0 break-words">
                <SiteLink row={r} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

export function FleetPager({ state, total, shown }: { state: FleetListState; total: number; shown: number }) {
  const pages = Math.max(1, Math.ceil(total / state.per));
  const from = total === 0 ? 0 : (state.page - 1) * state.per + 1;
  const to = (state.page - 1) * state.per + shown;
  const cls = "inline-flex min-h-[32px] items-center rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 bg-white hover:bg-slate-50";
  const off = "inline-flex min-h-[32px] items-center rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-200 text-slate-500";
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="fleet-range">
        Showing {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
      </p>
      <div className="flex gap-2">
        {state.page > 1 ? <Link className={cls} href={`/fleet${fleetListSearch(state, { page: state.page - 1 })}`}>Previous</Link> : <span className={off} aria-disabled="true">Previous</span>}
        {state.page < pages ? <Link className={cls} href={`/fleet${fleetListSearch(state, { page: state.page + 1 })}`}>Next</Link> : <span className={off} aria-disabled="true">Next</span>}
      </div>
    </nav>
  );
}
