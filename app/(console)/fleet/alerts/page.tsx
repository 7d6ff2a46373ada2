import type { Metadata } from "next";
import Link from "next/link";
import { BellOff } from "lucide-react";
import { AlertNotifier } from "@/components/fleet/alert-notifier";
import { ago, minutesText } from "@/components/fleet/format";
import { dealerPage } from "@/components/page/dealer-page";
import { Badge, Card, EmptyState, UtcTime, buttonClasses } from "@/components/ui";
import type { DealerBound } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
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
  const [alerts, threshold] = await Promise.all([
    prisma.fleetAlert.findMany({
      where: {
        dealerLinkId: dealer.id,
        OR: [{ clearedAt: null }, { clearedAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } }],
      },
      orderBy: [{ raisedAt: "desc" }],
      take: 200,
    }),
    offlineThresholdMin(dealer.id),
  ]);
  const sites = new Map(
    (
      await prisma.mirrorSite.findMany({
        where: { dealerLinkId: dealer.id, chektId: { in: [...new Set(alerts.map((a) => a.siteId))] } },
        select: { chektId: true, name: true },
      })
    ).map((s) => [s.chektId, s.name]),
  );
  const open = alerts.filter((a) => !a.clearedAt);
  const cleared = alerts.filter((a) => a.clearedAt);
  const siteName = (id: number) => sites.get(id) ?? `Site #${id}`;
  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        A device offline longer than {minutesText(threshold)} raises one alert per offline spell; it clears when the
        device is back. Checked every minute.
      </p>
      <div className="mb-6">
        <AlertNotifier open={open.map((a) => ({ id: a.id, deviceName: a.deviceName, siteName: siteName(a.siteId) }))} />
      </div>
      <Card title={`Open (${open.length})`} flush>
        {open.length === 0 ? (
          <EmptyState
            icon={<BellOff className="h-8 w-8" />}
            title="No device is offline too long"
            description="Open alerts show here."
          />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="open-alerts">
            {open.map((a) => (
              <li
                key={a.id}
                className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm"
                data-testid="open-alert"
              >
                <span className="min-w-0">
                  <Link href={`/fleet?site=${a.siteId}`} className="font-medium text-indigo-700 underline">
                    {a.deviceName}
                  </Link>
                  <span className="text-slate-600">
                    {" "}
                    at {siteName(a.siteId)} · offline {ago(a.offlineSince, now)}
                  </span>
                </span>
                <span className="flex gap-2">
                  <Badge tone="danger">Offline</Badge>
                  {a.emailedAt ? (
                    <Badge tone="info">Mailed</Badge>
                  ) : a.emailError ? (
                    <Badge tone="warning">Mail failed: {a.emailError.slice(0, 60)}</Badge>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {cleared.length ? (
        <Card title="Cleared in the last 7 days" className="mt-6" flush>
          <ul className="divide-y divide-slate-100">
            {cleared.map((a) => (
              <li key={a.id} className="px-5 py-3 text-sm text-slate-700">
                {a.deviceName} at {siteName(a.siteId)} · offline from <UtcTime at={a.offlineSince} />, cleared{" "}
                {a.clearedAt ? ago(a.clearedAt, now) : ""}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
