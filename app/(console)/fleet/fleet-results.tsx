// Everything /fleet shows below its header — the counts by status, the filters (the dealer's
// firmware versions, its offline threshold) and the page of devices — from the mirror only
// (device.* webhooks, CHeKT's answers and the sweep keep it): no CHeKT call. Streamed after the
// header (app/(console)/fleet/page.tsx), so the first bytes never wait on these queries.
import Link from "next/link";
import { Activity } from "lucide-react";
import { FleetFilters } from "@/components/fleet/fleet-filters";
import { FleetTable } from "@/components/fleet/fleet-table";
import { minutesText } from "@/lib/duration-text";
import { EmptyState, ListPager, buttonClasses, textLinkClass, cn } from "@/components/ui";
import { fleetList, isFiltered, type FleetListState } from "@/lib/fleet/list-state";
import { fleetFirmwares, fleetPage } from "@/lib/fleet/read";
import { offlineThresholdMin } from "@/lib/fleet/settings";
import { countText } from "@/lib/count-text";

const chip = "rounded-md px-3 py-1.5 font-medium ring-1 ring-inset";
const STATUS_CHIPS = [
  { status: "offline", tone: "bg-red-50 text-red-800 ring-red-200" },
  { status: "online", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  { status: "unknown", tone: "bg-slate-50 text-slate-800 ring-slate-200" },
] as const;

export async function FleetResults({ dealerLinkId, state }: { dealerLinkId: string; state: FleetListState }) {
  const now = new Date();
  const [page, firmwares, threshold] = await Promise.all([
    fleetPage(dealerLinkId, state, now),
    fleetFirmwares(dealerLinkId),
    offlineThresholdMin(dealerLinkId),
  ]);
  const c = page.counts;
  const byStatus = (status: FleetListState["status"]) => fleetList.href(state, { status, offlineFor: null });

  return (
    <>
      <section aria-label="Devices by status" className="mb-4 flex flex-wrap gap-2 text-sm">
        {STATUS_CHIPS.map(({ status, tone }) => (
          <Link
            key={status}
            href={byStatus(status)}
            className={`${chip} ${tone}`}
            data-testid={`fleet-count-${status}`}
          >
            {countText(c[status])} {status}
          </Link>
        ))}
        <Link
          href={fleetList.href(state, { status: "", offlineFor: threshold })}
          className={cn("rounded-md px-3 py-1.5 font-medium", textLinkClass)}
        >
          Offline longer than {minutesText(threshold)}
        </Link>
      </section>
      <FleetFilters state={state} firmwares={firmwares} thresholdMin={threshold} />
      <p className="mb-3 text-xs text-slate-600">
        &ldquo;Unknown&rdquo;: CHeKT has not reported this device&apos;s status yet, or reported one other than online
        or offline. Last seen is the last time we know the device was connected: when we last checked CHeKT and it
        showed the device online, or when the device last reported coming online or a firmware update.
      </p>
      {page.rows.length === 0 ? (
        <EmptyState
          icon={<Activity className="h-8 w-8" />}
          title={
            isFiltered(state)
              ? "No device matches these filters"
              : state.page > 1
                ? "This page is past the last device"
                : "No devices yet"
          }
          description={
            isFiltered(state) ? "Change or clear the filters." : "Devices added to this dealer's sites show here."
          }
          action={
            isFiltered(state) || state.page > 1 ? (
              <Link href="/fleet" className={buttonClasses("secondary")}>
                Show all devices
              </Link>
            ) : null
          }
        />
      ) : (
        <>
          <FleetTable rows={page.rows} now={now} />
          <ListPager list={fleetList} state={state} of={page} per={state.per} />
        </>
      )}
    </>
  );
}
