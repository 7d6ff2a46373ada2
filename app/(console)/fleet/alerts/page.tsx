import type { Metadata } from "next";
import Link from "next/link";
import { AlertNotifier } from "@/components/fleet/alert-notifier";
import { ClearedAlertsCard, OpenAlertsCard } from "@/components/fleet/alert-lists";
import { minutesText } from "@/lib/duration-text";
import { dealerPage } from "@/components/page/dealer-page";
import { buttonClasses } from "@/components/ui";
import type { DealerBound } from "@/lib/auth/require";
import { readFleetAlerts } from "@/lib/fleet/alerts-read";
import { offlineThresholdMin } from "@/lib/fleet/settings";
import { hasRole } from "@/lib/roles";

export const metadata = { title: "Offline alerts" } satisfies Metadata;

export default async function FleetAlertsPage() {
  return dealerPage(
    "viewer",
    ({ user, dealer }) => ({
      title: metadata.title,
      breadcrumbs: [{ label: "Fleet health", href: "/fleet" }, { label: "Alerts" }],
      actions:
        hasRole(user.role, "admin") && dealer ? (
          <Link href="/fleet/settings" className={buttonClasses("secondary")}>
            Threshold and email
          </Link>
        ) : null,
    }),
    (scope) => <FleetAlerts {...scope} />,
  );
}

async function FleetAlerts({ dealer }: DealerBound) {
  const now = new Date();
  const [{ open, cleared }, threshold] = await Promise.all([
    readFleetAlerts(dealer.id, now),
    offlineThresholdMin(dealer.id),
  ]);
  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        A device offline longer than {minutesText(threshold)} raises one alert per offline spell; it clears when the
        device is back. Checked every minute.
      </p>
      <div className="mb-6">
        <AlertNotifier open={open.map((a) => ({ id: a.id, deviceName: a.deviceName, siteName: a.siteName }))} />
      </div>
      <OpenAlertsCard open={open} now={now} />
      <ClearedAlertsCard cleared={cleared} now={now} />
    </>
  );
}
