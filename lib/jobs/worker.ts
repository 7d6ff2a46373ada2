// The Postgres-backed queue (pg-boss) that runs bulk jobs outside any request. A job row in
// bulk_jobs is the truth; the queue only says "run this job now". At start, and every minute, the
// worker re-queues every job that is queued or running, so a crash or a lost queue entry
// only delays a job, never drops it.
import type PgBoss from "pg-boss";
import { startBoss } from "./boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RunAborted } from "./bulk-runner";
import { runAnyBulkJob, type AnyJobDeps } from "./run-job";
import { advisoryLock } from "./lock";
import { errorText } from "@/lib/error-text";
import { IN_PROGRESS_STATES } from "@/lib/bulk/job-states";

export const BULK_QUEUE = "bulk-devices";
const SWEEP_QUEUE = "bulk-devices-sweep";

export type BulkWorkerOptions = {
  connectionString: string;
  deps: Omit<AnyJobDeps, "signal" | "lock">;
  /** pg-boss schema; tests give each run its own database instead. */
  schema?: string;
  pollingIntervalSeconds?: number;
  log?: (message: string) => void;
};

export type BulkWorker = {
  boss: PgBoss;
  enqueue(jobId: string): Promise<void>;
  /** Queues every job that is not finished; returns how many. */
  resume(): Promise<number>;
  /** Stops taking work and aborts running jobs where they are (as a crash would). */
  stop(): Promise<void>;
};

export async function enqueueBulkJob(boss: PgBoss, jobId: string) {
  // The singleton key keeps one queued copy per job; a second copy would find the lock held anyway.
  await boss.send(
    BULK_QUEUE,
    { jobId },
    { singletonKey: jobId, retryLimit: 1000, retryDelay: 10, retryBackoff: true, expireInSeconds: 6 * 3600 },
  );
}

/** The bulk queues; a process that only sends creates them too, so a job sent before any worker ran waits. */
export async function createBulkQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(BULK_QUEUE, {
    name: BULK_QUEUE,
    retryLimit: 1000,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 6 * 3600,
  });
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: "singleton" });
}

export async function resumeUnfinished(db: PrismaClient, boss: PgBoss): Promise<number> {
  const jobs = await db.bulkJob.findMany({
    where: { state: { in: [...IN_PROGRESS_STATES] } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const j of jobs) await enqueueBulkJob(boss, j.id);
  return jobs.length;
}

export async function startBulkWorker(opts: BulkWorkerOptions): Promise<BulkWorker> {
  const log = opts.log ?? (() => undefined);
  const boss = await startBoss({ ...opts, max: 4, log }, createBulkQueues);

  const abort = new AbortController();
  const lock = advisoryLock(opts.connectionString);
  const running = new Set<Promise<unknown>>();

  await boss.work<{ jobId: string }>(
    BULK_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
    async ([job]) => {
      const run = runAnyBulkJob(job.data.jobId, {
        ...opts.deps,
        lock,
        signal: abort.signal,
        log: (m) => log(`job ${job.data.jobId}: ${m}`),
      });
      running.add(run);
      try {
        const outcome = await run;
        log(`job ${job.data.jobId}: ${outcome}`);
      } catch (e) {
        if (e instanceof RunAborted) return; // stopping; the next start resumes it
        log(`job ${job.data.jobId}: ${errorText(e)} (will retry)`);
        throw e;
      } finally {
        running.delete(run);
      }
    },
  );
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    await resumeUnfinished(opts.deps.db, boss);
  });
  await boss.schedule(SWEEP_QUEUE, "* * * * *");
  const resumed = await resumeUnfinished(opts.deps.db, boss);
  if (resumed) log(`resuming ${resumed} unfinished bulk job(s)`);

  return {
    boss,
    enqueue: (jobId) => enqueueBulkJob(boss, jobId),
    resume: () => resumeUnfinished(opts.deps.db, boss),
    async stop() {
      abort.abort();
      await Promise.allSettled([...running]);
      await boss.stop({ graceful: false, wait: true, timeout: 5000 });
    },
  };
}
