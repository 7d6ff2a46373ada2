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
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createChektClient } from "@/lib/chekt/client";
import { siteImportApi } from "@/lib/chekt/api/site-import";
import { insertSiteImportJob, type NewImportRow } from "@/lib/import/jobs";
import { runSiteImportJob } from "@/lib/jobs/site-import-runner";
import { startSimulator } from "@/simulator/server";
import { DEMO } from "@/simulator/seed";
import { createDatabase, dropDatabase, migrate, withDatabase } from "../scripts/lib/postgres";
import { rateLimitFloorMs } from "./bulk-floor";
import { measure } from "./import-browser";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ImportBenchFigures = {
  sites: number;
  contactsPerSite: number;
  rateLimitPerMin: number;
  burst: number;
  concurrency: number;
  calls: number;
  minimumCalls: number;
  tokenCalls: number;
  wallMs: number;
  floorMs: number;
  succeeded: number;
  failed: number;
  sitesInChekt: number;
  parse10000: {
    browserMs: number | null;
    browserRuns: number[];
    nodeMs: number;
    nodeRuns: number[];
    browserError?: string;
  };
};

function envNum(name: string, fallback: number) {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

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

async function importRun(
  n: number,
  contacts: number,
  o: { perMin: number; burst: number; concurrency: number; adminUrl: string },
) {
  const name = `chekt_import_bench_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await createDatabase(o.adminUrl, name);
  const url = withDatabase(o.adminUrl, name);
  const sim = await startSimulator({
    port: 0,
    host: "127.0.0.1",
    seed: "demo",
    dataFile: null,
    config: { rateLimitPerMin: o.perMin, rateLimitBurstPerS: o.burst },
  });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: o.concurrency + 2 }) });
  try {
    await migrate(url, { quiet: true });
    const client = createChektClient({
      baseUrl: sim.url,
      auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
      timeoutMs: 10_000,
      deadlineMs: 600_000,
    });
    const link = await db.dealerLink.create({
      data: { chektDealerId: 1, externalDealerId: "acme-security", companyName: "Acme", connectedAt: new Date() },
    });
    const job = await db.$transaction(
      (tx) => insertSiteImportJob(tx, { dealerLinkId: link.id, user: null, rows: rowsFor(n, contacts) }),
      { timeout: 60_000 },
    );
    // Let the bucket refill after the set-up, so the run starts from a full burst.
    await new Promise((r) => setTimeout(r, (o.burst * 60_000) / o.perMin + 200));
    const before = client.stats();
    const t0 = Date.now();
    await runSiteImportJob(job.id, { db, api: siteImportApi(client), concurrency: o.concurrency });
    const wallMs = Date.now() - t0;
    const after = client.stats();
    const j = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    const listed = await client.get("/partner/v1/dealers/{dealerId}/sites", {
      params: {
        path: { dealerId: 1 },
        query: { filter: ["external_site_id,^IMP-,regex"], fields: "site_id", limit: 1, offset: 0 },
      },
    });
    const tokenCalls = after.tokenRequests - before.tokenRequests;
    const minimumCalls = n * (1 + contacts);
    return {
      calls: after.requests - before.requests - tokenCalls,
      minimumCalls,
      tokenCalls,
      wallMs,
      floorMs: rateLimitFloorMs(minimumCalls, o.perMin, o.burst),
      succeeded: j.succeeded,
      failed: j.failed,
      sitesInChekt: Number(listed.response.headers.get("x-total-count") ?? -1),
    };
  } finally {
    await db.$disconnect();
    await sim.close();
    await dropDatabase(o.adminUrl, name).catch(() => undefined);
  }
}

/** parse + validate of 10,000 sheet rows inside Chromium, with the page's own code bundled by esbuild. */
async function browserParse(n: number, runs: number): Promise<{ ms: number | null; runs: number[]; error?: string }> {
  try {
    const esbuild = await import("esbuild");
    const out = await esbuild.build({
      entryPoints: [path.join(root, "bench/import-browser.ts")],
      bundle: true,
      format: "iife",
      globalName: "ImportBench",
      platform: "browser",
      write: false,
      alias: { "@": root },
      logLevel: "silent",
    });
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><title>import bench</title>");
      await page.addScriptTag({ content: out.outputFiles[0].text });
      const result = await page.evaluate(
        ([count, times]) =>
          (
            window as unknown as { ImportBench: { measure(n: number, r: number): { ms: number[]; invalid: number } } }
          ).ImportBench.measure(count, times),
        [n, runs] as const,
      );
      if (result.invalid !== 0) throw new Error(`expected every generated row to be valid, ${result.invalid} were not`);
      return { ms: median(result.ms.slice(1)), runs: result.ms };
    } finally {
      await browser.close();
    }
  } catch (e) {
    return { ms: null, runs: [], error: e instanceof Error ? e.message : String(e) };
  }
}

export async function runImportBench(
  opts: { sites?: number; log?: (line: string) => void } = {},
): Promise<ImportBenchFigures> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const sites = opts.sites ?? 1000;
  const contactsPerSite = 2;
  const perMin = envNum("IMPORT_BENCH_RATE_PER_MIN", 3000);
  const burst = envNum("CHEKT_RATE_LIMIT_BURST_PER_S", 5);
  const concurrency = envNum("IMPORT_BENCH_CONCURRENCY", 4);
  const adminUrl =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");

  const run = await importRun(sites, contactsPerSite, { perMin, burst, concurrency, adminUrl });
  const nodeRuns = measure(10_000, 4).ms;
  const browser = await browserParse(10_000, 6);
  const figures: ImportBenchFigures = {
    sites,
    contactsPerSite,
    rateLimitPerMin: perMin,
    burst,
    concurrency,
    ...run,
    parse10000: {
      browserMs: browser.ms,
      browserRuns: browser.runs,
      nodeMs: median(nodeRuns.slice(1)),
      nodeRuns,
      browserError: browser.error,
    },
  };
  log(
    `site import — ${sites} sites × ${contactsPerSite} contacts at ${perMin}/min, burst ${burst}, ${concurrency} rows at once: ` +
      `${run.calls} calls (minimum ${run.minimumCalls}, ${(run.calls / run.minimumCalls).toFixed(2)}×) + ${run.tokenCalls} token; ` +
      `wall ${(run.wallMs / 1000).toFixed(1)} s vs floor ${(run.floorMs / 1000).toFixed(1)} s (${(run.wallMs / Math.max(1, run.floorMs)).toFixed(2)}×); ` +
      `${run.succeeded} ok, ${run.failed} failed, ${run.sitesInChekt} in CHeKT`,
  );
  log(
    `  parse+validate 10,000 sheet rows: Chromium ${browser.ms === null ? `n/a (${browser.error})` : `${browser.ms.toFixed(1)} ms`} (median of 5 after a warm-up), Node ${figures.parse10000.nodeMs.toFixed(1)} ms`,
  );
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await runImportBench({ sites: Number(process.argv[2]) || undefined });
  console.log(JSON.stringify(figures, null, 2));
}
