// Sites list TTFB for a dealer with 10,000 sites: the real page (`next start`, signed in) against
// the simulator, the real Postgres. Prints figures; asserts nothing.
//
//   node --import tsx bench/sites-list.ts            (or import { runSitesBench } from here)
//
// Needs a production build in BENCH_DIST_DIR (default .next-test, what `npm test` builds; built
// here when missing). Env: DATABASE_URL or TEST_PG_ADMIN_URL names the Postgres server (a fresh
// database is created and dropped); BENCH_SITES (10000), BENCH_RUNS (each URL, 8); BENCH_APP_PORT and
// BENCH_SIM_PORT pin the ports (default: free ones).
//
// The simulator runs with the enterprise rate-limit tier (3,000/min, 200/s) so the figure is the
// console's and the API's latency, not the free tier's 1 request a second; every page view costs
// exactly one CHeKT list call (two with the station column shown). Since the mirror, a page view makes
// no CHeKT call: the figure is Postgres (the sweep's own calls run meanwhile, at its class).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { createDatabase, dropDatabase, freePort, migrate, withDatabase } from "../scripts/lib/postgres";
import { runToEnd, startChild, stopAllChildren, waitForHttp } from "../scripts/lib/processes";
import { sqlLines, startListApp } from "./http";

export type SitesBenchResult = {
  sites: number;
  views: number;
  ttfbMs: { p50: number; p95: number; max: number };
  fullPageMs: { p50: number; p95: number; max: number };
  perUrl: Array<{ url: string; ttfbP95: number; fullP95: number; total: string | null }>;
  /** Postgres round trips per view (bench/sql-count.mjs) and the HTML+RSC bytes of a view, medians over every view */
  queriesPerView: number;
  bytesPerView: number;
};

const URLS = [
  "/sites",
  "/sites?sort=name&dir=desc",
  "/sites?page=200&per=50",
  "/sites?sort=created_at&dir=desc&per=100",
  "/sites?active=0&tz=Asia%2FSeoul",
  "/sites?q=site%200042",
  "/sites?cols=name,timezone,monitoring_station_id,is_activated",
];

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}
const median = (v: number[]) => (v.length ? pct(v, 50) : Number.NaN);
const stats = (v: number[]) => ({ p50: pct(v, 50), p95: pct(v, 95), max: pct(v, 100) });

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

export async function runSitesBench(
  opts: { sites?: number; runs?: number; log?: (s: string) => void } = {},
): Promise<SitesBenchResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  loadEnv([".env.example"]);
  const sites = opts.sites ?? Number(process.env.BENCH_SITES || 10_000);
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS || 8);
  const distDir = process.env.BENCH_DIST_DIR || ".next-test";
  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_sites_bench_${Date.now().toString(36)}`;
  const sqlFile = path.join(os.tmpdir(), `bench-sql-${dbName}.jsonl`);
  const dbUrl = withDatabase(admin, dbName);
  const appPort = Number(process.env.BENCH_APP_PORT) || (await freePort());
  const simPort = Number(process.env.BENCH_SIM_PORT) || (await freePort());
  const appUrl = `http://localhost:${appPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simToken = `bench-${Date.now()}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pass`;

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

    const sim = startChild("sim", "node", ["--import", "tsx", "simulator/main.ts"], {
      echo: false,
      env: {
        ...process.env,
        CHEKT_SIM_PORT: String(simPort),
        APP_URL: appUrl,
        CHEKT_SIM_DATA_FILE: "",
        CHEKT_SIM_ADMIN_TOKEN: simToken,
        CHEKT_SIM_DEMO_ALARM_EVERY_S: "0",
        CHEKT_RATE_LIMIT_PER_MIN: "3000",
        CHEKT_RATE_LIMIT_BURST_PER_S: "200",
      },
    });
    await waitForHttp(`${simUrl}/_sim/health`, 60_000, sim);
    const bulk = await fetch(`${simUrl}/_sim/bulk-sites`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${simToken}` },
      body: JSON.stringify({ dealer_id: 1, count: sites }),
    });
    if (!bulk.ok) throw new Error(`bulk-sites: HTTP ${bulk.status} ${await bulk.text()}`);

    await startListApp({ appPort, appUrl, distDir, dbUrl, simUrl, simToken, sqlFile });
    // Pages read the mirror (docs/mirror.md): time them once the app's first sweep has listed every
    // site (its children phase goes on in the background meanwhile, as it would in production).
    const pgc = new (await import("pg")).default.Client({ connectionString: dbUrl });
    await pgc.connect();
    try {
      for (const t0 = Date.now(); ;) {
        const { rows } = await pgc.query<{ n: number }>(
          "select count(*)::int as n from mirror_sites where gone_at is null",
        );
        if (rows[0]!.n >= sites) break;
        if (Date.now() - t0 > 600_000)
          throw new Error(`the mirror holds ${rows[0]!.n} of ${sites} sites after 10 minutes`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await pgc.end();
    }

    // Sign in once through the real page; the session cookie is then reused by plain requests.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    });
    let cookie: string;
    try {
      const page = await browser.newPage();
      await page.goto(`${appUrl}/sign-in`);
      await page.getByLabel(/email/i).fill("bench@example.com");
      await page.getByLabel(/password/i).fill(password);
      await page.getByRole("button", { name: /sign in/i }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
      cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    } finally {
      await browser.close();
    }

    for (const u of URLS) await timeView(appUrl + u, cookie); // warm-up: first render of each shape
    const ttfbs: number[] = [];
    const fulls: number[] = [];
    const bytes: number[] = [];
    const perUrl: SitesBenchResult["perUrl"] = [];
    for (const u of URLS) {
      const t: number[] = [];
      const f: number[] = [];
      let total: string | null = null;
      for (let i = 0; i < runs; i++) {
        const v = await timeView(appUrl + u, cookie);
        t.push(v.ttfb);
        f.push(v.full);
        bytes.push(Buffer.byteLength(v.body));
        total ??= /data-testid="sites-total"[^>]*>([\d,]+)</.exec(v.body)?.[1] ?? null;
      }
      ttfbs.push(...t);
      fulls.push(...f);
      perUrl.push({ url: u, ttfbP95: pct(t, 95), fullP95: pct(f, 95), total });
    }
    const result: SitesBenchResult = {
      sites,
      views: ttfbs.length,
      ttfbMs: stats(ttfbs),
      fullPageMs: stats(fulls),
      perUrl,
      queriesPerView: median(
        sqlLines(sqlFile, (l) => l.method === "GET" && l.path.startsWith("/sites")).map((l) => l.queries),
      ),
      bytesPerView: median(bytes),
    };
    log(
      `sites list, dealer with ${sites.toLocaleString("en-US")} sites, ${result.views} signed-in page ` +
        `views (${runs} per URL)`,
    );
    log(`  TTFB       p50 ${result.ttfbMs.p50} ms   p95 ${result.ttfbMs.p95} ms   max ${result.ttfbMs.max} ms`);
    log(
      `  full page  p50 ${result.fullPageMs.p50} ms   p95 ${result.fullPageMs.p95} ms   max ` +
        `${result.fullPageMs.max} ms`,
    );
    log(`  per view   ${result.queriesPerView} Postgres round trips, ${result.bytesPerView} bytes (medians)`);
    for (const p of perUrl)
      log(
        `  ${p.url.padEnd(62)} TTFB p95 ${String(p.ttfbP95).padStart(7)} ms   full p95 ` +
          `${String(p.fullP95).padStart(7)} ms   total ${p.total ?? "?"}`,
      );
    return result;
  } finally {
    await stopAllChildren();
    await dropDatabase(admin, dbName).catch(() => undefined);
    fs.rmSync(sqlFile, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runSitesBench().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
