// The mirror's sweep queue against real Postgres, real pg-boss and the simulator (docs/mirror.md): one
// dealer's sweep, running, queued again or left behind by a dead worker, never holds up another
// dealer's, and a second instance never sweeps a dealer that one is sweeping already.
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import PgBoss from "pg-boss";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { simFile } from "../support/sim-file";
import { until } from "../support/until";

const world = simFile("chekt_sweep_queue_it");
let worker: typeof import("@/lib/jobs/sync-worker");
let acme: string;
let northwind: string;

type SyncJob = { state: string; output: unknown };
const syncJobs = (dealerLinkId: string) =>
  world.prisma.$queryRaw<SyncJob[]>`
    SELECT state::text, output FROM pgboss.job WHERE name = ${worker.SYNC_QUEUE} AND singleton_key = ${dealerLinkId}`;
/** The link's sync row as a sweep started at `at` leaves it: idle, or cut off mid-way by a dead worker. */
const syncRow = (dealerLinkId: string, state: "idle" | "running", at: Date) => {
  const phase = state === "running" ? "sites" : null;
  const data = { state, phase, cursor: null, firstSync: false, startedAt: at, finishedAt: at };
  return world.prisma.mirrorSync.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...data }, update: data });
};
const sweptSince = (dealerLinkId: string, t0: Date) => async () => {
  const s = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId } });
  return s?.state === "idle" && s.finishedAt !== null && s.finishedAt > t0;
};
const startWorker = (log?: (m: string) => void) =>
  worker.startSyncWorker({ connectionString: world.db.url, intervalS: 3600, pollingIntervalSeconds: 0.5, log });
/** Holds the link's sync row, so a sweep of it stops at its first write until `release`. */
async function holdSyncRow(dealerLinkId: string) {
  const holder = new pg.Client({ connectionString: world.db.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("SELECT 1 FROM mirror_syncs WHERE dealer_link_id = $1 FOR UPDATE", [dealerLinkId]);
  return {
    release: () => holder.query("COMMIT"),
    end: () => holder.end(),
  };
}
const anHourAgo = () => new Date(Date.now() - 3600_000);

beforeAll(async () => {
  worker = await import("@/lib/jobs/sync-worker");
  acme = world.linkId;
  northwind = await connectDealerLink(world.prisma, NORTHWIND);
  const boss = new PgBoss({ connectionString: world.db.url, max: 2 });
  await boss.start();
  await worker.createMirrorQueues(boss);
  await boss.stop({ graceful: false, wait: true });
});

beforeEach(async () => {
  await world.prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${worker.SYNC_QUEUE}`;
});

describe("mirror sweep queue", () => {
  it("a sweep a dead worker left active holds up nobody: its dealer and the next are swept", async () => {
    const t0 = new Date();
    await syncRow(acme, "running", anHourAgo());
    await syncRow(northwind, "idle", new Date());
    // The dead worker: it took Acme's sweep and will never finish it (nor hold its lock).
    const boss = new PgBoss({ connectionString: world.db.url, max: 2 });
    await boss.start();
    try {
      await worker.queueSync(boss, acme);
      expect(await boss.fetch(worker.SYNC_QUEUE)).toHaveLength(1);
      // What the minute tick queues next: Acme again (cut off), then Northwind.
      await worker.queueSync(boss, acme);
      await worker.queueSync(boss, northwind);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }

    const w = await startWorker();
    try {
      await until(sweptSince(northwind, t0), () => "Northwind swept");
      await until(sweptSince(acme, t0), () => "Acme swept again");
    } finally {
      await w.stop();
    }
  }, 60_000);

  it("while one instance sweeps Acme, a second sweeps Northwind and leaves Acme to it", async () => {
    const t0 = new Date();
    await syncRow(acme, "idle", anHourAgo());
    await syncRow(northwind, "idle", new Date());
    // Acme's sweep is held at its first write, so it stays in progress until the row is released.
    const holder = await holdSyncRow(acme);
    const first = await startWorker(); // its start queues Acme (due) and takes it
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      await until(
        async () => (await syncJobs(acme)).some((j) => j.state === "active"),
        () => "Acme's sweep active",
      );
      await worker.queueSync(first.boss, acme);
      await worker.queueSync(first.boss, northwind);

      second = await startWorker();
      await until(sweptSince(northwind, t0), () => "Northwind swept by the second instance");
      // Acme queued again was taken and let go at once (its lock held): one sweep of it, still the first.
      await until(
        async () => (await syncJobs(acme)).some((j) => j.state === "completed"),
        () => "Acme's copy done",
      );
      const jobs = await syncJobs(acme);
      expect(jobs.filter((j) => j.state === "active")).toHaveLength(1);
      expect(jobs.find((j) => j.state === "completed")!.output).toEqual({ skipped: "swept by another worker" });

      await holder.release();
      await until(sweptSince(acme, t0), () => "Acme's first sweep finished");
    } finally {
      await holder.end();
      await second?.stop();
      await first.stop();
    }
  }, 60_000);

  it("a sweep whose lock's session ends stops, left to resume, since another worker may take the dealer", async () => {
    await syncRow(acme, "idle", anHourAgo());
    await syncRow(northwind, "idle", new Date());
    const holder = await holdSyncRow(acme);
    const logs: string[] = [];
    const w = await startWorker((m) => logs.push(m));
    try {
      // What a Postgres restart does to the lock's session, once the sweep holds the lock. Only this file's
      // database: another file running beside it has sessions on the same server.
      const lockSession = Prisma.sql`
        SELECT a.pid FROM pg_stat_activity a
        JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
        WHERE a.application_name = ${`lock mirror-sync:${acme}`} AND a.datname = current_database()`;
      await until(
        async () => (await world.prisma.$queryRaw<unknown[]>(lockSession)).length > 0,
        () => "Acme locked",
      );
      const ended = await world.prisma.$queryRaw<unknown[]>`SELECT pg_terminate_backend(pid) FROM (${lockSession}) s`;
      expect(ended).toHaveLength(1);
      await holder.release();
      await until(
        async () => (await syncJobs(acme)).some((j) => j.state === "completed"),
        () => "Acme's job let go",
      );
      expect(logs.some((m) => m.includes(`sync ${acme}: lock lost`))).toBe(true);
      expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: acme } })).toMatchObject({
        state: "running",
      });
    } finally {
      await holder.end();
      await w.stop();
    }
  }, 60_000);
});
