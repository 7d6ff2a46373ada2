// What the list-page benches (sites-list.ts, fleet.ts) share: a fresh database, the simulator on
// the enterprise rate-limit tier, `next start` with its Postgres round trips counted, one browser
// sign-in, and every URL timed (TTFB and the whole document) `runs` times after one warm-up each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { createDatabase, dropDatabase, freePort, migrate, withDatabase } from "../scripts/lib/postgres";
import { runToEnd, stopAllChildren } from "../scripts/lib/processes";
import { sqlLines, startBenchSim, startListApp } from "./http";

export type Spread = { p50: number; p95: number; max: number };

export type ListBenchFigures = {
  views: number;
  ttfbMs: Spread;
  fullPageMs: Spread;
  /** `label`: what the page said it shows (read from its HTML by the bench's `label`). */
  perUrl: Array<{ url: string; ttfbP95: number; fullP95: number; label: string | null }>;
  queriesPerView: number;
  bytesPerView: number;
};

/** Where a bench's own fill steps run: the simulator and the app's database. */
export type ListBenchEnv = { simUrl: string; simToken: string; dbUrl: string };

export type ListBenchSpec = {
  /** Names the database (`chekt_<name>_bench_…`). */
  name: string;
  /** The list page ("/sites"): its round trips are counted. */
  path: string;
  /** That page with the query strings to time. */
  urls: string[];
  /** BENCH_APP_PORT / BENCH_SIM_PORT pin the ports when set (default: free ones). */
  pinPorts?: boolean;
  /** Runs once the simulator answers, before the app starts (so its first sweep sees it). */
  beforeApp?: (env: ListBenchEnv) => Promise<void>;
  /** Runs once the app answers, before the views are timed. */
  afterApp?: (env: ListBenchEnv) => Promise<void>;
  /** What a view's HTML says it shows (a range, a total), or null. */
  label: (body: string) => string | null;
  runs: number;
  log: (s: string) => void;
};

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}
const median = (v: number[]) => (v.length ? pct(v, 50) : Number.NaN);
const stats = (v: number[]): Spread => ({ p50: pct(v, 50), p95: pct(v, 95), max: pct(v, 100) });

/** Time to the first byte of the body and to the end of the document, with the session cookie. */
async function timeView(url: string, cookie: string): Promise<{ ttfb: number; full: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  const reader = res.body!.getReader();
  const first = await reader.read();
  const ttfb = performance.now() - t0;
  const chunks: Uint8Array[] = first.value ? [first.value] : [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return { ttfb, full: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") };
}

/** Sign in once through the real page; the session cookie is then reused by plain requests. */
async function browserSignIn(appUrl: string, password: string): Promise<string> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByLabel(/email/i).fill("bench@example.com");
    await page.getByLabel(/password/i).fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/** Times `spec.urls` on a fresh stack; everything it started is stopped and its database dropped. */
export async function runListBench(spec: ListBenchSpec): Promise<ListBenchFigures> {
  const { log, runs } = spec;
  loadEnv([".env.example"]);
  const distDir = process.env.BENCH_DIST_DIR || ".next-test";
  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_${spec.name}_bench_${Date.now().toString(36)}`;
  const sqlFile = path.join(os.tmpdir(), `bench-sql-${dbName}.jsonl`);
  const dbUrl = withDatabase(admin, dbName);
  const pinned = (v: string | undefined) => (spec.pinPorts ? Number(v) : 0);
  const appPort = pinned(process.env.BENCH_APP_PORT) || (await freePort());
  const simPort = pinned(process.env.BENCH_SIM_PORT) || (await freePort());
  const appUrl = `http://localhost:${appPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simToken = `bench-${Date.now()}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pass`;
  const env: ListBenchEnv = { simUrl, simToken, dbUrl };

  try {
    if (!fs.existsSync(path.join(repoRoot, distDir, "BUILD_ID"))) {
      log(`building the app into ${distDir} (no build found)…`);
      const code = await runToEnd("build", "next", ["build"], {
        env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, DATABASE_URL: dbUrl },
      });
      if (code !== 0) throw new Error("next build failed");
    }
    await createDatabase(admin, dbName);
    await migrate(dbUrl, { quiet: true });
    Object.assign(process.env, { SEED_ADMIN_PASSWORD: password, SEED_ADMIN_EMAIL: "bench@example.com" });
    const { runSeed } = await import(pathToFileURL(path.join(repoRoot, "prisma/seed.ts")).href);
    await runSeed({ databaseUrl: dbUrl, log: () => {} });

    const rates = { CHEKT_RATE_LIMIT_PER_MIN: "3000", CHEKT_RATE_LIMIT_BURST_PER_S: "200" };
    await startBenchSim({ simPort, simUrl, appUrl, simToken, env: rates });
    await spec.beforeApp?.(env);
    await startListApp({ appPort, appUrl, distDir, dbUrl, simUrl, simToken, sqlFile });
    await spec.afterApp?.(env);
    const cookie = await browserSignIn(appUrl, password);

    for (const u of spec.urls) await timeView(appUrl + u, cookie); // warm-up: first render of each shape
    const ttfbs: number[] = [];
    const fulls: number[] = [];
    const bytes: number[] = [];
    const perUrl: ListBenchFigures["perUrl"] = [];
    for (const u of spec.urls) {
      const t: number[] = [];
      const f: number[] = [];
      let label: string | null = null;
      for (let i = 0; i < runs; i++) {
        const v = await timeView(appUrl + u, cookie);
        t.push(v.ttfb);
        f.push(v.full);
        bytes.push(Buffer.byteLength(v.body));
        label ??= spec.label(v.body);
      }
      ttfbs.push(...t);
      fulls.push(...f);
      perUrl.push({ url: u, ttfbP95: pct(t, 95), fullP95: pct(f, 95), label });
    }
    return {
      views: ttfbs.length,
      ttfbMs: stats(ttfbs),
      fullPageMs: stats(fulls),
      perUrl,
      queriesPerView: median(
        sqlLines(sqlFile, (l) => l.method === "GET" && l.path.startsWith(spec.path)).map((l) => l.queries),
      ),
      bytesPerView: median(bytes),
    };
  } finally {
    await stopAllChildren();
    await dropDatabase(admin, dbName).catch(() => undefined);
    fs.rmSync(sqlFile, { force: true });
  }
}

/** The figures every list bench prints under its own first line. */
export function logListFigures(
  log: (s: string) => void,
  r: ListBenchFigures,
  urlWidth: number,
  label: (l: string | null) => string,
) {
  log(`  TTFB       p50 ${r.ttfbMs.p50} ms   p95 ${r.ttfbMs.p95} ms   max ${r.ttfbMs.max} ms`);
  log(`  full page  p50 ${r.fullPageMs.p50} ms   p95 ${r.fullPageMs.p95} ms   max ${r.fullPageMs.max} ms`);
  log(`  per view   ${r.queriesPerView} Postgres round trips, ${r.bytesPerView} bytes (medians)`);
  for (const p of r.perUrl)
    log(
      `  ${p.url.padEnd(urlWidth)} TTFB p95 ${String(p.ttfbP95).padStart(7)} ms   full p95 ` +
        `${String(p.fullP95).padStart(7)} ms   ${label(p.label)}`,
    );
}
