/**
 * The production shape (README, "Running in production"): a web process with BACKGROUND_WORK=off
 * only sends jobs, and `npm run worker` (scripts/worker.ts), a separate Node process, runs them
 * against the real simulator; SIGTERM stops the worker mid-job without losing or doubling a device.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertBulkJob } from "@/lib/bulk/jobs";
import { startChild, type Child } from "@/scripts/lib/processes";
import { DEVICES_PATH, devicesFor, startBulkWorld, type BulkWorld } from "./bulk-helpers";
import { simFault } from "../support/sim-world";
import { until } from "../support/until";

const user = { id: "u-test", email: "operator@test.example" };
let w: BulkWorld;
let web: typeof import("@/lib/background");
const workers: Child[] = [];

beforeAll(async () => {
  w = await startBulkWorld();
  // This test process plays the web instance: lib/env reads these once, on the import below.
  Object.assign(process.env, { DATABASE_URL: w.dbInfo.url, CHEKT_API_BASE_URL: w.sim.url, BACKGROUND_WORK: "off" });
  web = await import("@/lib/background");
});
// A test's workers end with it: one left running would take the next test's job as soon as it is sent.
afterEach(async () => {
  for (const c of workers.splice(0)) await c.stop();
});
afterAll(async () => {
  await web?.stopBackgroundWork();
  await w?.close();
});

function startWorker(): Child {
  const child = startChild("worker", "node", ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    echo: false,
    // A shared env file that says off must not stop the worker from working.
    env: { ...process.env, BACKGROUND_WORK: "off" },
  });
  workers.push(child);
  return child;
}

async function submit(prefix: string, n: number) {
  const siteId = await w.newSite(prefix);
  const items = devicesFor(prefix, n).map((device) => ({ kind: "create" as const, device }));
  const job = await w.db.$transaction((tx) =>
    insertBulkJob(tx, { dealerLinkId: w.dealerLinkId, chektSiteId: siteId, kind: "create", items, user }),
  );
  await web.kickBulkJob(job.id); // what actions/devices.ts does after the insert
  return { siteId, jobId: job.id };
}

const state = (jobId: string) => w.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
const queued = (jobId: string) =>
  w.db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'bulk-devices'
    AND data->>'jobId' = ${jobId}`;

/** Waits for `worker` to finish the job; every device of it in CHeKT exactly once. */
async function expectCarriedOut(worker: Child, job: { siteId: number; jobId: string }, prefix: string, n: number) {
  await until(
    async () => (await state(job.jobId)).state === "done",
    () => `job done\n${worker.tail()}`,
    200,
  );
  const done = await state(job.jobId);
  expect([done.succeeded, done.failed]).toEqual([n, 0]);
  const devices = (await w.api.list(w.dealerId, job.siteId)).filter((d) =>
    d.external_device_id.startsWith(`${prefix}-`),
  );
  expect(new Set(devices.map((d) => d.external_device_id)).size).toBe(n);
  expect(devices).toHaveLength(n);
}

describe("a web-only process and a worker process", () => {
  it("sends a job without working it; the worker process then carries it out", { timeout: 180_000 }, async () => {
    // What an earlier test's workers scheduled (the sweeps) goes: this test checks that the web process adds none.
    // Run first, no pg-boss has made its tables yet.
    await w.db.$executeRaw`DO $$ BEGIN
      IF to_regclass('pgboss.schedule') IS NOT NULL THEN DELETE FROM pgboss.schedule; END IF;
    END $$`;
    const { siteId, jobId } = await submit("wp", 120);
    // Sent and waiting: this process started no worker, so nothing took it and nothing was scheduled.
    expect((await queued(jobId)).map((r) => r.state)).toEqual(["created"]);
    expect(await w.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.schedule`).toEqual([{ n: 0 }]);
    await expect(web.startBackgroundWork()).rejects.toThrow(/BACKGROUND_WORK=off/);
    expect((await state(jobId)).state).toBe("queued");

    const worker = startWorker();
    await expectCarriedOut(worker, { siteId, jobId }, "wp", 120);
    await worker.stop();
    expect(worker.tail()).toMatch(/\[worker\] stopped/);
  });

  it("stops on SIGTERM mid-job; the next worker finishes it, each device once", { timeout: 240_000 }, async () => {
    // Slow answers so SIGTERM lands between chunks of 100.
    await simFault(w.sim.url, { path: DEVICES_PATH, method: "POST", delay_ms: 1500, count: 3 });
    const { siteId, jobId } = await submit("wt", 350);
    const first = startWorker();
    await until(
      async () => (await w.db.bulkChunk.count({ where: { jobId, state: "done" } })) >= 1,
      () => `a first chunk\n${first.tail()}`,
      50,
    );
    process.kill(-first.process.pid!, "SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.tail()).toMatch(/SIGTERM: stopping[\s\S]*\[worker\] stopped/);
    const halfway = await state(jobId);
    expect(halfway.state).not.toBe("done");
    expect(halfway.succeeded).toBeLessThan(350);

    await expectCarriedOut(startWorker(), { siteId, jobId }, "wt", 350);
  });
});
