import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowRight, Layers, MapPin, RadioTower, ShieldAlert } from "lucide-react";
import { countText } from "@/lib/count-text";
import { IN_PROGRESS_JOBS_HREF } from "@/lib/bulk/jobs-list-state";
import type { LocalCounts } from "./local-counts";
import type { MirrorCounts } from "./mirror-counts";

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

/** The four numbers at the top of the dashboard, each a link to the page that lists them. */
export function OverviewStats({ counts, local }: { counts: MirrorCounts; local: LocalCounts }) {
  const stats = [
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
      href: IN_PROGRESS_JOBS_HREF,
      Icon: Layers,
      testId: "count-bulk-jobs",
    },
  ];
  return (
    <section aria-label="Overview" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {stats.map(({ Icon, ...stat }) => (
        <Stat key={stat.testId} {...stat} icon={<Icon className="h-5 w-5" />} />
      ))}
    </section>
  );
}
