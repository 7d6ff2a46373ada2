// Bulk provisioning figures (prints them, asserts nothing):
//   - HTTP calls used for 1,000 devices vs the minimum (1,000 / CHEKT_MAX_BULK = 10), clean and
//     with faults (10% 500, 5% dropped connections, 5% 429);
//   - wall time vs the rate-limit floor at the configured limit;
//   - parse + validate time of 5,000 pasted rows in Chromium (the paste page's own code, bundled)
//     and in Node.
// Run: npx tsx bench/bulk-provision.ts   (Postgres from DATABASE_URL, else 127.0.0.1:5432)
// bench/run.ts calls runBulkBench().
import { deviceApi } from "@/lib/chekt/api/devices";
import { insertBulkJob } from "@/lib/bulk/jobs";
import { runBulkJob } from "@/lib/jobs/bulk-runner";
import { measure } from "./bulk-browser";
import { rateLimitFloorMs } from "./bulk-floor";
import { envNum, measureParse, withBenchWorld, type ParseFigures } from "./job-bench";
import { runIfMain } from "./http";

export { rateLimitFloorMs };

export type ProvisionRun = {
  scenario: string;
  devices: number;
  deviceCalls: number;
  minimumCalls: number;
  tokenCalls: number;
  chunkSends: number;
  wallMs: number;
  floorMs: number;
  succeeded: number;
  failed: number;
  devicesInChekt: number;
};

export type BulkBenchFigures = {
  rateLimitPerMin: number;
  burst: number;
  maxBulk: number;
  runs: ProvisionRun[];
  parse5000: ParseFigures;
};

async function provision(
  scenario: string,
  n: number,
  opts: { perMin: number; burst: number; maxBulk: number; faults?: object[] },
): Promise<ProvisionRun> {
  return withBenchWorld(
    {
      prefix: "chekt_devices_bench",
      sim: { rateLimitPerMin: opts.perMin, rateLimitBurstPerS: opts.burst, maxBulk: opts.maxBulk },
      poolMax: 4,
      timeoutMs: 5000,
      deadlineMs: 300_000,
    },
    async ({ db, client, simUrl, dealerLinkId, timeJob }) => {
      const api = deviceApi(client);
      const site = await client.post("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: 1 } },
        body: { external_site_id: `bench-${Date.now().toString(36)}`, name: "Bench site", timezone: "UTC" },
      });
      const siteId = Number((site.data as { site_id: number }).site_id);
      const items = Array.from({ length: n }, (_, i) => ({
        kind: "create" as const,
        device: {
          external_device_id: `b-${i}`,
          device_type: (i % 10 ? "camera" : "bridge") as "camera" | "bridge",
          name: `Bench ${i}`,
          zone_number: String((i % 64) + 1),
        },
      }));
      const job = await db.$transaction((tx) =>
        insertBulkJob(tx, { dealerLinkId, chektSiteId: siteId, kind: "create", items, user: null }),
      );
      for (const f of opts.faults ?? []) {
        await fetch(`${simUrl}/_sim/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(f),
        });
      }
      const {
        calls: deviceCalls,
        tokenCalls,
        wallMs,
      } = await timeJob(() => runBulkJob(job.id, { db, api, maxBulk: opts.maxBulk }));
      await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
      const j = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
      const chunks = await db.bulkChunk.findMany({ where: { jobId: job.id }, select: { attempts: true } });
      const inChekt = (await api.list(1, siteId)).length;
      const minimumCalls = Math.ceil(n / opts.maxBulk);
      return {
        scenario,
        devices: n,
        deviceCalls,
        minimumCalls,
        tokenCalls,
        chunkSends: chunks.reduce((a, c) => a + c.attempts, 0),
        wallMs,
        floorMs: rateLimitFloorMs(minimumCalls, opts.perMin, opts.burst),
        succeeded: j.succeeded,
        failed: j.failed,
        devicesInChekt: inChekt,
      };
    },
  );
}

export async function runBulkBench(
  opts: { devices?: number; log?: (line: string) => void } = {},
): Promise<BulkBenchFigures> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const n = opts.devices ?? 1000;
  const perMin = envNum("CHEKT_RATE_LIMIT_PER_MIN", 60);
  const burst = envNum("CHEKT_RATE_LIMIT_BURST_PER_S", 5);
  const maxBulk = envNum("CHEKT_MAX_BULK", 100);

  const runs: ProvisionRun[] = [];
  runs.push(await provision("clean", n, { perMin, burst, maxBulk }));
  runs.push(
    await provision("faults: 10% 500, 5% drop, 5% 429", n, {
      perMin,
      burst,
      maxBulk,
      faults: [
        {
          path: "/partner/v1/dealers/*/sites/*/devices",
          method: "POST",
          rate_5xx: 0.1,
          status_5xx: 500,
          drop_rate: 0.05,
          rate_429: 0.05,
        },
      ],
    }),
  );

  log(`bulk provisioning — rate limit ${perMin}/min, burst ${burst}, CHEKT_MAX_BULK ${maxBulk}`);
  for (const r of runs) {
    log(
      `  ${r.scenario}: ${r.devices} devices → ${r.deviceCalls} device calls (minimum ${r.minimumCalls}, ` +
        `${(r.deviceCalls / r.minimumCalls).toFixed(2)}×) + ${r.tokenCalls} token; ` +
        (`${r.chunkSends} chunk sends by the worker; wall ${(r.wallMs / 1000).toFixed(1)} s vs floor ` +
          `${(r.floorMs / 1000).toFixed(1)} s (${(r.wallMs / Math.max(1, r.floorMs)).toFixed(2)}×); `) +
        `${r.succeeded} succeeded, ${r.failed} failed, ${r.devicesInChekt} in CHeKT`,
    );
  }
  const parse5000 = await measureParse({
    entry: "bench/bulk-browser.ts",
    globalName: "BulkBench",
    rows: 5000,
    nodeRuns: 6,
    nodeMeasure: measure,
    label: "5,000 pasted rows",
    log,
  });
  return { rateLimitPerMin: perMin, burst, maxBulk, runs, parse5000 };
}

runIfMain(import.meta.url, () => runBulkBench(), true);
