// The mirror's queues (docs/mirror.md), on pg-boss like the bulk worker (lib/jobs/worker.ts):
// - mirror-refresh: re-read one object or list that a page saw stale ("short" policy: one waiting
//   job per object, so many views of a stale page queue one read). Nobody waits for it: it runs at
//   the sweep's "sync" class, below bulk jobs, and is retried once (each try is up to 4 gateway calls
//   in a 5xx outage; five retries spent 24 a stale object), the sweep catches up with the rest;
// - mirror-sync: sweep one dealer link ("short": one waiting job per link; see below);
// - mirror-sync-tick: every minute, queue a sweep for each connected link that is due (never swept,
//   its last sweep started MIRROR_SYNC_INTERVAL_S ago or more, or cut off / failed — it resumes).
// One sweep per dealer at a time is the dealer's own lock (lib/jobs/lock.ts, "mirror-sync:<link>"),
// held for the whole sweep, not a queue policy. pg-boss 10's "stately" and "singleton" policies would
// say it too, but their fetch takes the oldest waiting job and, when its key already has a running
// one, returns nothing: a dealer queued again while its sweep ran held up every dealer queued after
// it on every instance, for as long as that sweep ran, and up to its expiry (6 h) when its worker had
// died. A "short" queue never holds a job back; the worker that takes one tries the dealer's lock and,
// when another holds it, lets the job go as done. The lock goes with its session, so a dead worker's
// dealer is swept again from the next tick (a minute), while its job, still "active" in pg-boss, holds
// up nobody; and a sweep that outlives the job's expiry (pg-boss then retries the job without stopping
// the handler) still keeps its lock, so the retry finds it held.
import type PgBoss from "pg-boss";
import { startBoss } from "./boss";
import { advisoryLock } from "./lock";
import { prisma } from "@/lib/db";
import { isChektError } from "@/lib/chekt/errors";
import { refreshNow, type RefreshJob } from "@/lib/mirror/refresh";
import { sweepDealer, SweepAborted } from "@/lib/mirror/sweep";
import { targetKey, type MirrorTarget } from "@/lib/mirror/targets";
import { isConnected, MAYBE_CONNECTED } from "@/lib/dealer-connected";
import { errorText } from "@/lib/error-text";

export const REFRESH_QUEUE = "mirror-refresh";
export const SYNC_QUEUE = "mirror-sync";
const TICK_QUEUE = "mirror-sync-tick";

export type SyncWorkerOptions = {
  connectionString: string;
  /** Seconds from the start of one sweep of a link to the start of the next, at least (MIRROR_SYNC_INTERVAL_S). */
  intervalS: number;
  /** Sites whose children one sweep reads at most (MIRROR_CHILDREN_PER_RUN or sized to the budget); unset: all. */
  childrenPerRun?: number;
  schema?: string;
  pollingIntervalSeconds?: number;
  log?: (message: string) => void;
};

export type SyncWorker = {
  boss: PgBoss;
  /** Queues the sweeps that are due; returns how many links were queued. */
  tick(): Promise<number>;
  stop(): Promise<void>;
};

/** A queued refresh's class when its job names none (jobs queued before it was named). */
const QUEUED_REFRESH_CLASS = "sync";

export async function queueMirrorRefresh(boss: PgBoss, dealerLinkId: string, target: MirrorTarget): Promise<void> {
  const job: RefreshJob = { dealerLinkId, targets: [target], budgetClass: QUEUED_REFRESH_CLASS };
  await boss.send(REFRESH_QUEUE, job, {
    singletonKey: targetKey(dealerLinkId, target),
    retryLimit: 1,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 600,
  });
}

export async function queueSync(boss: PgBoss, dealerLinkId: string): Promise<void> {
  await boss.send(
    SYNC_QUEUE,
    { dealerLinkId },
    { singletonKey: dealerLinkId, retryLimit: 1000, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 },
  );
}

/**
 * Links due a sweep at `now`: never swept, not idle (queued, failed, or left running by a worker that
 * stopped: the dealer's lock lets a job go while its sweep really runs), or whose last sweep STARTED
 * `intervalS` ago or more. From its start, not its end: a sweep that outlasts the interval (an incremental
 * run at 10,000 sites, paced by the budget) is followed at the next tick instead of a whole interval later,
 * which made every site's children ~36 h old at worst instead of ~19 h (docs/mirror.md).
 */
export async function dueLinks(now: Date, intervalS: number): Promise<string[]> {
  const links = (
    await prisma.dealerLink.findMany({
      where: MAYBE_CONNECTED,
      select: { id: true, connectedAt: true, disconnectedAt: true },
    })
  ).filter(isConnected);
  const syncs = new Map(
    (await prisma.mirrorSync.findMany({ where: { dealerLinkId: { in: links.map((l) => l.id) } } })).map((s) => [
      s.dealerLinkId,
      s,
    ]),
  );
  return links
    .filter(({ id }) => {
      const s = syncs.get(id);
      if (!s || !s.startedAt || s.state !== "idle") return true;
      return now.getTime() - s.startedAt.getTime() >= intervalS * 1000;
    })
    .map((l) => l.id);
}

async function linkScope(dealerLinkId: string) {
  const link = await prisma.dealerLink.findUnique({ where: { id: dealerLinkId } });
  if (!link || !isConnected(link)) return null;
  return { dealerLinkId: link.id, dealerId: link.chektDealerId };
}

/** The queues and their de-duplication policies (idempotent: every instance runs it at start). */
export async function createMirrorQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(REFRESH_QUEUE, { name: REFRESH_QUEUE, policy: "short" });
  await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: "short" });
  // createQueue leaves an existing queue as it is: one made "stately" by an earlier version is changed here.
  await boss.updateQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: "short" });
  await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "singleton" });
}

export async function startSyncWorker(opts: SyncWorkerOptions): Promise<SyncWorker> {
  const log = opts.log ?? (() => undefined);
  const boss = await startBoss({ ...opts, max: 3, log }, createMirrorQueues);
  const abort = new AbortController();
  const polling = opts.pollingIntervalSeconds ?? 2;

  await boss.work<RefreshJob>(REFRESH_QUEUE, { batchSize: 1, pollingIntervalSeconds: polling }, async ([job]) => {
    const scope = await linkScope(job.data.dealerLinkId);
    if (!scope) return;
    try {
      await refreshNow(scope, job.data.targets, {
        budgetClass: job.data.budgetClass ?? QUEUED_REFRESH_CLASS,
        signal: abort.signal,
      });
    } catch (e) {
      log(
        `refresh ${job.data.targets.map((t) => targetKey(scope.dealerLinkId, t)).join(",")}: ` +
          `${errorText(e)}${isChektError(e) ? " (will retry)" : ""}`,
      );
      throw e;
    }
  });

  const sweepLock = advisoryLock(opts.connectionString, "mirror-sync");
  await boss.work<{ dealerLinkId: string }>(
    SYNC_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: polling },
    async ([job]) => {
      const scope = await linkScope(job.data.dealerLinkId);
      if (!scope) return;
      const held = await sweepLock(scope.dealerLinkId);
      // Its sweep runs elsewhere and covers what this job asked for (pg-boss keeps this as the job's output).
      if (!held) return { skipped: "swept by another worker" };
      const at = `sync ${scope.dealerLinkId}`;
      try {
        await sweepDealer(scope, {
          signal: AbortSignal.any([abort.signal, held.lost]),
          log: (m) => log(`${at}: ${m}`),
          childrenPerRun: opts.childrenPerRun,
        });
      } catch (e) {
        // Stopping, or the lock lost (another worker may take the dealer now): the row stays "running"
        // and the next sweep resumes it.
        if (e instanceof SweepAborted) {
          if (held.lost.aborted) log(`${at}: lock lost (its session ended), stopped; the next sweep resumes`);
          return;
        }
        log(`${at}: ${errorText(e)} (will resume)`);
        throw e;
      } finally {
        await held();
      }
    },
  );

  const tick = async () => {
    const due = await dueLinks(new Date(), opts.intervalS);
    for (const id of due) await queueSync(boss, id);
    return due.length;
  };
  await boss.work(TICK_QUEUE, { pollingIntervalSeconds: 30 }, async () => void (await tick()));
  await boss.schedule(TICK_QUEUE, "* * * * *");
  const queued = await tick();
  if (queued) log(`queued ${queued} mirror sweep(s)`);

  return {
    boss,
    tick,
    async stop() {
      abort.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
