import Link from "next/link";
import { SiteLink } from "@/components/sites/site-link";
import { Badge, DataTable, UtcTime, fieldColumn, type BadgeTone, rowLinkClass } from "@/components/ui";
import type { JobState } from "@/lib/bulk/job-states";
import type { JobRow } from "@/lib/bulk/jobs-read";

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
/** The jobs lists' Type filter and a row's site when it is a site import. */
export const JOB_ENTITY_LABEL = { devices: "Device jobs", sites: "Site imports" } as const;

/** The page of a job: a device job's under its site, a site import's under the import. */
export function jobHref(job: Pick<JobRow, "id" | "entity" | "chektSiteId">): string {
  return job.entity === "sites" ? `/sites/import/jobs/${job.id}` : `/sites/${job.chektSiteId}/devices/jobs/${job.id}`;
}

/** Where the job worked: its site, or "Site import" (an import made many sites, so no one page to open). */
function SiteOf({ job }: { job: JobRow }) {
  return job.entity === "sites" ? "Site import" : <SiteLink siteId={job.chektSiteId} name={job.siteName} />;
}

/**
 * Bulk jobs, newest first, on the one DataTable; each row opens its job's page. `acrossSites` (the
 * dealer's list): a Site column, and site imports beside the device jobs. On a phone each row is a
 * card titled by when the job started.
 */
export function JobList({ jobs, acrossSites = false }: { jobs: JobRow[]; acrossSites?: boolean }) {
  return (
    <DataTable<JobRow>
      caption={acrossSites ? "Bulk jobs" : "Device jobs"}
      rows={jobs}
      rowAttrs={(j) => ({ "data-testid": "job-row", "data-job-id": j.id })}
      columns={[
        {
          key: "started",
          header: "Started",
          card: "title",
          cell: (j) => (
            <Link href={jobHref(j)} className={rowLinkClass}>
              <UtcTime at={j.createdAt} />
            </Link>
          ),
        },
        ...(acrossSites ? [{ key: "site", header: "Site", cell: (j: JobRow) => <SiteOf job={j} /> }] : []),
        { key: "kind", header: "Kind", cell: (j) => (j.entity === "sites" ? "Import" : JOB_KIND_LABEL[j.kind]) },
        {
          key: "state",
          header: "State",
          cell: (j) => <Badge tone={JOB_STATE_TONE[j.state]}>{JOB_STATE_LABEL[j.state]}</Badge>,
        },
        // A site import's rows are sites, so the dealer's list counts "items".
        fieldColumn("total", acrossSites ? "Items" : "Devices", "md:text-right tabular-nums"),
        fieldColumn("succeeded", "Succeeded", "md:text-right tabular-nums text-emerald-700"),
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
