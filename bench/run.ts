// `npm run bench`: every benchmark in bench/, one after the other (two shared cores: running them
// side by side would measure each other), then ONE table and bench/results.json.
// Figures are printed, never asserted. A sub-bench that fails prints "failed: reason" in its rows
// and the others still run.
//
// Each sub-bench makes its own fresh database (created, migrated, dropped) on the Postgres server of
// DATABASE_URL (else 127.0.0.1:5432, else an embedded one) and its own fresh simulator; the app
// benches run the production build in BENCH_DIST_DIR (default .next-bench, built here when missing
// or with --rebuild).
//
// Flags: --only webhooks,bulk,import,sites,fleet,team,action,mirror-sync   --rebuild
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { generateSecrets, withInstallSecrets } from "../scripts/lib/install-secrets";
import { ensurePostgres, type PostgresServer } from "../scripts/lib/postgres";
import { runToEnd } from "../scripts/lib/processes";
import { keepTsconfig } from "../scripts/lib/tsconfig-guard";
import type { ParseFigures } from "./job-bench";
import type { ListBenchSummary } from "./list-page";
import type { MirrorSyncPhase, MirrorSyncRuns } from "./mirror-sync";
import { onBenchRuntime, rerunOnBenchRuntime } from "./runtime";
import { errorText } from "@/lib/error-text";

type Row = { figure: string; value: string; baseline: string; ratio: string; how: string };
const rows: Row[] = [];
const results: Record<string, unknown> = { startedAt: new Date().toISOString(), node: process.version };
const args = process.argv.slice(2);
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1]?.split(",")) : null;
const want = (name: string) => !only || only.has(name);

const ms = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? "n/a" : `${Math.round(n * 10) / 10} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "n/a");

/**
 * A list page's TTFB row: its p95, how it was timed (`shapes`: what its URLs vary; `timed`: when, where
 * that varies) and what a view costs the server.
 */
function listPageRow(
  f: ListBenchSummary & { perUrl: unknown[] },
  o: { figure: string; baseline: string; ratio: string; page: string; shapes: string; timed?: string },
): Row {
  return {
    figure: o.figure,
    value: `p95 ${ms(f.ttfbMs.p95)}`,
    baseline: o.baseline,
    ratio: o.ratio,
    how:
      `${f.views} signed-in GETs of ${o.page} over ${f.perUrl.length} URL shapes (${o.shapes}), next start` +
      (o.timed ? `, timed ${o.timed}` : "") +
      `; full page p95 ${ms(f.fullPageMs.p95)}; per view ${f.queriesPerView} Postgres round trips, ` +
      `${f.bytesPerView} bytes, ${f.cpuMsPerView} ms server CPU`,
  };
}

/** A parse timed in Chromium (the figure) against `baselineMs`; a Chromium that failed says why. */
function parseRow(figure: string, p: ParseFigures, o: { baseline: string; baselineMs: number; how: string }): Row {
  return {
    figure,
    value: p.browserMs === null ? `failed: ${p.browserError}` : ms(p.browserMs),
    baseline: o.baseline,
    ratio: p.browserMs === null ? "" : ratio(p.browserMs, o.baselineMs),
    how: o.how,
  };
}

async function section(name: string, figures: string[], fn: () => Promise<void>) {
  if (!want(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  try {
    await fn();
    console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } catch (e) {
    const reason = errorText(e).split("\n")[0].slice(0, 100);
    console.error(`${name} failed:`, e);
    results[name] = { error: reason };
    for (const figure of figures) rows.push({ figure, value: `failed: ${reason}`, baseline: "", ratio: "", how: "" });
  }
}

async function ensureBuild(distDir: string, dbUrl: string) {
  const have = fs.existsSync(path.join(repoRoot, distDir, "BUILD_ID"));
  if (have && !args.includes("--rebuild")) return console.log(`using the build in ${distDir} (--rebuild to rebuild)`);
  console.log(`building the app into ${distDir}…`);
  // next build adds the dist folder's types to tsconfig.json; put it back afterwards.
  const code = await keepTsconfig(() =>
    runToEnd("build", "next", ["build"], {
      echo: false,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: distDir,
        DATABASE_URL: dbUrl,
      },
    }),
  );
  if (code !== 0) throw new Error("next build failed");
}

function printTable() {
  const head: Row = { figure: "figure", value: "value", baseline: "baseline", ratio: "ratio", how: "how measured" };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const widths = { figure: w("figure"), value: w("value"), baseline: w("baseline"), ratio: w("ratio") };
  const line = (r: Row) =>
    `${r.figure.padEnd(widths.figure)} | ${r.value.padEnd(widths.value)} | ` +
    `${r.baseline.padEnd(widths.baseline)} | ${r.ratio.padEnd(widths.ratio)} | ${r.how}`;
  console.log("\n" + line(head));
  console.log(
    `${"-".repeat(widths.figure)}-+-${"-".repeat(widths.value)}-+-` +
      `${"-".repeat(widths.baseline)}-+-${"-".repeat(widths.ratio)}-+-${"-".repeat(12)}`,
  );
  for (const r of rows) console.log(line(r));
}

async function main() {
  loadEnv([".env.example"]);
  // `next start` refuses the public example secrets: the benches run with this run's own.
  Object.assign(process.env, withInstallSecrets(process.env, generateSecrets(), { simulator: true }).env);
  const started = Date.now();
  let pgServer: PostgresServer | null = null;
  try {
    pgServer = await ensurePostgres({ log: (l) => console.log(l) });
    // The sub-benches find the server through these, and make their own databases on it.
    process.env.TEST_PG_ADMIN_URL = pgServer.adminUrl;
    process.env.DATABASE_URL = pgServer.urlFor("postgres");
    const distDir = process.env.BENCH_DIST_DIR || ".next-bench";
    process.env.BENCH_DIST_DIR = distDir;

    await section("webhooks", ["webhook ingest", "webhook ingest vs durable floor", "webhook → visible"], async () => {
      const { runWebhookBench } = await import("./webhooks-ingest");
      const f = await runWebhookBench({ log: (l) => console.log(l) });
      results.webhooks = f;
      // Our ingest rate against each baseline's, timed in the same run on the same bodies.
      const ingestVs = (figure: string, baselineEventsPerS: number, r: number, how: string) =>
        rows.push({
          figure,
          value: `${f.oursEventsPerS} events/s`,
          baseline: `${baselineEventsPerS} events/s`,
          ratio: r.toFixed(3),
          how,
        });
      ingestVs(
        "webhook ingest",
        f.baselineEventsPerS,
        f.ratio,
        `${f.events} signed deliveries, ${f.concurrency} concurrent, to lib/webhooks/receive (verify + ` +
          `store + apply + NOTIFY) vs a verify-only http receiver, same bodies; p50 ${f.oursP50Ms} vs ` +
          `${f.baselineP50Ms} ms`,
      );
      ingestVs(
        "webhook ingest vs durable floor",
        f.durableFloorEventsPerS,
        f.ratioVsDurableFloor,
        "the floor verifies and does one INSERT … ON CONFLICT DO NOTHING per event in its own transaction " +
          `(same bodies, same run); p50 ${f.oursP50Ms} vs ${f.durableFloorP50Ms} ms`,
      );
      rows.push({
        figure: "webhook → visible",
        value: `p50 ${ms(f.visibleP50Ms)}, p95 ${ms(f.visibleP95Ms)}`,
        baseline: "",
        ratio: "",
        how:
          `${f.latencySamples} verification.requested POSTs to instance A, timed until instance B's SSE ` +
          "queue stream delivers the item (commit, NOTIFY, LISTEN, query, SSE write); max " +
          `${ms(f.visibleMaxMs)}`,
      });
    });

    await section(
      "bulk",
      ["1,000 devices: calls", "1,000 devices: wall", "1,000 devices under faults", "parse+validate 5,000 rows"],
      async () => {
        const { runBulkBench } = await import("./bulk-provision");
        const f = await runBulkBench({ log: (l) => console.log(l) });
        results.bulk = f;
        const clean = f.runs[0];
        const faulty = f.runs[1];
        rows.push({
          figure: "1,000 devices: calls",
          value: `${clean.deviceCalls} device calls + ${clean.tokenCalls} token`,
          baseline: `minimum ${clean.minimumCalls}`,
          ratio: ratio(clean.deviceCalls, clean.minimumCalls),
          how:
            `bulk job runner (lib/jobs/bulk-runner) → simulator, CHEKT_MAX_BULK ${f.maxBulk}; ` +
            `${clean.succeeded} ok, ${clean.devicesInChekt} in CHeKT`,
        });
        rows.push({
          figure: "1,000 devices: wall",
          value: `${(clean.wallMs / 1000).toFixed(1)} s`,
          baseline: `floor ${(clean.floorMs / 1000).toFixed(1)} s`,
          ratio: ratio(clean.wallMs, clean.floorMs),
          how: `floor = (minimum calls − burst ${f.burst}) × 60 s / ${f.rateLimitPerMin} per min (token bucket)`,
        });
        if (faulty) {
          rows.push({
            figure: "1,000 devices under faults",
            value: `${faulty.deviceCalls} calls, ${(faulty.wallMs / 1000).toFixed(1)} s`,
            baseline: `min ${faulty.minimumCalls}, floor ${(faulty.floorMs / 1000).toFixed(1)} s`,
            ratio: `${ratio(faulty.deviceCalls, faulty.minimumCalls)} calls`,
            how:
              `${faulty.scenario}; ${faulty.succeeded} ok, ${faulty.failed} failed, ${faulty.devicesInChekt} ` +
              "in CHeKT (each exactly once)",
          });
        }
        rows.push(
          parseRow("parse+validate 5,000 rows", f.parse5000, {
            baseline: `Node ${ms(f.parse5000.nodeMs)}`,
            baselineMs: f.parse5000.nodeMs,
            how: "lib/bulk parse+map+validate bundled by esbuild, run in Chromium; median of 5 after a warm-up",
          }),
        );
      },
    );

    await section(
      "import",
      ["1,000 sites × 2 contacts: calls", "1,000 sites × 2 contacts: wall", "parse+validate 10,000 sheet rows"],
      async () => {
        const { runImportBench } = await import("./import");
        const f = await runImportBench({ log: (l) => console.log(l) });
        results.import = f;
        rows.push({
          figure: "1,000 sites × 2 contacts: calls",
          value: `${f.calls} calls + ${f.tokenCalls} token`,
          baseline: `minimum ${f.minimumCalls}`,
          ratio: ratio(f.calls, f.minimumCalls),
          how:
            `site import runner (lib/jobs/site-import-runner) → simulator; ${f.succeeded} ok, ${f.failed} ` +
            `failed, ${f.sitesInChekt} in CHeKT`,
        });
        rows.push({
          figure: "1,000 sites × 2 contacts: wall",
          value: `${(f.wallMs / 1000).toFixed(1)} s`,
          baseline: `floor ${(f.floorMs / 1000).toFixed(1)} s`,
          ratio: ratio(f.wallMs, f.floorMs),
          how:
            `simulator at ${f.rateLimitPerMin}/min (free tier 60/min would take 50 min), burst ${f.burst}; ` +
            `floor from that rate; ${f.concurrency} rows at once`,
        });
        rows.push(
          parseRow("parse+validate 10,000 sheet rows", f.parse10000, {
            baseline: "goal 300 ms",
            baselineMs: 300,
            how:
              "the import page's lib/bulk + lib/import code bundled by esbuild, run in Chromium; median of 5 " +
              "after a warm-up",
          }),
        );
      },
    );

    let built = false;
    const build = async () => {
      if (built) return;
      await ensureBuild(distDir, pgServer!.urlFor("postgres"));
      built = true;
    };

    await section("sites", ["sites list TTFB (10,000 sites)"], async () => {
      await build();
      const { runSitesBench } = await import("./sites-list");
      const f = await runSitesBench({ log: (l) => console.log(l) });
      results.sites = f;
      rows.push(
        listPageRow(f, {
          figure: `sites list TTFB (${f.sites.toLocaleString("en-US")} sites)`,
          baseline: `p50 ${ms(f.ttfbMs.p50)}`,
          ratio: "",
          page: "/sites",
          shapes: "sort, page 200, filters, search",
          timed: f.timed,
        }),
      );
    });

    await section("fleet", ["/fleet TTFB (20,000 devices)"], async () => {
      await build();
      const { runFleetBench } = await import("./fleet");
      const f = await runFleetBench({ log: (l) => console.log(l) });
      results.fleet = f;
      rows.push(
        listPageRow(f, {
          figure: `/fleet TTFB (${f.devices.toLocaleString("en-US")} devices)`,
          baseline: "goal 80 ms",
          ratio: ratio(f.ttfbMs.p95, 80),
          page: "/fleet",
          shapes: "paging, status, offline longer than, type, firmware, site",
        }),
      );
    });

    await section("team", ["team: answers", "team: pages", "team: CHeKT calls", "team: bulk"], async () => {
      await build();
      const { runTeamBench } = await import("./team");
      const f = await runTeamBench({ log: (l) => console.log(l) });
      results.team = f;
      rows.push({
        figure: "team: answers",
        value: `p95 ${ms(f.answerP95Ms)}, ${f.answersLost} lost`,
        baseline: "goal ≤ 2,000 ms, 0 lost",
        ratio: "",
        how:
          `${f.alarmsRaised} verifications raised over ${f.seconds} s, claimed + dispatched through the ` +
          `server actions as soon as listed; median ${ms(f.answerMs.median)}; CHeKT shows ${f.answered} ` +
          "answered",
      });
      rows.push({
        figure: "team: pages",
        value: `p95 ${ms(f.pageP95Ms)}, ${f.chektCallsPerPageView} CHeKT calls/view`,
        baseline: "goal ≤ 150 ms, 0 calls",
        ratio: "",
        how:
          `${f.pageViews} views by ${f.sessions} sessions over 2 instances (${f.pageErrors} failed); ` +
          "calls/view = read-class calls in the budget's usage table ÷ views",
      });
      rows.push({
        figure: "team: CHeKT calls",
        value: `${f.chektCalls} calls, ${(f.share429 * 100).toFixed(2)} % 429`,
        baseline: "goal ≤ 1 %",
        ratio: "",
        how: `simulator's own counts at 60/min burst 5; by class ${JSON.stringify(f.callsByClass)}`,
      });
      rows.push({
        figure: "team: bulk",
        value: `${f.bulk.wallS} s (${f.bulk.state}, ${f.bulk.succeeded} ok)`,
        baseline: `floor ${f.bulk.floorS} s`,
        ratio: `${f.bulkWallVsFloor}×`,
        how:
          `${f.bulk.devices} devices while sharing the budget; floor = (${f.bulk.callsDuringJob} calls of ` +
          `every class sent during the job − the ${f.bulk.tokensAtStart} tokens found less the 1 bulk keeps ` +
          `for higher classes) at 60/min; counting the whole burst: ${f.bulk.floorFullBurstS} s`,
      });
    });

    const mirrorFigures = ["mirror sweep: sites phase", "mirror sweep: children", "mirror sweep: calls per run"];
    await section("mirror-sync", mirrorFigures, async () => {
      // Its own process: the react-server condition the mirror modules need, and its CPU alone.
      const out = path.join(os.tmpdir(), `chekt-mirror-sync-${process.pid}.json`);
      fs.rmSync(out, { force: true });
      const code = await runToEnd(
        "mirror-sync",
        "node",
        ["--conditions=react-server", "--import", "tsx", "bench/mirror-sync.ts"],
        { env: { ...process.env, BENCH_RESULT_FILE: out } },
      );
      if (code !== 0 || !fs.existsSync(out)) throw new Error(`bench/mirror-sync.ts exited with ${code}`);
      const f: { sites: number; childSites: number; phases: MirrorSyncPhase[]; runs: MirrorSyncRuns | null } =
        JSON.parse(fs.readFileSync(out, "utf8"));
      fs.rmSync(out, { force: true });
      results.mirrorSync = f;
      const [sitesPhase, childrenPhase, again] = f.phases;
      if (!sitesPhase || !childrenPhase || !again) throw new Error("bench/mirror-sync.ts wrote fewer than 3 phases");
      rows.push({
        figure: "mirror sweep: sites phase",
        value: `${sitesPhase.cpuMsPerUnit} ms CPU / page`,
        baseline: `unchanged ${again.cpuMsPerUnit} ms`,
        ratio: ratio(sitesPhase.cpuMsPerUnit, again.cpuMsPerUnit),
        how:
          `first read of ${f.sites.toLocaleString("en-US")} sites (${sitesPhase.units} pages) into the mirror, ` +
          `in-process simulator over HTTP; ${sitesPhase.statementsPerUnit} statements per page ` +
          `(${sitesPhase.mirrorStatementsPerUnit} on mirror tables); baseline: the same pages read again unchanged`,
      });
      rows.push({
        figure: "mirror sweep: children",
        value: `${childrenPhase.cpuMsPerUnit} ms CPU / site`,
        baseline: "",
        ratio: "",
        how:
          `contacts, devices and arming of ${f.childSites} sites; ${childrenPhase.statementsPerUnit} ` +
          `statements per site (${childrenPhase.mirrorStatementsPerUnit} on mirror tables)`,
      });
      const runs = f.runs;
      if (runs)
        rows.push({
          figure: "mirror sweep: calls per run",
          value: `${runs.capCalls} CHeKT calls`,
          baseline: `every site: ${runs.everyCalls}`,
          ratio: ratio(runs.everyCalls, runs.capCalls),
          how:
            `one sweep of ${runs.sites.toLocaleString("en-US")} sites reading ${runs.cap} sites' children ` +
            `(MIRROR_CHILDREN_PER_RUN's free-tier default), then one reading every site's (as before, ` +
            `${(runs.everyWallMs / 1000).toFixed(0)} s here), counted at the simulator in the same process`,
        });
    });

    await section("action", ["server action overhead", "page read overhead", "app RSS after run"], async () => {
      await build();
      const { runActionBench } = await import("./action-overhead");
      const f = await runActionBench({ log: (l) => console.log(l) });
      results.action = f;
      rows.push({
        figure: "server action overhead",
        value: `median ${ms(f.writeOverhead.median)}, p95 ${ms(f.writeOverhead.p95)}`,
        baseline: `direct ${ms(f.directWrite.median)}`,
        ratio: ratio(f.action.median, f.directWrite.median),
        how:
          `sites.update posted as a server action (next start, signed in): median ${ms(f.action.median)}, ` +
          `p95 ${ms(f.action.p95)}, vs the single PUT to the simulator (the action reads "before" from the ` +
          `mirror); ${f.action.n} paired runs`,
      });
      rows.push({
        figure: "page read overhead",
        value: `median ${ms(f.readOverhead.median)}, p95 ${ms(f.readOverhead.p95)}`,
        baseline: `direct ${ms(f.directRead.median)}`,
        ratio: ratio(f.page.median, f.directRead.median),
        how:
          `/sites/<id> to the last byte: median ${ms(f.page.median)}, p95 ${ms(f.page.p95)}, vs a direct ` +
          "read with pg of the mirror rows the page shows (site, its station, device counts)",
      });
      rows.push({
        figure: "app RSS after run",
        value: `${f.rssAfterMb} MB`,
        baseline: `idle ${f.rssIdleMb} MB`,
        ratio: ratio(f.rssAfterMb, f.rssIdleMb),
        how:
          `VmRSS of the next start process tree (${f.rssProcesses} processes) after the action bench's ` +
          `${f.action.n + 15} server actions and ${f.page.n + 15} page views`,
      });
    });
  } finally {
    await pgServer?.stop().catch(() => undefined);
  }
  results.finishedAt = new Date().toISOString();
  results.wallS = Math.round((Date.now() - started) / 1000);
  results.table = rows;
  fs.writeFileSync(path.join(repoRoot, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
  printTable();
  console.log(`\nwritten bench/results.json (${results.wallS} s, Node ${process.version})`);
}

(onBenchRuntime() ? main().then(() => 0) : rerunOnBenchRuntime(args)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
