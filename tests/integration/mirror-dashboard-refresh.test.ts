// The dashboard's Refresh at 10,000 sites (docs/mirror.md, "The dashboard's Refresh"): its counts of every
// site and station are only kept by the sweep, so Refresh starts the dealer's sweep at the "sync" class, or
// joins the one already queued or running, and makes no CHeKT call itself (it used to read every site at
// "read" and give up after 8 s with its "As of" unmoved). The sweep it starts moves "As of" when it ends.
import "../support/console-mocks";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clearSimStats, simBulkSites, simStats, VIEWER } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { until } from "../support/until";

// This process only sends jobs (like a web instance); the test runs the sync worker itself.
vi.hoisted(() => {
  process.env.BACKGROUND_WORK = "off";
});

const world = simFile("chekt_dash_refresh", { members: [VIEWER], user: VIEWER });
const SITES = 10_000;
let actions: typeof import("@/lib/mirror/actions");
let worker: typeof import("@/lib/jobs/sync-worker");
let counts: typeof import("@/app/(console)/_dashboard/mirror-counts");
let bulkFrom: number;

const syncRow = () => world.prisma.mirrorSync.findUniqueOrThrow({ where: { dealerLinkId: world.linkId } });
const simCalls = async () => (await simStats(world.sim.url)).total;
const sweepJobs = () =>
  world.prisma.$queryRaw<{ state: string }[]>`
    SELECT state::text FROM pgboss.job WHERE name = ${worker.SYNC_QUEUE} AND singleton_key = ${world.linkId}
      AND state IN ('created', 'retry', 'active')`;
const refresh = async () => {
  const r = await actions.refreshBySweepAction();
  expect(r?.serverError).toBeUndefined();
  return r?.data?.sweep;
};
const startWorker = () =>
  worker.startSyncWorker({ connectionString: world.db.url, intervalS: 3600, pollingIntervalSeconds: 0.5 });
/** The link as a sweep an hour ago left it. */
const sweptAnHourAgo = async () => {
  const data = {
    state: "idle",
    phase: null,
    cursor: null,
    firstSync: false,
    finishedAt: new Date(Date.now() - 3600_000),
  };
  await world.prisma.mirrorSync.upsert({
    where: { dealerLinkId: world.linkId },
    create: { dealerLinkId: world.linkId, ...data },
    update: data,
  });
  return data.finishedAt;
};

beforeAll(async () => {
  actions = await import("@/lib/mirror/actions");
  worker = await import("@/lib/jobs/sync-worker");
  counts = await import("@/app/(console)/_dashboard/mirror-counts");
  const boss = new PgBoss({ connectionString: world.db.url, max: 2 });
  await boss.start();
  await worker.createMirrorQueues(boss);
  await boss.stop({ graceful: false, wait: true });
  bulkFrom = await simBulkSites(world.sim.url, { dealer_id: 1, count: SITES });
}, 120_000);

afterAll(async () => (await import("@/lib/background")).stopBackgroundWork());

const noSweepJobs = () => world.prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${worker.SYNC_QUEUE}`;

describe("the dashboard's Refresh", () => {
  // One test: the second part needs the sweep the first one stopped, and CHeKT's sites as it left them.
  it("at 10,000 sites queues the dealer's sweep without a CHeKT call, is joined, and moves As of", async () => {
    const lastSwept = await sweptAnHourAgo();
    await clearSimStats(world.sim.url);
    await world.prisma.chektBudgetUsage.deleteMany({});

    expect(await refresh()).toBe("started");
    expect(await refresh()).toBe("joined");
    expect(await simCalls()).toBe(0);
    // SyncProgress shows it at once; "As of" stays the last finished sweep's until this one ends.
    expect(await syncRow()).toMatchObject({ state: "queued", finishedAt: lastSwept, firstSync: false });
    expect(await sweepJobs()).toEqual([{ state: "created" }]);

    // The worker sweeps it: every site listed at the "sync" class, none read at "read".
    let w = await startWorker();
    try {
      const listed = () => world.prisma.mirrorSite.count({ where: { dealerLinkId: world.linkId, goneAt: null } });
      await until(
        async () => (await listed()) > SITES,
        () => "the sweep to list every site",
      );
    } finally {
      await w.stop();
    }
    const byClass = await world.prisma.chektBudgetUsage.groupBy({ by: ["budgetClass"], _sum: { calls: true } });
    expect(byClass.map((r) => r.budgetClass)).toEqual(["sync"]);

    // That sweep stopped, and the bulk sites deleted in CHeKT (so the next sweep reads the demo's few sites'
    // children only): a Refresh on a link swept an hour ago starts one that moves "As of".
    await noSweepJobs();
    const before = await sweptAnHourAgo();
    for (let id = bulkFrom; id < bulkFrom + SITES; id++) world.sim.state.removeSite(world.sim.state.sites.get(id)!);
    expect((await counts.getMirrorCounts(world.linkId)).sweptAt).toEqual(before);
    expect(await refresh()).toBe("started");
    w = await startWorker();
    try {
      await until(
        async () => (await syncRow()).state === "idle",
        () => "the sweep to finish",
      );
    } finally {
      await w.stop();
    }
    const seen = await counts.getMirrorCounts(world.linkId);
    expect(seen.sweptAt!.getTime()).toBeGreaterThan(before.getTime());
    const demoSites = [...world.sim.state.sites.values()].filter((s) => s.dealer_id === 1).length;
    expect(seen.sites).toBe(demoSites);
  }, 240_000);
});
