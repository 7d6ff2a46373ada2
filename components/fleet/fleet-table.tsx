import Link from "next/link";
import { DataTable, UtcTime, rowLinkClass } from "@/components/ui";
import type { FleetRow } from "@/lib/fleet/read";
import { ago, duration } from "@/lib/duration-text";
import { DeviceStatusBadge } from "./status-badge";
import { SiteLink } from "@/components/sites/site-link";

function since(row: FleetRow, now: Date): string {
  if (row.status === "unknown") return "No report yet";
  if (!row.statusAt) return "For how long: unknown";
  return `${row.status === "online" ? "Online" : "Offline"} for ${duration(row.statusAt, now)}`;
}

/**
 * On a laptop a long site name (a 110-character one took five lines) keeps a row to two: two lines of 14rem, cut
 * with an ellipsis. The whole name stays the link's text (a screen reader's, a search's), shows in full while the
 * link has focus (Tab reaches every row's), and heads the site's page the link opens. A phone card shows it whole.
 */
const SITE_NAME_FIT = "md:line-clamp-2 md:max-w-56 md:focus:line-clamp-none";

/**
 * The devices on the one DataTable (a card per device below 768 px, every field still shown).
 * `now` is the server's, so "3 h ago" is the same in both layouts.
 */
export function FleetTable({ rows, now }: { rows: FleetRow[]; now: Date }) {
  return (
    <DataTable
      caption="Devices, longest offline first"
      testId="fleet-table"
      rows={rows}
      rowKey={(r) => r.deviceId}
      rowAttrs={(r) => ({ "data-testid": "fleet-row", "data-device-id": r.deviceId })}
      columns={[
        {
          key: "device",
          header: "Device",
          card: "title",
          className: "font-medium text-slate-900",
          cell: (r) => (
            <Link href={`/sites/${r.siteId}/devices`} className={rowLinkClass}>
              {r.name}
            </Link>
          ),
        },
        {
          key: "status",
          header: "Status",
          cell: (r) => (
            <>
              <DeviceStatusBadge status={r.status} />{" "}
              <span className="ml-1 whitespace-nowrap text-xs text-slate-600">{since(r, now)}</span>
            </>
          ),
        },
        {
          key: "seen",
          header: "Last seen",
          className: "whitespace-nowrap text-slate-700",
          // The exact instant is written under "3 h ago", not left to a tooltip a touch or keyboard user never sees.
          cell: (r) =>
            r.lastSeenAt ? (
              <>
                {ago(r.lastSeenAt, now)}
                <span className="block text-xs text-slate-500" data-testid="last-seen-at">
                  <UtcTime at={r.lastSeenAt} />
                </span>
              </>
            ) : (
              "Never"
            ),
        },
        { key: "firmware", header: "Firmware", className: "text-slate-700", cell: (r) => r.firmware ?? "—" },
        { key: "type", header: "Type", className: "capitalize text-slate-700", cell: (r) => r.deviceType },
        {
          key: "site",
          header: "Site",
          className: "md:min-w-44",
          cell: (r) => <SiteLink siteId={r.siteId} name={r.siteName} className={SITE_NAME_FIT} />,
        },
      ]}
    />
  );
}
