import type { Metadata } from "next";
import Link from "next/link";
import { Activity, Bell } from "lucide-react";
import { FleetFilters } from "@/components/fleet/fleet-filters";
import { FleetPager, FleetTable } from "@/components/fleet/fleet-table";
import { minutesText } from "@/components/fleet/format";
import { NoDealerState } from "@/components/shell/no-dealer";
import { EmptyState, PageHeader, buttonClasses } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { fleetListSearch, isFiltered, parseFleetListState } from "@/lib/fleet/list-state";
import { fleetFirmwares, fleetPage } from "@/lib/fleet/read";
import { offlineThresholdMin } from "@/lib/fleet/settings";
import { prisma } from "@/lib/db";
import { hasRole } from "@/lib/roles";

export const metadata: Metadata = { title: "Fleet health" };

export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, dealer } = await requirePageScope("viewer");
  const openAlerts = dealer ? await prisma.fleetAlert.count({ where: { dealerLinkId: dealer.id, clearedAt: null } }) : 0;
  const header = (
    <PageHeader
      title="Fleet health"
      description="Every camera and bridge of this dealer: online or offline, last seen and firmware, from this console's copy of CHeKT."
      actions={
        dealer ? (
          <>
            <Link href="/fleet/alerts" className={buttonClasses("secondary")}>
              <Bell className="h-4 w-4" aria-hidden="true" /> Alerts{openAlerts ? ` (${openAlerts})` : ""}
            </Link>
            {hasRole(user.role, "admin") ? <Link href="/fleet/settings" className={buttonClasses("ghost")}>Settings</Link> : null}
          </>
        ) : null
      }
    />
  );
  if (!dealer) return (<>{header}<NoDealerState /></>);

  const state = parseFleetListState(await searchParams);
  const now = new Date();
  // The mirror only (device.* webhooks, CHeKT's answers and the sweep keep it): no CHeKT call.
  const [page, firmwares, threshold] = await Promise.all([fleetPage(dealer.id, state, now), fleetFirmwares(dealer.id), offlineThresholdMin(dealer.id)]);
  const c = page.counts;

  return (
    <>
      {header}
      <section aria-label="Devices by status" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={`/fleet${fleetListSearch(state, { status: "offline", offlineFor: undefined })}`} className="rounded-md bg-red-50 px-3 py-1.5 font-medium text-red-800 ring-1 ring-inset ring-red-200" data-testid="fleet-count-offline">
          {c.offline.toLocaleString("en-US")} offline
        </Link>
        <Link href={`/fleet${fleetListSearch(state, { status: "online", offlineFor: undefined })}`} className="rounded-md bg-emerald-50 px-3 py-1.5 font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200" data-testid="fleet-count-online">
          {c.online.toLocaleString("en-US")} online
        </Link>
        <Link href={`/fleet${fleetListSearch(state, { status: "unknown", offlineFor: undefined })}`} className="rounded-md bg-slate-50 px-3 py-1.5 font-medium text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="fleet-count-unknown">
          {c.unknown.toLocaleString("en-US")} unknown
        </Link>
        <Link href={`/fleet${fleetListSearch(state, { status: "", offlineFor: threshold })}`} className="rounded-md px-3 py-1.5 font-medium text-indigo-700 underline">
          Offline longer than {minutesText(threshold)}
        </Link>
      </section>
      <FleetFilters state={state} firmwares={firmwares} thresholdMin={threshold} />
      <p className="mb-3 text-xs text-slate-600">
        &ldquo;Unknown&rdquo;: CHeKT has not reported this device&apos;s status yet. Last seen is the newest online or firmware report.
      </p>
      {page.rows.length === 0 ? (
        <EmptyState
          icon={<Activity className="h-8 w-8" />}
          title={isFiltered(state) ? "No device matches these filters" : state.page > 1 ? "This page is past the last device" : "No devices yet"}
          description={isFiltered(state) ? "Change or clear the filters." : "Devices added to this dealer's sites show here."}
          action={isFiltered(state) || state.page > 1 ? <Link href="/fleet" className={buttonClasses("secondary")}>Show all devices</Link> : null}
        />
      ) : (
        <>
          <FleetTable rows={page.rows} now={now} />
          <FleetPager state={state} total={page.total} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
