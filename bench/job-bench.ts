// What the two bulk job benches share (bench/bulk-provision.ts for devices, bench/import.ts for
// sites): a throw-away database and simulator with a partner client and a dealer link, a job run
// timed and counted from a full bucket, and timing a page's own parse code inside Chromium.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createChektClient, type ChektClient } from "@/lib/chekt/client";
import { startSimulator } from "@/simulator/server";
import type { SimConfig } from "@/simulator/config";
import { DEMO } from "@/simulator/seed";
import { chromiumLaunchOptions } from "../scripts/lib/chromium";
import { createDatabase, dropDatabase, migrate, withDatabase } from "../scripts/lib/postgres";
import { errorText } from "@/lib/error-text";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function envNum(name: string, fallback: number) {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

/** The Postgres server the benches make their databases on. */
function benchAdminUrl(): string {
  return (
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres")
  );
}

/** What a job run cost at the simulator: CHeKT calls (token requests apart) and time. */
export type JobRunFigures = {
  calls: number;
  tokenCalls: number;
  wallMs: number;
  /** CPU time of this process during the run (runner, Prisma and the simulator, which runs in it). */
  cpuMs: number;
  /** Time calls spent held back by the client's budget, summed over calls. */
  budgetWaitMs: number;
};

export type BenchWorld = {
  db: PrismaClient;
  client: ChektClient;
  simUrl: string;
  dealerLinkId: string;
  /** Runs `job` from a full bucket (so every run starts with the whole burst) and counts what it cost. */
  timeJob: (job: () => Promise<unknown>) => Promise<JobRunFigures>;
};

/**
 * Runs `fn` against a fresh database (migrated) on the benches' Postgres server, a simulator with
 * `sim` settings and a partner client for its demo dealer, then drops them all, whatever `fn` did.
 */
export async function withBenchWorld<T>(
  o: {
    prefix: string;
    sim: Partial<SimConfig> & Pick<SimConfig, "rateLimitPerMin" | "rateLimitBurstPerS">;
    /** Postgres connections the runner may hold at once. */
    poolMax: number;
    timeoutMs: number;
    deadlineMs: number;
  },
  fn: (w: BenchWorld) => Promise<T>,
): Promise<T> {
  const adminUrl = benchAdminUrl();
  const name = `${o.prefix}_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await createDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", seed: "demo", dataFile: null, config: o.sim });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: o.poolMax }) });
  try {
    await migrate(url, { quiet: true });
    const client = createChektClient({
      baseUrl: sim.url,
      auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
      timeoutMs: o.timeoutMs,
      deadlineMs: o.deadlineMs,
    });
    const link = await db.dealerLink.create({
      data: { chektDealerId: 1, externalDealerId: "acme-security", companyName: "Acme", connectedAt: new Date() },
    });
    const timeJob = async (job: () => Promise<unknown>): Promise<JobRunFigures> => {
      await refillBucket(o.sim.rateLimitBurstPerS, o.sim.rateLimitPerMin);
      const before = client.stats();
      const t0 = Date.now();
      const cpu0 = process.cpuUsage();
      await job();
      const wallMs = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const after = client.stats();
      const tokenCalls = after.tokenRequests - before.tokenRequests;
      return {
        calls: after.requests - before.requests - tokenCalls,
        tokenCalls,
        wallMs,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        budgetWaitMs: after.rateLimitWaitMs - before.rateLimitWaitMs,
      };
    };
    return await fn({ db, client, simUrl: sim.url, dealerLinkId: link.id, timeJob });
  } finally {
    await db.$disconnect();
    await sim.close();
    await dropDatabase(adminUrl, name).catch(() => undefined);
  }
}

/** Waits until a bucket of `burst` refilling at `perMin` is full again, so a run starts from a full burst. */
const refillBucket = (burst: number, perMin: number) =>
  new Promise((r) => setTimeout(r, (burst * 60_000) / perMin + 200));

/** A page's parse timed in Chromium (browserMeasure) and the same parse in Node, each run's ms kept. */
export type ParseFigures = {
  browserMs: number | null;
  browserRuns: number[];
  nodeMs: number;
  nodeRuns: number[];
  browserError?: string;
};

/**
 * A page's parse of `rows` rows timed both ways: in Node by `nodeMeasure` (`nodeRuns` runs) and in Chromium
 * by `entry` bundled as `globalName` (6 runs); each median leaves out its first (warm-up) run. Logs the two
 * times under `label` ("5,000 pasted rows").
 */
export async function measureParse(o: {
  entry: string;
  globalName: string;
  rows: number;
  nodeRuns: number;
  nodeMeasure: (n: number, runs: number) => { ms: number[] };
  label: string;
  log: (line: string) => void;
}): Promise<ParseFigures> {
  const nodeRuns = o.nodeMeasure(o.rows, o.nodeRuns).ms;
  const browser = await browserMeasure(o.entry, o.globalName, o.rows, 6);
  const figures: ParseFigures = {
    browserMs: browser.ms,
    browserRuns: browser.runs,
    nodeMs: median(nodeRuns.slice(1)),
    nodeRuns,
    browserError: browser.error,
  };
  o.log(`  parse+validate ${o.label}: ${parseTimes(figures)}`);
  return figures;
}

/** How a bench prints a parse timed in Chromium beside the same parse in Node. */
function parseTimes(p: ParseFigures): string {
  const chromium = p.browserMs === null ? `n/a (${p.browserError})` : `${p.browserMs.toFixed(1)} ms`;
  return `Chromium ${chromium} (median of 5 after a warm-up), Node ${p.nodeMs.toFixed(1)} ms`;
}

type BrowserTimes = { ms: number | null; runs: number[]; error?: string };

/**
 * Times a page's own parse code inside Chromium: `entry` (a bench/*-browser.ts file) is bundled
 * by esbuild as the global `globalName`, whose measure(n, runs) returns each run's milliseconds.
 * The median leaves out the first (warm-up) run.
 */
async function browserMeasure(entry: string, globalName: string, n: number, runs: number): Promise<BrowserTimes> {
  try {
    const esbuild = await import("esbuild");
    const out = await esbuild.build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      format: "iife",
      globalName,
      platform: "browser",
      write: false,
      alias: { "@": root },
      logLevel: "silent",
    });
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage();
      await page.setContent(`<!doctype html><title>${globalName}</title>`);
      await page.addScriptTag({ content: out.outputFiles[0].text });
      const result = await page.evaluate(
        ([g, count, times]) => {
          const bench = (window as unknown as Record<string, { measure(n: number, r: number): unknown }>)[g];
          return bench.measure(count, times) as { ms: number[]; invalid: number };
        },
        [globalName, n, runs] as const,
      );
      if (result.invalid !== 0) throw new Error(`expected every generated row to be valid, ${result.invalid} were not`);
      return { ms: median(result.ms.slice(1)), runs: result.ms };
    } finally {
      await browser.close();
    }
  } catch (e) {
    return { ms: null, runs: [], error: errorText(e) };
  }
}
