// A 1,000-device bulk job run by the worker in its own process while the simulator injects 5xx,
// 429, dropped connections, slow answers and answers lost after CHeKT applied them. Mid-job the
// worker process is SIGKILLed (no clean-up of any kind) and started again; later every Postgres
// connection to the database is terminated (what a Postgres restart does to its clients). The job
// must still finish with every device in CHeKT exactly once and every item, mapping and count right.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulkJob } from "@/lib/bulk/jobs";
import { DEMO } from "@/simulator/seed";
import { DEVICES_PATH, devicesFor, startBulkWorld, type BulkWorld } from "../integration/bulk-helpers";
import { clearSimFaults, simFault } from "../support/sim-world";

const ROOT = path.resolve(__dirname, "../..");
const N = 1000;
let w: BulkWorld;
let sql: pg.Client;
const logs: string[] = [];

type Worker = { proc: ChildProcess; exited: Promise<number | null> };

function startWorker(name: string): Promise<Worker> {
  const proc = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.join(ROOT, "tests/faults/bulk-kill-worker.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: w.dbInfo.url,
        SIM_URL: w.sim.url,
        CHEKT_CLIENT_ID: DEMO.partner.clientId,
        CHEKT_CLIENT_SECRET: DEMO.partner.clientSecret,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    proc.on("exit", (code, signal) => (logs.push(`[${name}] exit ${code ?? signal}`), resolve(code))),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (d: Buffer) => {
      for (const line of d.toString().split("\n").filter(Boolean)) {
        logs.push(`[${name}] ${line}`);
        if (line === "ready") resolve();
      }
    };
    proc.stdout!.on("data", onLine);
    proc.stderr!.on("data", onLine);
    void exited.then(() =>
      reject(new Error(`worker ${name} exited before it was ready:\n${logs.slice(-20).join("\n")}`)),
    );
  });
  return ready.then(() => ({ proc, exited }));
}

async function job(jobId: string) {
  return (
    await sql.query<{ state: string; succeeded: number; failed: number; total: number }>(
      `SELECT state::text AS state, succeeded, failed, total FROM bulk_jobs WHERE id = $1`,
      [jobId],
    )
  ).rows[0];
}

async function waitFor(jobId: string, done: (j: Awaited<ReturnType<typeof job>>) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const j = await job(jobId);
    if (done(j)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} stuck at ${JSON.stringify(await job(jobId))}\n${logs.slice(-30).join("\n")}`);
}

beforeAll(async () => {
  // A faster tier than the free one, so the test spends its time on faults rather than pacing.
  w = await startBulkWorld({ simConfig: { rateLimitPerMin: 600, rateLimitBurstPerS: 20 } });
  sql = new pg.Client({ connectionString: w.dbInfo.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end().catch(() => undefined);
  await w?.close();
});

describe("bulk provisioning survives a killed worker and a Postgres restart", () => {
  it("1,000 devices, each exactly once", async () => {
    const siteId = await w.newSite("kill9");
    const items = devicesFor("k9", N).map((device) => ({ kind: "create" as const, device }));
    const created = await w.db.$transaction((tx) =>
      insertBulkJob(tx, {
        dealerLinkId: w.dealerLinkId,
        chektSiteId: siteId,
        kind: "create",
        items,
        user: { id: "u-op", email: "op@test.example" },
      }),
    );
    // The first two chunks CHeKT applies but whose answers are lost; then a steady mess.
    await simFault(w.sim.url, {
      path: DEVICES_PATH,
      method: "POST",
      drop_rate: 1,
      when: "after",
      count: 2,
    });
    await simFault(w.sim.url, {
      path: DEVICES_PATH,
      method: "POST",
      delay_ms: 300,
      rate_5xx: 0.1,
      status_5xx: 500,
      rate_429: 0.05,
      drop_rate: 0.05,
    });
    // The test's own Prisma pool is not needed until the end; it must not see the terminations.
    await w.db.$disconnect();

    const first = await startWorker("worker-1");
    const mid = await waitFor(created.id, (j) => j.succeeded >= 200, 90_000);
    first.proc.kill("SIGKILL");
    await first.exited;
    const atKill = await job(created.id);
    expect(atKill.state).toBe("running");
    expect(atKill.succeeded).toBeLessThan(N);

    const second = await startWorker("worker-2");
    try {
      // Half the job is left here (N = 1000, about 400 done), so the restart below hits a running job.
      await waitFor(created.id, (j) => j.succeeded >= atKill.succeeded + 200, 90_000);
      // Every connection to the database but ours goes, as when Postgres restarts under the app.
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database()
          AND pid <> pg_backend_pid()`,
      );
      const atRestart = await job(created.id);
      logs.push(`[test] terminated ${rows[0].n} backends at ${atRestart.succeeded}/${N}`);
      expect(rows[0].n).toBeGreaterThan(0);
      // Read after the terminations: still running then, so the worker had work in flight when they hit.
      expect(atRestart.state).toBe("running");
      expect(atRestart.succeeded).toBeLessThan(N);
      const done = await waitFor(created.id, (j) => j.state === "done" || j.state === "failed", 150_000);
      expect(done).toMatchObject({ state: "done", succeeded: N, failed: 0, total: N });
      expect(second.proc.exitCode, `the worker died after the terminations:\n${logs.slice(-20).join("\n")}`).toBeNull();
    } finally {
      second.proc.kill("SIGTERM");
      await Promise.race([second.exited, new Promise((r) => setTimeout(r, 8000))]);
      second.proc.kill("SIGKILL");
      await clearSimFaults(w.sim.url);
    }

    // CHeKT's side: every device once, no strays.
    const inChekt = (await w.api.list(w.dealerId, siteId)).filter((d) => d.external_device_id.startsWith("k9-"));
    const ext = inChekt.map((d) => d.external_device_id);
    expect(ext.length).toBe(N);
    expect(new Set(ext)).toEqual(new Set(items.map((i) => i.device.external_device_id)));
    // Ours: each item succeeded with the device CHeKT made for it; one mapping per device.
    const byExt = new Map(inChekt.map((d) => [d.external_device_id, String(d.device_id)]));
    const itemRows = (
      await sql.query<{ external_device_id: string; state: string; chekt_device_id: string | null }>(
        `SELECT external_device_id, state::text AS state, chekt_device_id::text FROM bulk_items WHERE job_id = $1`,
        [created.id],
      )
    ).rows;
    expect(
      itemRows.filter((i) => i.state !== "succeeded" || i.chekt_device_id !== byExt.get(i.external_device_id)),
    ).toEqual([]);
    const maps = (
      await sql.query<{ external_id: string; chekt_id: string }>(
        `SELECT external_id, chekt_id FROM external_id_mappings WHERE dealer_link_id = $1 AND kind = 'device'
          AND external_id LIKE 'k9-%'`,
        [w.dealerLinkId],
      )
    ).rows;
    expect(maps.length).toBe(N);
    expect(maps.filter((m) => m.chekt_id !== byExt.get(m.external_id))).toEqual([]);
    const rejections = logs.filter((l) => l.includes("unhandledRejection"));
    const retried = logs.filter((l) => l.includes("(will retry)"));
    console.log(
      `killed the worker at ${atKill.succeeded}/${N} (first seen ${mid.succeeded}); ` +
        `${logs.filter((l) => l.startsWith("[test]")).join("; ")}; ` +
        `worker-2 logged ${retried.length} failed run(s) re-queued`,
    );
    // The harness logs them rather than exiting (as Next's server does); none may be left all the same.
    expect(rejections).toEqual([]);
  }, 300_000);
});
