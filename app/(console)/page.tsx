import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowRight, CheckCircle2, Layers, MapPin, RadioTower, ShieldAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Freshness } from "@/components/mirror/freshness";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { freshnessFor } from "@/lib/mirror/view";
import { getMirrorCounts } from "./_dashboard/mirror-counts";
import { getLocalCounts } from "./_dashboard/local-counts";
import { ReadinessSummaryCard } from "@/components/sites/readiness-summary";
import { readinessSummary } from "@/lib/readiness/query";
import { countText } from "@/lib/count-text";

export const metadata = { title: "Dashboard" } satisfies Metadata;

function Stat({
  label,
  value,
  href,
  icon,
  testId,
}: {
  label: string;
  value: number | null;
  href: string;
  icon: ReactNode;
  testId: string;
}) {
  return (
    <Link
      href={href}
      className={
        "group flex items-start gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition " +
        "hover:border-indigo-300 hover:shadow"
      }
    >
      <span
        className="flex h-11 w-11 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600"
        aria-hidden="true"
      >
        {icon}
      </span>
      {/* The number first: labels of different lengths wrap differently, the numbers stay in one line. */}
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="order-2 text-sm text-slate-600">{label}</span>
        <span className="order-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
          {value === null ? "—" : countText(value)}
        </span>
      </span>
      <ArrowRight
        className="h-4 w-4 text-slate-400 transition group-hover:translate-x-0.5 group-hover:text-indigo-600"
        aria-hidden="true"
      />
    </Link>
  );
}

function minutesLeft(at: Date): number {
  return Math.max(0, Math.ceil((at.getTime() - Date.now()) / 60_000));
}

export default async function DashboardPage() {
  const { user, dealer } = await requirePageScope("viewer");
  if (!dealer) {
    return (
      <>
        <PageHeader title={metadata.title} />
        <NoDealerState />
      </>
    );
  }

  // Counts from the mirror: the dashboard makes no CHeKT call, so it renders while CHeKT is down.
  const [counts, local, readiness] = await Promise.all([
    getMirrorCounts(dealer.id),
    getLocalCounts(dealer.id),
    readinessSummary(dealer.id),
  ]);
  const fresh = freshnessFor(
    dealer.id,
    [{ kind: "stations" }, { kind: "sites" }],
    counts.sweptAt ? { confirmedAt: counts.sweptAt } : null,
    new Date(),
    { revalidate: false },
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="dealer-name">{dealer.companyName}</span>}
        description={
          `Welcome back, ${user.name}. CHeKT dealer #${dealer.chektDealerId} · external id ` +
          `${dealer.externalDealerId}`
        }
      />
      <SyncProgress dealerLinkId={dealer.id} className="mb-6" />
      <section aria-label="Overview" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {[
          { label: "Sites", value: counts.sites, href: "/sites", Icon: MapPin, testId: "count-sites" },
          {
            label: "Monitoring stations",
            value: counts.stations,
            href: "/stations",
            Icon: RadioTower,
            testId: "count-stations",
          },
          {
            label: "Open verifications",
            value: local.openVerifications,
            href: "/verifications",
            Icon: ShieldAlert,
            testId: "count-verifications",
          },
          {
            label: "Bulk jobs in progress",
            value: local.activeBulkJobs,
            href: "/sites",
            Icon: Layers,
            testId: "count-bulk-jobs",
          },
        ].map(({ Icon, ...stat }) => (
          <Stat key={stat.testId} {...stat} icon={<Icon className="h-5 w-5" />} />
        ))}
      </section>
      <p className="mt-3 text-xs text-slate-500">
        Sites and monitoring stations are counted in this console&apos;s copy of CHeKT (kept current by a background
        sync); open verifications and bulk jobs come from its own records.
      </p>
      <Freshness {...fresh} className="mt-1" />
      <div className="mt-8 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card
          title="Waiting for an answer"
          description="Alarm verifications that expire soonest"
          actions={
            <Link href="/verifications" className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
              Open the queue
            </Link>
          }
          flush
        >
          {local.waiting.length === 0 ? (
            <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-600">
              <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" /> No alarm is waiting for an
              answer.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {local.waiting.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">
                      {v.description || "Alarm verification"}
                    </span>
                    <span className="block text-xs text-slate-500">
                      Site {v.siteId} · expires in {minutesLeft(v.expiresAt)} min
                    </span>
                  </span>
                  {v.state === "claimed" ? (
                    <Badge tone="info">Claimed by {v.claimedByName ?? "someone"}</Badge>
                  ) : (
                    <Badge tone="warning">Waiting</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <ReadinessSummaryCard summary={readiness} />
        <Card title="Quick links">
          <ul className="grid gap-2 text-sm sm:grid-cols-2">
            {[
              { href: "/verifications", label: "Answer alarm verifications" },
              { href: "/sites", label: "Find or add a site" },
              { href: "/fleet", label: "Fleet health" },
              { href: "/stations", label: "Monitoring stations" },
              { href: "/dealer", label: "Dealer profile" },
            ].map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className={
                    "inline-flex items-center gap-1 rounded font-medium text-indigo-700 " +
                    "hover:text-indigo-900 hover:underline"
                  }
                >
                  {l.label} <ArrowRight className="h-3.5 w-3.5" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
