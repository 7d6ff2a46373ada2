// What the two bulk job benches share (bench/bulk-provision.ts for devices, bench/import.ts for
// sites): a throw-away database and simulator with a partner client and a dealer link, the
// figures' helpers, and timing a page's own parse code inside Chromium.
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
export function benchAdminUrl(): string {
  return (
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres")
  );
}

export type BenchWorld = {
  db: PrismaClient;
  client: ChektClient;
  simUrl: string;
  dealerLinkId: string;
};

/**
 * Runs `fn` against a fresh database (migrated), a simulator with `sim` settings and a partner
 * client for its demo dealer, then drops them all, whatever `fn` did.
 */
export async function withBenchWorld<T>(
  o: {
    prefix: string;
    adminUrl: string;
    sim: Partial<SimConfig>;
    /** Postgres connections the runner may hold at once. */
    poolMax: number;
    timeoutMs: number;
    deadlineMs: number;
  },
  fn: (w: BenchWorld) => Promise<T>,
): Promise<T> {
  const name = `${o.prefix}_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await createDatabase(o.adminUrl, name);
  const url = withDatabase(o.adminUrl, name);
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
    return await fn({ db, client, simUrl: sim.url, dealerLinkId: link.id });
  } finally {
    await db.$disconnect();
    await sim.close();
    await dropDatabase(o.adminUrl, name).catch(() => undefined);
  }
}

/** Waits until a bucket of `burst` refilling at `perMin` is full again, so a run starts from a full burst. */
export const refillBucket = (burst: number, perMin: number) =>
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
 * by `entry` bundled as `globalName` (6 runs); each median leaves out its first (warm-up) run.
 */
export async function measureParse(o: {
  entry: string;
  globalName: string;
  rows: number;
  nodeRuns: number;
  nodeMeasure: (n: number, runs: number) => { ms: number[] };
}): Promise<ParseFigures> {
  const nodeRuns = o.nodeMeasure(o.rows, o.nodeRuns).ms;
  const browser = await browserMeasure(o.entry, o.globalName, o.rows, 6);
  return {
    browserMs: browser.ms,
    browserRuns: browser.runs,
    nodeMs: median(nodeRuns.slice(1)),
    nodeRuns,
    browserError: browser.error,
  };
}

/** How a bench prints a parse timed in Chromium beside the same parse in Node. */
export function parseTimes(p: ParseFigures): string {
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
