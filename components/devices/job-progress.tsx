"use client";
// Live view of one bulk job: polls the progress route every second while the job runs, so it
// can be closed and reopened at any time. Failed rows can be fixed here and sent again alone.
// One view for every kind of bulk job: device jobs of a site and site imports (docs/import.md).
import { FailedRows } from "./failed-rows";
import type { Entity } from "./job-entity";
import { JobItemsTable } from "./job-items-table";
import { JobSummary } from "./job-summary";
import { isRunning, useJobProgress, type JobAnswer } from "./use-job-progress";

export function JobProgressView({
  siteId,
  jobId,
  initial,
  canEdit,
  entity = "devices",
}: {
  siteId: number;
  jobId: string;
  initial: JobAnswer;
  canEdit: boolean;
  entity?: Entity;
}) {
  const { job, items, error } = useJobProgress(jobId, initial);
  return (
    <div className="space-y-6" data-testid="job-view">
      <JobSummary job={job} entity={entity} error={error} />
      <FailedRows siteId={siteId} entity={entity} job={job} items={items} canEdit={canEdit && !isRunning(job.state)} />
      <JobItemsTable items={items} kind={job.kind} entity={entity} siteId={siteId} />
    </div>
  );
}
