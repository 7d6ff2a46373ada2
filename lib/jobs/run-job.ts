// The one entry the bulk queue calls: a job's entity picks its runner (devices: chunks of a site's
// devices, lib/jobs/bulk-runner.ts; sites: one row at a time with its contacts,
// lib/jobs/site-import-runner.ts). Both share the job tables, the queue, its sweep and the lock.
import type { SiteImportApi } from "@/lib/chekt/api/site-import";
import { runBulkJob, type RunnerDeps, type RunOutcome } from "./bulk-runner";
import { runSiteImportJob } from "./site-import-runner";

export type AnyJobDeps = RunnerDeps & { siteApi?: SiteImportApi; importConcurrency?: number };

export async function runAnyBulkJob(jobId: string, deps: AnyJobDeps): Promise<RunOutcome> {
  const job = await deps.db.bulkJob.findUnique({ where: { id: jobId }, select: { entity: true } });
  if (!job) return "missing";
  if (job.entity === "sites") {
    if (!deps.siteApi) throw new Error(`job ${jobId} imports sites, but this worker has no site import API`);
    // The run's own deps (RunDeps) pass through as they are; the device runner's API and chunk size
    // are ignored by the import runner, which takes the site API instead.
    return runSiteImportJob(jobId, { ...deps, api: deps.siteApi, concurrency: deps.importConcurrency });
  }
  return runBulkJob(jobId, deps);
}
