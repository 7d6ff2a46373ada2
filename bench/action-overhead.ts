// Server-action round trip vs the same CHeKT calls made straight to the simulator (prints, asserts
// nothing). The real built app (`next start` on a production build), signed in over HTTP through
// next-auth's own credentials endpoint, a simulator child with a rate limit no run reaches, so the
// figure is our overhead and not the free tier's one-call-a-second pacing.
//
//   write: `sites.update` posted as a browser posts a server action from the edit page (Next-Action
//          header, JSON arguments) — session check, role, zod, dealer scope, "before" read from the
//          mirror, budget token, PUT to CHeKT, mapping + mirror + audit row as one statement — vs the
//          single PUT straight to the simulator (the one CHeKT call the action makes);
//   read:  the site detail page `/sites/<id>` to the last byte vs a direct read, with `pg` on one
//          open connection, of the mirror rows that page shows (the site, its station, its device
//          counts): the page makes no CHeKT call, so the floor is Postgres, not the simulator.
// Also the app's resident memory (the whole `next start` process tree) idle and after the run.
//
// Run alone: node --import tsx bench/action-overhead.ts   (needs a build in BENCH_DIST_DIR, default
// .next-bench; bench/run.ts builds it when missing). Postgres from DATABASE_URL, else 127.0.0.1:5432.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { generateSecrets, withInstallSecrets } from "../scripts/lib/install-secrets";
import { createDatabase, dropDatabase, migrate, withDatabase } from "../scripts/lib/postgres";
import { startChild, waitForHttp, type Child } from "../scripts/lib/processes";
import { portOr } from "../scripts/lib/stack";
import {
  actionId,
  callAction as postAction,
  dist,
  runIfMain,
  signIn,
  cpuOf,
  nextCommand,
  sqlCountEnv,
  startBenchSim,
  sqlLines,
  sqlPerRequest,
  serverTimes,
  timed,
  type Dist,
  type SqlLine,
} from "./http";
import { treeRssMb } from "./rss";

export type { Dist };
export type ActionBenchFigures = {
  action: Dist;
  directWrite: Dist;
  /** per-pair difference action − direct (same iteration), median and p95 */
  writeOverhead: Dist;
  page: Dist;
  directRead: Dist;
  readOverhead: Dist;
  auditRows: number;
  rssIdleMb: number;
  rssAfterMb: number;
  rssProcesses: number;
  /** Postgres round trips per request (bench/sql-count.mjs): median and max */
  actionQueries: { median: number; max: number; n: number };
  pageQueries: { median: number; max: number; n: number };
  /** In the server (bench/sql-count.mjs): the action's wall time and the part spent in Postgres round trips */
  actionServer: { ms: Dist; dbMs: Dist };
  /** The server process's CPU time per request (bench/sql-count.mjs): the figure the box's load bends least */
  actionCpuMs: Dist;
  pageCpuMs: Dist;
};

/** Our own port ranges (bench: app 3900-3999, simulator 4900-4999), else any free port. */
async function portIn(from: number): Promise<number> {
  return portOr(from + Math.floor(Math.random() * 100));
}

export async function runActionBench(
  opts: { runs?: number; distDir?: string; log?: (s: string) => void } = {},
): Promise<ActionBenchFigures> {
  const log = opts.log ?? ((s: string) => console.log(s));
  loadEnv([".env.example"]);
  const runs = opts.runs ?? Number(process.env.BENCH_ACTION_RUNS || 200);
  const distDir = opts.distDir ?? process.env.BENCH_DIST_DIR ?? ".next-bench";
  if (!fs.existsSync(path.join(repoRoot, distDir, "BUILD_ID")))
    throw new Error(`no production build in ${distDir} (run next build with NEXT_DIST_DIR=${distDir})`);
  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_bench_action_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  const dbUrl = withDatabase(admin, dbName);
  const appPort = await portIn(3900);
  const simPort = await portIn(4900);
  const appUrl = `http://localhost:${appPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const email = "bench-action@example.com";
  const password = `bench-${randomBytes(6).toString("hex")}`;
  const children: Child[] = [];
  const closers: Array<() => Promise<void>> = [];
  // Far above any real tier: one iteration makes ~6 CHeKT calls in a few ms, and this figure is about
  // our overhead per call, not about pacing (bench/bulk-provision.ts measures that).
  const sqlFile = path.join(os.tmpdir(), `bench-sql-${dbName}.jsonl`);
  const rates = { CHEKT_RATE_LIMIT_PER_MIN: "1000000", CHEKT_RATE_LIMIT_BURST_PER_S: "20000" };

  await createDatabase(admin, dbName);
  try {
    await migrate(dbUrl, { quiet: true });
    Object.assign(process.env, { SEED_ADMIN_PASSWORD: password, SEED_ADMIN_EMAIL: email });
    const { runSeed } = await import(pathToFileURL(path.join(repoRoot, "prisma/seed.ts")).href);
    await runSeed({ databaseUrl: dbUrl, log: () => {} });

    children.push(await startBenchSim({ simPort, simUrl, appUrl, simToken: "", env: rates }));
    const app = startChild("app", ...nextCommand(["start", "--port", String(appPort)]), {
      echo: false,
      env: {
        ...process.env,
        ...rates,
        ...sqlCountEnv(sqlFile),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: distDir,
        PORT: String(appPort),
        DATABASE_URL: dbUrl,
        CHEKT_API_BASE_URL: simUrl,
        APP_URL: appUrl,
        AUTH_URL: appUrl,
      },
    });
    children.push(app);
    await waitForHttp(`${appUrl}/sign-in`, 120_000, app);
    const rssIdle = treeRssMb(app.process.pid!);

    const cookie = await signIn(appUrl, email, password);

    // A token and a site of our own on the simulator, exactly as the app's client would get them.
    const tokenRes = await fetch(`${simUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: process.env.CHEKT_CLIENT_ID!,
        client_secret: process.env.CHEKT_CLIENT_SECRET!,
      }),
    });
    if (!tokenRes.ok) throw new Error(`token: HTTP ${tokenRes.status} ${await tokenRes.text()}`);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
    const created = await fetch(`${simUrl}/partner/v1/dealers/1/sites`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ external_site_id: `bench-${dbName}`, name: "Bench site", timezone: "UTC" }),
    });
    if (!created.ok) throw new Error(`create site: HTTP ${created.status} ${await created.text()}`);
    const siteId = ((await created.json()) as { site_id: number }).site_id;
    const sitePath = `/partner/v1/dealers/1/sites/${siteId}`;

    const id = actionId(distDir, "actions/sites.ts", "updateSiteAction");
    // The form that calls it lives on the edit page, and the browser posts to the page it is on. Posted
    // to another page (the site page, as this bench did before), Next re-posts it to the edit page over
    // HTTP (x-action-forwarded): a second request no user makes, and its queries were counted there.
    const actionPath = `/sites/${siteId}/edit`;
    const callAction = async (name: string) => {
      // What the browser sends for the server action, minus the router state tree (so the answer
      // is the action's result, not a re-render of the page).
      const text = await postAction(appUrl, actionPath, id, cookie, [{ site_id: siteId, name }]);
      if (!text.includes(name)) throw new Error(`action answered without the new name: ${text.slice(0, 300)}`);
    };
    const callDirect = async (name: string) => {
      const p = await fetch(`${simUrl}${sitePath}`, { method: "PUT", headers: auth, body: JSON.stringify({ name }) });
      if (!p.ok) throw new Error(`direct PUT: HTTP ${p.status} ${await p.text()}`);
      await p.arrayBuffer();
    };
    const readPage = async () => {
      const res = await fetch(`${appUrl}/sites/${siteId}`, { headers: { cookie } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`site page: HTTP ${res.status}`);
      // BENCH_PAGE_HTML=<file>: the last view's HTML, to compare what two builds render.
      if (process.env.BENCH_PAGE_HTML) fs.writeFileSync(process.env.BENCH_PAGE_HTML, text);
      return text.length;
    };
    // The floor of the read: the same mirror rows the page renders, straight from Postgres.
    const pg = await import("pg");
    const direct = new pg.default.Client({ connectionString: dbUrl });
    await direct.connect();
    closers.push(() => direct.end());
    const link = (await direct.query<{ id: string }>(`select id from dealer_links where chekt_dealer_id = 1`)).rows[0];
    if (!link) throw new Error("the seed connected no dealer 1");
    const readDirect = async () => {
      const site = await direct.query(`select * from mirror_sites where dealer_link_id = $1 and chekt_id = $2`, [
        link.id,
        siteId,
      ]);
      if (site.rowCount !== 1) throw new Error(`direct read: site ${siteId} is not in the mirror`);
      const stationId = site.rows[0].station_id as number | null;
      const station =
        stationId === null
          ? null
          : await direct.query(`select * from mirror_stations where dealer_link_id = $1 and chekt_id = $2`, [
              link.id,
              stationId,
            ]);
      const devices = await direct.query(
        `select status, count(*)::int as n from mirror_devices where dealer_link_id = $1 and site_id = $2 ` +
          `and gone_at is null group by status`,
        [link.id, siteId],
      );
      return site.rows.length + (station?.rowCount ?? 0) + devices.rows.length;
    };

    for (let i = 0; i < 15; i++) {
      await callAction(`Warm ${i}`);
      await callDirect(`Warm direct ${i}`);
      await readPage();
      await readDirect();
    }
    const action: number[] = [];
    const directWrite: number[] = [];
    const page: number[] = [];
    const directRead: number[] = [];
    const wDiff: number[] = [];
    const rDiff: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a noisy neighbour on the shared cores hits both sides alike.
      const a = await timed(() => callAction(`Bench ${i}`));
      const d = await timed(() => callDirect(`Bench direct ${i}`));
      const p = await timed(readPage);
      const q = await timed(readDirect);
      action.push(a.ms);
      directWrite.push(d.ms);
      page.push(p.ms);
      directRead.push(q.ms);
      wDiff.push(a.ms - d.ms);
      rDiff.push(p.ms - q.ms);
    }
    const rssAfter = treeRssMb(app.process.pid!);

    const c = new pg.default.Client({ connectionString: dbUrl });
    await c.connect();
    const auditRows = Number(
      (await c.query(`select count(*)::int as n from audit_log where action = 'sites.update' and outcome = 'success'`))
        .rows[0].n,
    );
    await c.end();

    const isAction = (l: SqlLine) => l.action && l.method === "POST" && l.path === actionPath;
    const isPage = (l: SqlLine) => !l.action && l.method === "GET" && l.path === `/sites/${siteId}`;
    const forwarded = sqlLines(sqlFile, (l) => l.forwarded).length;
    if (forwarded > 0)
      throw new Error(`${forwarded} action requests were forwarded by Next: the bench posts to a wrong page`);
    if (process.env.BENCH_SQL_TEXT === "1") {
      for (const [what, pick] of [
        ["action", isAction],
        ["page", isPage],
      ] as const) {
        const last = sqlLines(sqlFile, pick).at(-1);
        log(`${what}: ${last?.queries} queries\n  ${(last?.sql ?? []).join("\n  ")}`);
      }
    }
    const figures: ActionBenchFigures = {
      action: dist(action),
      directWrite: dist(directWrite),
      writeOverhead: dist(wDiff),
      page: dist(page),
      directRead: dist(directRead),
      readOverhead: dist(rDiff),
      auditRows,
      rssIdleMb: rssIdle.mb,
      rssAfterMb: rssAfter.mb,
      rssProcesses: rssAfter.processes,
      actionQueries: sqlPerRequest(sqlFile, isAction),
      pageQueries: sqlPerRequest(sqlFile, isPage),
      actionServer: serverTimes(sqlFile, isAction),
      actionCpuMs: cpuOf(sqlLines(sqlFile, isAction)),
      pageCpuMs: cpuOf(sqlLines(sqlFile, isPage)),
    };
    // Every action checks its session in Postgres: no round trip at all means the counter lost the request.
    if (!(figures.actionQueries.median > 0))
      throw new Error("bench/sql-count.mjs counted no round trip for the action");
    log(
      `server action sites.update over HTTP: median ${figures.action.median} ms, p95 ${figures.action.p95} ` +
        `ms; direct PUT to the simulator: median ${figures.directWrite.median} ms, p95 ` +
        `${figures.directWrite.p95} ms`,
    );
    log(
      `  overhead per call (paired): median ${figures.writeOverhead.median} ms, p95 ` +
        `${figures.writeOverhead.p95} ms; ${auditRows} audit rows for ${runs + 15} actions`,
    );
    log(
      `site page /sites/<id>: median ${figures.page.median} ms, p95 ${figures.page.p95} ms; direct pg read ` +
        `of its mirror rows: median ${figures.directRead.median} ms → overhead median ` +
        `${figures.readOverhead.median} ms, p95 ${figures.readOverhead.p95} ms`,
    );
    log(
      `Postgres round trips: sites.update median ${figures.actionQueries.median} (max ` +
        `${figures.actionQueries.max}), /sites/<id> median ${figures.pageQueries.median} (max ` +
        `${figures.pageQueries.max})`,
    );
    log(
      `  in the server: sites.update median ${figures.actionServer.ms.median} ms, of it Postgres round ` +
        `trips ${figures.actionServer.dbMs.median} ms (p95 ${figures.actionServer.ms.p95} / ` +
        `${figures.actionServer.dbMs.p95})`,
    );
    log(
      `  server CPU per request, median (p95): sites.update ${figures.actionCpuMs.median} ms ` +
        `(${figures.actionCpuMs.p95}), /sites/<id> ${figures.pageCpuMs.median} ms (${figures.pageCpuMs.p95})`,
    );
    log(
      `app RSS (next start tree, ${rssAfter.processes} processes): idle ${rssIdle.mb} MB, after ` +
        `${runs + 15} actions, ${runs + 15} page views and ${2 * (runs + 15)} direct calls ${rssAfter.mb} MB`,
    );
    return figures;
  } finally {
    for (const close of closers) await close().catch(() => undefined);
    for (const ch of children.reverse()) await ch.stop().catch(() => undefined);
    await dropDatabase(admin, dbName).catch(() => undefined);
    // Kept beside the profile: bench/cpu-profile.mjs --requests reads which request was open when.
    if (process.env.BENCH_CPU_PROF && fs.existsSync(sqlFile))
      fs.copyFileSync(sqlFile, path.join(path.resolve(process.env.BENCH_CPU_PROF), "requests.jsonl"));
    fs.rmSync(sqlFile, { force: true });
  }
}

// Run alone, it needs secrets of its own as bench/run.ts gives it: `next start` refuses the example ones.
runIfMain(
  import.meta.url,
  () => {
    loadEnv([".env.example"]);
    Object.assign(process.env, withInstallSecrets(process.env, generateSecrets(), { simulator: true }).env);
    return runActionBench();
  },
  true,
);
