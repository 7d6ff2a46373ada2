import "server-only";
// Work that outlives a request, started once per Node process from instrumentation.ts.
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { appDeviceApi, appSiteImportApi } from "@/lib/chekt/api/device-client";
import { enqueueBulkJob, startBulkWorker, type BulkWorker } from "@/lib/jobs/worker";
import { startSyncWorker, type SyncWorker } from "@/lib/jobs/sync-worker";

/** `mirror` is null when its worker could not start (logged; the next process start tries again). */
export type Background = { bulk: BulkWorker; mirror: SyncWorker | null };

const g = globalThis as unknown as { __chektBackground?: Promise<Background> };

function log(message: string) {
  console.log(`[background] ${message}`);
}

/** Starts the queue workers; calling it again returns the same instance. */
export function startBackgroundWork(): Promise<Background> {
  g.__chektBackground ??= (async () => {
    const bulk = await startBulkWorker({
      connectionString: env.DATABASE_URL,
      deps: { db: prisma, api: appDeviceApi(), siteApi: appSiteImportApi(), maxBulk: env.CHEKT_MAX_BULK },
      log,
    });
    // sweeps + stale refreshes (docs/mirror.md)
    const mirror = await startSyncWorker({
      connectionString: env.DATABASE_URL,
      intervalS: env.MIRROR_SYNC_INTERVAL_S,
      log: (m) => log(`mirror: ${m}`),
    }).catch((e) => (log(`mirror worker did not start: ${e instanceof Error ? e.message : String(e)}`), null));
    // Other helpers add their one line here (e.g. the webhook catch-up / LISTEN loop). A failure
    // there is logged, not thrown: rethrowing would start a second bulk worker on the next call.
    // Fleet offline alerts: a scan every minute (lib/jobs/fleet-alerts.ts, docs/fleet.md).
    await (
      await import("@/lib/jobs/fleet-alerts")
    )
      .startFleetAlertWorker({ connectionString: env.DATABASE_URL, log: (m) => log(`fleet alerts: ${m}`) })
      .catch((e) => log(`fleet alert worker did not start: ${e instanceof Error ? e.message : String(e)}`));
    // Desk annotations CHeKT did not take yet: a sweep every minute (lib/verifications/annotate-worker.ts).
    await (
      await import("@/lib/verifications/annotate-worker")
    )
      .startAnnotationWorker({ connectionString: env.DATABASE_URL, log: (m) => log(`annotations: ${m}`) })
      .catch((e) => log(`annotation worker did not start: ${e instanceof Error ? e.message : String(e)}`));
    try {
      // webhooks: catch-up from /v1/events + expiry sweep
      (await import("@/lib/webhooks/background")).startWebhookBackground();
    } catch (e) {
      log(`webhook background did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { bulk, mirror };
  })().catch((e) => {
    g.__chektBackground = undefined; // let a later call try again
    throw e;
  });
  return g.__chektBackground;
}

/** Asks the worker to run a job now; if the queue is unreachable the minute sweep still finds it. */
export async function kickBulkJob(jobId: string): Promise<void> {
  try {
    const bg = await startBackgroundWork();
    await enqueueBulkJob(bg.bulk.boss, jobId);
  } catch (e) {
    log(
      `could not queue bulk job ${jobId} now (${e instanceof Error ? e.message : String(e)}); the sweep ` +
        "will pick it up",
    );
  }
}
