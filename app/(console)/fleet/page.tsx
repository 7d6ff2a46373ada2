import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Bell } from "lucide-react";
import { dealerPage } from "@/components/page/dealer-page";
import { ListLoading } from "@/components/shell/list-loading";
import { buttonClasses } from "@/components/ui";
import { fleetList } from "@/lib/fleet/list-state";
import { prisma } from "@/lib/db";
import { hasRole } from "@/lib/roles";
import { FleetResults } from "./fleet-results";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Fleet health" } satisfies Metadata;

/** "Alerts (3)": the count of open alerts, streamed into the header's link. */
async function OpenAlertsCount({ dealerLinkId }: { dealerLinkId: string }) {
  const open = await prisma.fleetAlert.count({ where: { dealerLinkId, clearedAt: null } });
  return open ? ` (${open})` : null;
}

export default async function FleetPage({ searchParams }: SearchParamsProps) {
  return dealerPage(
    "viewer",
    ({ user, dealer }) => ({
      title: metadata.title,
      description:
        "Every camera and bridge of this dealer: online or offline, last seen and firmware, from this " +
        "console's copy of CHeKT.",
      actions: dealer ? (
        <>
          <Link href="/fleet/alerts" className={buttonClasses("secondary")}>
            <Bell className="h-4 w-4" aria-hidden="true" /> Alerts
            <Suspense fallback={null}>
              <OpenAlertsCount dealerLinkId={dealer.id} />
            </Suspense>
          </Link>
          {hasRole(user.role, "admin") ? (
            <Link href="/fleet/settings" className={buttonClasses("ghost")}>
              Settings
            </Link>
          ) : null}
        </>
      ) : null,
    }),
    // The header goes out at once; the counts, filters and table (their queries over every device
    // of the dealer) stream in behind it (fleet-results.tsx).
    async ({ dealer }) => (
      <Suspense fallback={<ListLoading label="Loading devices…" />}>
        <FleetResults dealerLinkId={dealer.id} state={fleetList.parse(await searchParams)} />
      </Suspense>
    ),
  );
}
