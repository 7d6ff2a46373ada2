import "server-only";
// Work that outlives a request: the queue workers and sweeps. Exactly the processes that should run
// them start them: `next start` itself while BACKGROUND_WORK=on (the default: one process does
// everything), or `npm run worker` (scripts/worker.ts) beside web instances started with
// BACKGROUND_WORK=off, which only send jobs to the queues (README, "Running in production").
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { errorText } from "@/lib/error-text";
import { prisma } from "@/lib/db";
import { appDeviceApi, appSiteImportApi } from "@/lib/chekt/api/device-client";
import { createBulkQueues, enqueueBulkJob, startBulkWorker, type BulkWorker } from "@/lib/jobs/worker";
import { createMirrorQueues, startSyncWorker, type SyncWorker } from "@/lib/jobs/sync-worker";
import { childrenPerRun } from "@/lib/mirror/sweep-progress";

/** `mirror` is null when its worker could not start (logged; the next process start tries again). */
export type Background = { bulk: BulkWorker; mirror: SyncWorker | null; stop(): Promise<void> };

const g = globalThis as unknown as { __chektBackground?: Promise<Background>; __chektSender?: Promise<PgBoss> };

function log(message: string) {
  console.log(`[background] ${message}`);
}

/** Whether this process runs the background work (or only serves and sends). */
export const runsBackgroundWork = () => env.BACKGROUND_WORK === "on";

/** Starts the queue workers; calling it again returns the same instance. Refused where BACKGROUND_WORK=off. */
export function startBackgroundWork(): Promise<Background> {
  if (!runsBackgroundWork()) return Promise.reject(new Error("BACKGROUND_WORK=off: the worker process runs it"));
  g.__chektBackground ??= (async () => {
    const stops: (() => Promise<void> | void)[] = [];
    const bulk = await startBulkWorker({
      connectionString: env.DATABASE_URL,
      deps: { db: prisma, api: appDeviceApi(), siteApi: appSiteImportApi(), maxBulk: env.CHEKT_MAX_BULK },
      log,
    });
    stops.push(() => bulk.stop());
    // A failure below is logged, not thrown: rethrowing would start a second bulk worker on the next call.
    // sweeps + stale refreshes (docs/mirror.md). A run's children are sized to the sync class's share over
    // one interval, and sweeps start an interval apart or back to back, never faster: a sweep spends about
    // that share, and each of its calls waits for the budget at the sync class, behind every other class.
    const mirror = await startSyncWorker({
      connectionString: env.DATABASE_URL,
      intervalS: env.MIRROR_SYNC_INTERVAL_S,
      childrenPerRun: childrenPerRun(env.CHEKT_BUDGET_PER_MIN, env.MIRROR_SYNC_INTERVAL_S, env.MIRROR_CHILDREN_PER_RUN),
      log: (m) => log(`mirror: ${m}`),
    }).catch((e) => (log(`mirror worker did not start: ${errorText(e)}`), null));
    if (mirror) stops.push(() => mirror.stop());
    const minutely = { connectionString: env.DATABASE_URL, pollingIntervalSeconds: env.MINUTELY_POLL_SECONDS };
    // Fleet offline alerts: a scan every minute (lib/jobs/fleet-alerts.ts, docs/fleet.md).
    const fleet = await (
      await import("@/lib/jobs/fleet-alerts")
    )
      .startFleetAlertWorker({ ...minutely, log: (m) => log(`fleet alerts: ${m}`) })
      .catch((e) => log(`fleet alert worker did not start: ${errorText(e)}`));
    if (fleet) stops.push(() => fleet.stop());
    // Desk annotations CHeKT did not take yet: a sweep every minute (lib/verifications/annotate-worker.ts).
    const annotations = await (
      await import("@/lib/verifications/annotate-worker")
    )
      .startAnnotationWorker({ ...minutely, log: (m) => log(`annotations: ${m}`) })
      .catch((e) => log(`annotation worker did not start: ${errorText(e)}`));
    if (annotations) stops.push(() => annotations.stop());
    // The webhook log's old rows: a bounded prune every minute (lib/jobs/webhook-retention.ts).
    const retention = await (
      await import("@/lib/jobs/webhook-retention")
    )
      .startWebhookRetentionWorker({ ...minutely, log: (m) => log(`webhook log: ${m}`) })
      .catch((e) => log(`webhook log retention did not start: ${errorText(e)}`));
    if (retention) stops.push(() => retention.stop());
    try {
      // webhooks: catch-up from /v1/events + expiry sweep
      const webhooks = (await import("@/lib/webhooks/background")).startWebhookBackground();
      stops.push(() => webhooks.stop());
    } catch (e) {
      log(`webhook background did not start: ${errorText(e)}`);
    }
    const stop = async () => {
      // Bulk jobs first: an aborted job stays "running" in bulk_jobs and the next start resumes it.
      for (const s of stops) await Promise.resolve(s()).catch((e) => log(`stopping: ${errorText(e)}`));
    };
    return { bulk, mirror, stop };
  })().catch((e) => {
    g.__chektBackground = undefined; // let a later call try again
    throw e;
  });
  return g.__chektBackground;
}

/**
 * A pg-boss that sends and never works, maintains or schedules: how a web-only instance hands jobs
 * to the worker process. It creates the queues too, so a job sent before any worker ran still waits.
 */
function sender(): Promise<PgBoss> {
  g.__chektSender ??= (async () => {
    const boss = new PgBoss({
      connectionString: env.DATABASE_URL,
      schema: "pgboss",
      max: 2,
      supervise: false,
      schedule: false,
    });
    boss.on("error", (e) => log(`pg-boss (send only): ${errorText(e)}`));
    await boss.start();
    await createBulkQueues(boss);
    await createMirrorQueues(boss);
    return boss;
  })().catch((e) => {
    g.__chektSender = undefined;
    throw e;
  });
  return g.__chektSender;
}

/** The pg-boss this process sends jobs through: the bulk worker's where work runs here, else a send-only one. */
export async function backgroundQueue(): Promise<PgBoss> {
  return runsBackgroundWork() ? (await startBackgroundWork()).bulk.boss : sender();
}

/** Stops whatever this process started (workers, or the send-only queue); for scripts/worker.ts and tests. */
export async function stopBackgroundWork(): Promise<void> {
  const [bg, send] = [g.__chektBackground, g.__chektSender];
  g.__chektBackground = g.__chektSender = undefined;
  await (await bg?.catch(() => undefined))?.stop();
  await (await send?.catch(() => undefined))?.stop({ graceful: false, wait: true });
}

/** Asks the worker to run a job now; if the queue is unreachable the minute sweep still finds it. */
export async function kickBulkJob(jobId: string): Promise<void> {
  try {
    await enqueueBulkJob(await backgroundQueue(), jobId);
  } catch (e) {
    log(`could not queue bulk job ${jobId} now (${errorText(e)}); the sweep will pick it up`);
  }
}
