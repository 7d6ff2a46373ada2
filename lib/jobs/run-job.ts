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
    const { db, lock, signal, sleep, log, keyLifetimeMs, maxUnknownAttempts } = deps;
    return runSiteImportJob(jobId, {
      db,
      api: deps.siteApi,
      lock,
      signal,
      sleep,
      log,
      keyLifetimeMs,
      maxUnknownAttempts,
      concurrency: deps.importConcurrency,
    });
  }
  return runBulkJob(jobId, deps);
}
