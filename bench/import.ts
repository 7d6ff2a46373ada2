// Site import figures (prints them, asserts nothing):
//   - CHeKT calls for 1,000 sites with 2 contacts each vs the minimum (one create per site and per
//     contact: 3,000), and wall time vs the rate-limit floor of the simulator's rate;
//   - parse + match columns + validate of 10,000 sheet rows in Chromium (the import page's own
//     code, bundled) and in Node.
// The free tier is 60 a minute, where 3,000 calls take 50 minutes whatever the code does; the
// bench runs the simulator at IMPORT_BENCH_RATE_PER_MIN (default 3,000, burst 5) and computes the
// floor from that same rate, so the ratio says how close the runner comes to what the limit allows.
// Run: npx tsx bench/import.ts   (Postgres from DATABASE_URL, else 127.0.0.1:5432)
// bench/run.ts calls runImportBench().
import { siteImportApi } from "@/lib/chekt/api/site-import";
import { insertSiteImportJob, type NewImportRow } from "@/lib/import/jobs";
import { IMPORT_LANES, runSiteImportJob } from "@/lib/jobs/site-import-runner";
import { rateLimitFloorMs } from "./bulk-floor";
import { measure } from "./import-browser";
import { envNum, measureParse, withBenchWorld, type JobRunFigures, type ParseFigures } from "./job-bench";
import { runIfMain } from "./http";

export type ImportBenchFigures = JobRunFigures & {
  sites: number;
  contactsPerSite: number;
  rateLimitPerMin: number;
  burst: number;
  concurrency: number;
  minimumCalls: number;
  floorMs: number;
  succeeded: number;
  failed: number;
  sitesInChekt: number;
  parse10000: ParseFigures;
};

function rowsFor(n: number, contacts: number): NewImportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `IMP-${String(i).padStart(5, "0")}`;
    return {
      line: i + 2,
      values: { external_site_id: id, name: `Bench site ${i}`, timezone: "UTC" },
      item: {
        site: { external_site_id: id, name: `Bench site ${i}`, timezone: "UTC" },
        contacts: Array.from({ length: contacts }, (_, c) => ({
          external_contact_id: `${id}-C${c + 1}`,
          first_name: `First${c + 1}`,
          last_name: `Last${i}`,
          phone_number: `+1212555${String(1000 + (i % 9000)).slice(-4)}`,
        })),
        securityType: null,
      },
    };
  });
}

async function importRun(n: number, contacts: number, o: { perMin: number; burst: number; concurrency: number }) {
  return withBenchWorld(
    {
      prefix: "chekt_import_bench",
      sim: { rateLimitPerMin: o.perMin, rateLimitBurstPerS: o.burst },
      poolMax: o.concurrency + 2,
      timeoutMs: 10_000,
      deadlineMs: 600_000,
    },
    async ({ db, client, dealerLinkId, timeJob }) => {
      const job = await db.$transaction(
        (tx) => insertSiteImportJob(tx, { dealerLinkId, user: null, rows: rowsFor(n, contacts) }),
        { timeout: 60_000 },
      );
      const cost = await timeJob(() =>
        runSiteImportJob(job.id, { db, api: siteImportApi(client), concurrency: o.concurrency }),
      );
      const j = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
      const listed = await client.get("/partner/v1/dealers/{dealerId}/sites", {
        params: {
          path: { dealerId: 1 },
          query: { filter: ["external_site_id,^IMP-,regex"], fields: "site_id", limit: 1, offset: 0 },
        },
      });
      const minimumCalls = n * (1 + contacts);
      return {
        ...cost,
        minimumCalls,
        floorMs: rateLimitFloorMs(minimumCalls, o.perMin, o.burst),
        succeeded: j.succeeded,
        failed: j.failed,
        sitesInChekt: Number(listed.response.headers.get("x-total-count") ?? -1),
      };
    },
  );
}

export async function runImportBench(
  opts: { sites?: number; log?: (line: string) => void } = {},
): Promise<ImportBenchFigures> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const sites = opts.sites ?? 1000;
  const contactsPerSite = 2;
  const perMin = envNum("IMPORT_BENCH_RATE_PER_MIN", 3000);
  const burst = envNum("CHEKT_RATE_LIMIT_BURST_PER_S", 5);
  const concurrency = envNum("IMPORT_BENCH_CONCURRENCY", IMPORT_LANES);

  const run = await importRun(sites, contactsPerSite, { perMin, burst, concurrency });
  log(
    `site import — ${sites} sites × ${contactsPerSite} contacts at ${perMin}/min, burst ${burst}, ` +
      `${concurrency} rows at once: ` +
      `${run.calls} calls (minimum ${run.minimumCalls}, ${(run.calls / run.minimumCalls).toFixed(2)}×) + ` +
      `${run.tokenCalls} token; ` +
      `wall ${(run.wallMs / 1000).toFixed(1)} s vs floor ` +
      `${(run.floorMs / 1000).toFixed(1)} s (${(run.wallMs / Math.max(1, run.floorMs)).toFixed(2)}×); ` +
      `${run.succeeded} ok, ${run.failed} failed, ${run.sitesInChekt} in CHeKT; ` +
      `CPU ${(run.cpuMs / 1000).toFixed(1)} s`,
  );
  const parse10000 = await measureParse({
    entry: "bench/import-browser.ts",
    globalName: "ImportBench",
    rows: 10_000,
    nodeRuns: 4,
    nodeMeasure: measure,
    label: "10,000 sheet rows",
    log,
  });
  return { sites, contactsPerSite, rateLimitPerMin: perMin, burst, concurrency, ...run, parse10000 };
}

runIfMain(import.meta.url, () => runImportBench({ sites: Number(process.argv[2]) || undefined }), true);
