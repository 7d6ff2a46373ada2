// What the list-page benches (sites-list.ts, fleet.ts) share: a fresh database, the simulator on
// the enterprise rate-limit tier, `next start` with its Postgres round trips counted, one browser
// sign-in, every URL timed (TTFB and the whole document) `runs` times after one warm-up each, and
// the figures printed.
// BENCH_B_DIST_DIR names a second build to time against the first (BENCH_DIST_DIR), view by view.
// The production shape: the web instances only serve (BACKGROUND_WORK=off) and one `npm run worker`
// process runs the background work. BENCH_B_BACKGROUND=on starts B (A's build unless BENCH_B_DIST_DIR)
// with the background work in its own event loop instead of the worker: the one-process shape, timed
// beside A, a web instance that only serves, on the same database under the same load.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { createDatabase, dropDatabase, freePort, migrate, withDatabase } from "../scripts/lib/postgres";
import { treeCpuMs } from "../scripts/lib/proc-cpu";
import { runToEnd, stopAllChildren } from "../scripts/lib/processes";
import { cpuOf, listAppEnv, sqlLines, startBenchSim, startBenchWorker, startListApp } from "./http";

export type Spread = { p50: number; p95: number; max: number };

export type ListBenchFigures = {
  views: number;
  ttfbMs: Spread;
  fullPageMs: Spread;
  /** `label`: what the page said it shows (read from its HTML by the bench's `label`). */
  perUrl: Array<{ url: string; ttfbP95: number; fullP95: number; label: string | null }>;
  queriesPerView: number;
  bytesPerView: number;
  /**
   * CPU time (user + system) of the app's processes over the timed views, per view: what a view costs
   * the server whatever the box's load (its background work, pg-boss polling, is counted in too).
   */
  cpuMsPerView: number;
  /**
   * The app process's CPU time while a view's request was open (bench/sql-count.mjs), median: the
   * view's own work plus whatever background work ran in those milliseconds, without the rest.
   */
  requestCpuMs: number;
  /** CPU time of the worker process (scripts/worker.ts) over the timed views, per view of every app timed. */
  workerCpuMsPerView?: number;
  /** With BENCH_B_DIST_DIR: the same views of that second build, each timed right after (or before) A's. */
  b?: ListBenchFigures;
};

/** What a list bench reports of its figures: all but the per-URL rows (each names its label) and B's. */
export type ListBenchSummary = Omit<ListBenchFigures, "perUrl" | "b">;

/** A list bench's result: the summary, how many rows it filled (`Count`), each URL's label named `Label`. */
export type ListBenchResult<Count extends string, Label extends string> = ListBenchSummary &
  Record<Count, number> & {
    perUrl: Array<{ url: string; ttfbP95: number; fullP95: number } & Record<Label, string | null>>;
  };

export function listBenchSummary(f: ListBenchFigures): ListBenchSummary {
  const { views, ttfbMs, fullPageMs, queriesPerView, bytesPerView, cpuMsPerView, requestCpuMs, workerCpuMsPerView } = f;
  return { views, ttfbMs, fullPageMs, queriesPerView, bytesPerView, cpuMsPerView, requestCpuMs, workerCpuMsPerView };
}

/** The options every list bench takes; unset, BENCH_RUNS (8 views of each URL) and the console. */
export type ListBenchOptions = { runs?: number; log?: (s: string) => void };

/** Where a bench's own fill steps run (the simulator and the app's database), and where they print. */
export type ListBenchEnv = { simUrl: string; simToken: string; dbUrl: string; log: (s: string) => void };

export type ListBenchSpec = ListBenchOptions & {
  /** The list page ("/sites"): its round trips are counted; it names the database (`chekt_sites_bench_…`). */
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
  /** How the figures print: their first line (given the views of each URL), URL column width, each URL's label. */
  print: {
    heading: (f: ListBenchFigures, runs: number) => string;
    urlWidth: number;
    showLabel: (label: string | null) => string;
  };
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

/** The look of the cells that a restyle must keep: per cell of the first rows, a few computed styles. */
const CELL_STYLE_PROPS = ["display", "padding", "color", "white-space", "font-size", "font-weight", "text-align"];

/**
 * BENCH_SHOTS_DIR: phone (390 px) and laptop screenshots of `url` on each build, and the computed
 * styles of the first rows' cells compared between the builds (a restyle must not change how a
 * list looks; the shots are for looking at).
 */
async function shotsAndStyles(
  apps: Array<{ url: string }>,
  url: string,
  cookie: string,
  dir: string,
  log: (s: string) => void,
) {
  fs.mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const styles: string[][] = [];
    for (const [k, app] of apps.entries()) {
      const ctx = await browser.newContext();
      await ctx.addCookies(
        cookie.split("; ").map((c) => {
          const i = c.indexOf("=");
          return { name: c.slice(0, i), value: c.slice(i + 1), url: app.url };
        }),
      );
      const page = await ctx.newPage();
      const seen: string[] = [];
      for (const [label, size] of [
        ["phone", { width: 390, height: 844 }],
        ["laptop", { width: 1366, height: 900 }],
      ] as const) {
        await page.setViewportSize(size);
        await page.goto(app.url + url);
        await page.locator("table tbody tr").first().waitFor();
        const name = `${k === 0 ? "a" : "b"}-${url.replace(/[^a-z0-9]+/gi, "_")}-${label}.png`;
        await page.screenshot({ path: path.join(dir, name), fullPage: true });
        seen.push(
          ...(await page
            .evaluate((props) => {
              const rows = [...document.querySelectorAll("table tbody tr")].slice(0, 3);
              return rows.flatMap((tr, r) =>
                [tr, ...tr.querySelectorAll(":scope > td, :scope > td a, :scope > td button")].map((el, c) => {
                  const cs = getComputedStyle(el);
                  const before = el.tagName === "TD" ? getComputedStyle(el, "::before").content : "";
                  return `${r}.${c} ${el.tagName} ${props.map((p) => cs.getPropertyValue(p)).join("|")} ${before}`;
                }),
              );
            }, CELL_STYLE_PROPS)
            .then((xs) => xs.map((x) => `${label} ${x}`))),
        );
      }
      styles.push(seen);
      await ctx.close();
    }
    log(`  screenshots of ${url} in ${dir}`);
    if (styles.length === 2) {
      const [a, b] = [styles[0]!, styles[1]!];
      const diff = a.flatMap((x, i) => (x === b[i] ? [] : [i]));
      log(`  computed styles of the first rows' cells: ${diff.length} of ${a.length} differ between the builds`);
      for (const i of diff.slice(0, 10)) log(`    A ${a[i]}\n    B ${b[i]}`);
    }
  } finally {
    await browser.close();
  }
}

/**
 * Times `spec.urls` on a fresh stack and prints the figures; everything it started is stopped and its
 * database dropped.
 */
export async function runListBench(spec: ListBenchSpec): Promise<ListBenchFigures> {
  const runs = spec.runs ?? Number(process.env.BENCH_RUNS || 8);
  const log = spec.log ?? ((s: string) => console.log(s));
  const figures = await timeListPage(spec, runs, log);
  log(spec.print.heading(figures, runs));
  logListFigures(log, figures, spec.print.urlWidth, spec.print.showLabel);
  return figures;
}

async function timeListPage(spec: ListBenchSpec, runs: number, log: (s: string) => void): Promise<ListBenchFigures> {
  loadEnv([".env.example"]);
  const distDir = process.env.BENCH_DIST_DIR || ".next-test";
  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_${spec.path.slice(1)}_bench_${Date.now().toString(36)}`;
  const sqlFile = path.join(os.tmpdir(), `bench-sql-${dbName}.jsonl`);
  const dbUrl = withDatabase(admin, dbName);
  const pinned = (v: string | undefined) => (spec.pinPorts ? Number(v) : 0);
  const appPort = pinned(process.env.BENCH_APP_PORT) || (await freePort());
  const simPort = pinned(process.env.BENCH_SIM_PORT) || (await freePort());
  const appUrl = `http://localhost:${appPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simToken = `bench-${Date.now()}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pass`;
  const env: ListBenchEnv = { simUrl, simToken, dbUrl, log };

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
    const appA = await startListApp({ appPort, appUrl, distDir, dbUrl, simUrl, simToken, sqlFile });
    // A second build (BENCH_B_DIST_DIR) on the same database and simulator, timed view by view
    // beside the first: on a shared box only such pairs compare two builds fairly.
    const bBackground = process.env.BENCH_B_BACKGROUND === "on";
    const bDist = process.env.BENCH_B_DIST_DIR || (bBackground ? distDir : undefined);
    const b = bDist ? { url: `http://localhost:${await freePort()}`, sqlFile: `${sqlFile}.b`, pid: 0 } : null;
    if (b && bDist) {
      const port = Number(new URL(b.url).port);
      const o = { appPort: port, appUrl: b.url, distDir: bDist, dbUrl, simUrl, simToken, sqlFile: b.sqlFile };
      b.pid = (await startListApp({ ...o, background: bBackground })).process.pid!;
    }
    const worker = bBackground ? null : await startBenchWorker(listAppEnv({ appPort, appUrl, distDir, dbUrl, simUrl }));
    await spec.afterApp?.(env);
    const cookie = await browserSignIn(appUrl, password);

    const apps = [{ url: appUrl, sqlFile, pid: appA.process.pid! }, ...(b ? [b] : [])];
    const samples = apps.map(() => ({ ttfbs: [] as number[], fulls: [] as number[], bytes: [] as number[] }));
    const perUrl: Array<ListBenchFigures["perUrl"]> = apps.map(() => []);
    for (const app of apps) for (const u of spec.urls) await timeView(app.url + u, cookie); // warm-up
    const cpu0 = apps.map((app) => treeCpuMs(app.pid));
    const workerCpu = () => (worker ? (treeCpuMs(worker.process.pid!) ?? Number.NaN) : Number.NaN);
    const workerCpu0 = workerCpu();
    for (const u of spec.urls) {
      const t: number[][] = apps.map(() => []);
      const f: number[][] = apps.map(() => []);
      const labels: Array<string | null> = apps.map(() => null);
      for (let i = 0; i < runs; i++) {
        // Alternate which build goes first, so neither always meets the other's leftovers.
        const order = i % 2 ? [...apps.keys()].reverse() : [...apps.keys()];
        for (const k of order) {
          const v = await timeView(apps[k]!.url + u, cookie);
          t[k]!.push(v.ttfb);
          f[k]!.push(v.full);
          samples[k]!.bytes.push(Buffer.byteLength(v.body));
          labels[k] ??= spec.label(v.body);
        }
      }
      apps.forEach((_, k) => {
        samples[k]!.ttfbs.push(...t[k]!);
        samples[k]!.fulls.push(...f[k]!);
        perUrl[k]!.push({ url: u, ttfbP95: pct(t[k]!, 95), fullP95: pct(f[k]!, 95), label: labels[k]! });
      });
    }
    const cpuMs = apps.map((app, k) => (treeCpuMs(app.pid) ?? Number.NaN) - (cpu0[k] ?? Number.NaN));
    const workerCpuMs = workerCpu() - workerCpu0;
    const allViews = samples.reduce((n, x) => n + x.ttfbs.length, 0);
    const shotsDir = process.env.BENCH_SHOTS_DIR;
    if (shotsDir) await shotsAndStyles(apps, spec.urls[0]!, cookie, shotsDir, log);
    const viewLines = (file: string) =>
      sqlLines(file, (l) => l.method === "GET" && (l.path === spec.path || l.path.startsWith(`${spec.path}?`)));
    const figures = apps.map((app, k): ListBenchFigures => ({
      views: samples[k]!.ttfbs.length,
      ttfbMs: stats(samples[k]!.ttfbs),
      fullPageMs: stats(samples[k]!.fulls),
      perUrl: perUrl[k]!,
      queriesPerView: median(viewLines(app.sqlFile).map((l) => l.queries)),
      requestCpuMs: cpuOf(viewLines(app.sqlFile)).median,
      bytesPerView: median(samples[k]!.bytes),
      cpuMsPerView: Math.round((cpuMs[k]! / samples[k]!.ttfbs.length) * 10) / 10,
    }));
    const workerCpuMsPerView = worker ? Math.round((workerCpuMs / allViews) * 10) / 10 : undefined;
    return { ...figures[0]!, workerCpuMsPerView, ...(figures[1] ? { b: figures[1] } : {}) };
  } finally {
    await stopAllChildren();
    // Kept beside the profiles (BENCH_CPU_PROF): bench/cpu-profile.mjs --requests reads which view was open when.
    const profDir = process.env.BENCH_CPU_PROF;
    for (const [from, to] of [
      [sqlFile, "requests.jsonl"],
      [`${sqlFile}.b`, "requests-b.jsonl"],
    ])
      if (profDir && fs.existsSync(from)) fs.copyFileSync(from, path.join(path.resolve(profDir), to));
    await dropDatabase(admin, dbName).catch(() => undefined);
    fs.rmSync(sqlFile, { force: true });
    fs.rmSync(`${sqlFile}.b`, { force: true });
  }
}

/** The figures every list bench prints under its own first line. */
function logListFigures(
  log: (s: string) => void,
  r: ListBenchFigures,
  urlWidth: number,
  label: (l: string | null) => string,
) {
  log(`  TTFB       p50 ${r.ttfbMs.p50} ms   p95 ${r.ttfbMs.p95} ms   max ${r.ttfbMs.max} ms`);
  log(`  full page  p50 ${r.fullPageMs.p50} ms   p95 ${r.fullPageMs.p95} ms   max ${r.fullPageMs.max} ms`);
  log(`  per view   ${r.queriesPerView} Postgres round trips, ${r.bytesPerView} bytes (medians)`);
  log(`  server CPU ${r.cpuMsPerView} ms per view (user + system of the app's processes over the timed views)`);
  log(`  ${r.requestCpuMs} ms of it while the view's request was open (median; bench/sql-count.mjs)`);
  if (r.workerCpuMsPerView !== undefined)
    log(`  worker CPU ${r.workerCpuMsPerView} ms per view timed (the background process, scripts/worker.ts)`);
  for (const p of r.perUrl)
    log(
      `  ${p.url.padEnd(urlWidth)} TTFB p95 ${String(p.ttfbP95).padStart(7)} ms   full p95 ` +
        `${String(p.fullP95).padStart(7)} ms   ${label(p.label)}`,
    );
  if (r.b) {
    const bShape = process.env.BENCH_B_BACKGROUND === "on" ? ", the background work in its event loop, no worker" : "";
    log(
      `  B build (${process.env.BENCH_B_DIST_DIR || "A's"}${bShape}), the same views interleaved with the ones above:`,
    );
    logListFigures(log, r.b, urlWidth, label);
  }
}
