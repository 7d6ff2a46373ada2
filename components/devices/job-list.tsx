import Link from "next/link";
import { Badge, DataTable, UtcTime, type BadgeTone } from "@/components/ui";
import type { listSiteJobs } from "@/lib/bulk/jobs";

/** A row as listSiteJobs reads it. */
type JobRow = Awaited<ReturnType<typeof listSiteJobs>>[number];

type JobState = JobRow["state"];
// Here rather than in the job page's client view, so server pages read them as values.
export const JOB_STATE_TONE: Record<JobState, BadgeTone> = {
  queued: "neutral",
  running: "info",
  done: "success",
  failed: "danger",
  cancelled: "warning",
};
/** A job's state on its badge, capitalised as the console's other badges ("Active", "Connected"). */
export const JOB_STATE_LABEL: Record<JobState, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};
export const JOB_KIND_LABEL = { create: "Provision", update: "Update", delete: "Delete" } as const;

/** A site's bulk jobs, newest first, on the one DataTable; each row opens the job's page. */
export function JobList({ siteId, jobs }: { siteId: number; jobs: JobRow[] }) {
  return (
    <DataTable<JobRow>
      caption="Device jobs"
      rows={jobs}
      rowKey={(j) => j.id}
      columns={[
        {
          key: "started",
          header: "Started",
          card: "title",
          cell: (j) => (
            <Link
              href={`/sites/${siteId}/devices/jobs/${j.id}`}
              className="text-indigo-700 underline-offset-2 hover:underline"
            >
              <UtcTime at={j.createdAt} />
            </Link>
          ),
        },
        { key: "kind", header: "Kind", cell: (j) => JOB_KIND_LABEL[j.kind] },
        {
          key: "state",
          header: "State",
          cell: (j) => <Badge tone={JOB_STATE_TONE[j.state]}>{JOB_STATE_LABEL[j.state]}</Badge>,
        },
        { key: "total", header: "Devices", className: "md:text-right tabular-nums", cell: (j) => j.total },
        {
          key: "ok",
          header: "Succeeded",
          className: "md:text-right tabular-nums text-emerald-700",
          cell: (j) => j.succeeded,
        },
        {
          key: "failed",
          header: "Failed",
          className: "md:text-right tabular-nums",
          // A zero stays plain (not a red alarm), but is written: a blank read as "not known" on a phone card.
          cell: (j) => (j.failed > 0 ? <span className="text-red-700">{j.failed}</span> : 0),
        },
        { key: "by", header: "By", className: "text-slate-600", cell: (j) => j.createdByEmail ?? "—" },
      ]}
    />
  );
}
