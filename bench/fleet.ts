// /fleet TTFB for a dealer with 20,000 devices (issue 15's goal: p95 ≤ 80 ms): the real page
// (`next start`, signed in) reading the real Postgres. Prints figures; asserts nothing.
//
//   node --import tsx bench/fleet.ts            (or import { runFleetBench } from here)
//
// Needs a production build in BENCH_DIST_DIR (default .next-test; built when missing). Env:
// DATABASE_URL or TEST_PG_ADMIN_URL names the Postgres server (a fresh database is created and
// dropped); BENCH_DEVICES (20000), BENCH_RUNS (each URL, 8).
//
// The app's first sweep fills the mirror from the simulator's seed; then 2,000 sites and 20,000
// devices are written into the mirror in SQL (a fifth offline with spells from minutes to weeks, a
// tenth never reported, four firmware versions), as device.* webhooks and sweeps would leave them.
// Filling them through the simulator would take the sweep hours on any rate limit, and the page
// reads only the mirror. The next sweep (15 min later) would mark them gone; the bench ends first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { createDatabase, dropDatabase, freePort, migrate, withDatabase } from "../scripts/lib/postgres";
import { runToEnd, startChild, stopAllChildren, waitForHttp } from "../scripts/lib/processes";
import { sqlLines, startListApp } from "./http";

export type FleetBenchResult = {
  devices: number;
  views: number;
  ttfbMs: { p50: number; p95: number; max: number };
  fullPageMs: { p50: number; p95: number; max: number };
  perUrl: Array<{ url: string; ttfbP95: number; fullP95: number; range: string | null }>;
  /** Postgres round trips per view (bench/sql-count.mjs) and the HTML+RSC bytes of a view, medians over every view */
  queriesPerView: number;
  bytesPerView: number;
};

const URLS = [
  "/fleet",
  "/fleet?page=150&per=100",
  "/fleet?status=offline",
  "/fleet?offlineFor=60",
  "/fleet?offlineFor=10080&type=camera",
  "/fleet?firmware=2.14.1&per=200",
  "/fleet?site=100500",
  "/fleet?status=unknown&type=bridge",
];

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}
const median = (v: number[]) => (v.length ? pct(v, 50) : Number.NaN);
const stats = (v: number[]) => ({ p50: pct(v, 50), p95: pct(v, 95), max: pct(v, 100) });

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

export async function runFleetBench(
  opts: { devices?: number; runs?: number; log?: (s: string) => void } = {},
): Promise<FleetBenchResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  loadEnv([".env.example"]);
  const devices = opts.devices ?? Number(process.env.BENCH_DEVICES || 20_000);
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS || 8);
  const distDir = process.env.BENCH_DIST_DIR || ".next-test";
  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_fleet_bench_${Date.now().toString(36)}`;
  const sqlFile = path.join(os.tmpdir(), `bench-sql-${dbName}.jsonl`);
  const dbUrl = withDatabase(admin, dbName);
  const appPort = await freePort();
  const simPort = await freePort();
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
    await startListApp({ appPort, appUrl, distDir, dbUrl, simUrl, simToken, sqlFile });

    const pgc = new (await import("pg")).default.Client({ connectionString: dbUrl });
    await pgc.connect();
    try {
      const { rows: links } = await pgc.query<{ id: string }>("SELECT id FROM dealer_links WHERE chekt_dealer_id = 1");
      const link = links[0]!.id;
      for (const t0 = Date.now(); ;) {
        const { rows } = await pgc.query<{ f: Date | null }>(
          "SELECT finished_at AS f FROM mirror_syncs WHERE dealer_link_id = $1",
          [link],
        );
        if (rows[0]?.f) break;
        if (Date.now() - t0 > 300_000) throw new Error("the app's first sweep did not finish in 5 minutes");
        await new Promise((r) => setTimeout(r, 1000));
      }
      await pgc.query(
        `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, account_number, station_id,
            is_activated, timezone, search_text, dto, confirmed_at, updated_at)
         SELECT $1, 100000 + g, 'bench-site-' || g, 'Bench Site ' || lpad(g::text, 4, '0'), (500000 + g)::text, 1,
           true, 'UTC', 'bench site ' || g, '{}'::jsonb, now(), now()
           FROM generate_series(1, 2000) g`,
        [link],
      );
      await pgc.query(
        `INSERT INTO mirror_devices (dealer_link_id, chekt_id, site_id, external_id, name, device_type, status,
            status_at, last_seen_at, firmware, firmware_at, dto, confirmed_at, updated_at)
         SELECT $1, 1000000 + g, 100001 + (g % 2000), 'bench-dev-' || g, 'Bench Camera ' || g,
                CASE WHEN g % 10 = 0 THEN 'bridge' ELSE 'camera' END,
                CASE WHEN g % 10 = 1 THEN NULL WHEN g % 5 = 2 THEN 'offline' ELSE 'online' END,
                CASE WHEN g % 10 = 1 THEN NULL ELSE now() - (g % 20000) * interval '1 minute' END,
                now() - (g % 3000) * interval '1 minute',
                (ARRAY['2.14.1', '2.14.0', '2.13.5', '3.2.0'])[1 + g % 4], now(), '{}'::jsonb, now(), now()
           FROM generate_series(1, $2::int) g`,
        [link, devices],
      );
      await pgc.query("ANALYZE mirror_devices; ANALYZE mirror_sites");
    } finally {
      await pgc.end();
    }

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
    const perUrl: FleetBenchResult["perUrl"] = [];
    for (const u of URLS) {
      const t: number[] = [];
      const f: number[] = [];
      let range: string | null = null;
      for (let i = 0; i < runs; i++) {
        const v = await timeView(appUrl + u, cookie);
        t.push(v.ttfb);
        f.push(v.full);
        bytes.push(Buffer.byteLength(v.body));
        range ??=
          /data-testid="fleet-range"[^>]*>([^<]*(?:<!-- -->[^<]*)*)</.exec(v.body)?.[1]?.replace(/<!-- -->/g, "") ??
          (v.body.includes("No device matches") ? "none" : null);
      }
      ttfbs.push(...t);
      fulls.push(...f);
      perUrl.push({ url: u, ttfbP95: pct(t, 95), fullP95: pct(f, 95), range });
    }
    const result: FleetBenchResult = {
      devices,
      views: ttfbs.length,
      ttfbMs: stats(ttfbs),
      fullPageMs: stats(fulls),
      perUrl,
      queriesPerView: median(
        sqlLines(sqlFile, (l) => l.method === "GET" && l.path.startsWith("/fleet")).map((l) => l.queries),
      ),
      bytesPerView: median(bytes),
    };
    log(
      `/fleet, dealer with ${devices.toLocaleString("en-US")} devices on 2,000 sites, ${result.views} ` +
        `signed-in page views (${runs} per URL)`,
    );
    log(`  TTFB       p50 ${result.ttfbMs.p50} ms   p95 ${result.ttfbMs.p95} ms   max ${result.ttfbMs.max} ms`);
    log(
      `  full page  p50 ${result.fullPageMs.p50} ms   p95 ${result.fullPageMs.p95} ms   max ` +
        `${result.fullPageMs.max} ms`,
    );
    log(`  per view   ${result.queriesPerView} Postgres round trips, ${result.bytesPerView} bytes (medians)`);
    for (const p of perUrl)
      log(
        `  ${p.url.padEnd(40)} TTFB p95 ${String(p.ttfbP95).padStart(7)} ms   full p95 ` +
          `${String(p.fullP95).padStart(7)} ms   ${p.range ?? "?"}`,
      );
    return result;
  } finally {
    await stopAllChildren();
    await dropDatabase(admin, dbName).catch(() => undefined);
    fs.rmSync(sqlFile, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runFleetBench().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
