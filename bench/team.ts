// `team`: the console as a team uses it, on CHeKT's free tier (60 calls a minute, burst 5), with the
// shared budget doing its job. Two `next start` instances (BACKGROUND_WORK=off) and one worker process
// (scripts/worker.ts) on one Postgres and one simulator, the production shape; five
// signed-in sessions each opening a page every 5 s for 3 minutes (spread over both instances); a
// 1,000-device paste job; 20 verifications raised over the run and answered as soon as they appear
// (claim, then dispatch, as an operator's two clicks send them). Prints figures; asserts nothing.
//
//   node --import tsx bench/team.ts   (or `npm run bench -- --only team`; needs a build in
//   BENCH_DIST_DIR, default .next-bench, which bench/run.ts makes when missing)
//
// What is counted where: CHeKT calls and 429s from the simulator's own counts (GET /_sim/stats);
// calls per class from the app's budget usage table; page and answer times on this side of HTTP.
// The bulk job's wall is its own started_at → finished_at in Postgres; its floor replays the
// simulator's partner bucket from the simulator's log of every request (GET /_sim/stats/log).
// Env: BENCH_TEAM_S (180), BENCH_TEAM_USERS (5), BENCH_TEAM_ALARMS (20), BENCH_TEAM_DEVICES (1000).
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import PgBoss from "pg-boss";
import { insertBulkJob } from "../lib/bulk/jobs";
import { IDLE_RESERVE_TOKENS } from "../lib/chekt/budget-rules";
import { PrismaClient } from "../lib/generated/prisma/client";
import { loadEnv, repoRoot } from "../scripts/lib/env";
import { generateSecrets, withInstallSecrets } from "../scripts/lib/install-secrets";
import { createDatabase, dropDatabase, freePort, migrate, withDatabase } from "../scripts/lib/postgres";
import { startChild, stopAllChildren, waitForHttp } from "../scripts/lib/processes";
import {
  actionId,
  callAction,
  dist,
  runIfMain,
  signIn,
  startBenchSim,
  startBenchWorker,
  timed,
  type Dist,
} from "./http";
import { partnerBucketWindow, type SimLogEntry } from "./sim-bucket";
import { errorText } from "@/lib/error-text";

export type TeamBenchResult = {
  seconds: number;
  instances: number;
  sessions: number;
  pageViews: number;
  pageErrors: number;
  pageP95Ms: number;
  pageMs: Dist;
  chektCallsPerPageView: number;
  alarmsRaised: number;
  answered: number;
  answersLost: number;
  answerP95Ms: number;
  answerMs: Dist;
  /** raise (simulator) → first seen in the list route of the other instance */
  visibleMs: Dist;
  chektCalls: number;
  chekt429: number;
  share429: number;
  callsByClass: Record<string, number>;
  bulk: {
    devices: number;
    state: string;
    succeeded: number;
    failed: number;
    wallS: number;
    floorS: number;
    /** The old floor: as if the bulk class could spend the whole burst it found (it must leave IDLE_RESERVE_TOKENS). */
    floorFullBurstS: number;
    /** Partner calls the simulator let through between the job's start and end (every class). */
    callsDuringJob: number;
    /** Partner calls the simulator refused with 429 in that time. */
    refusedDuringJob: number;
    /** The simulator's partner bucket when the job started (replayed from its request log). */
    tokensAtStart: number;
  };
  pageP95ByShape: Record<string, number>;
  bulkWallVsFloor: number;
};

const PER_MIN = 60;
const BURST = 5;
const PAGES = [
  "/",
  "/sites",
  "/sites/{site}",
  "/stations",
  "/verifications",
  "/sites/{site}/devices",
  "/dealer",
  "/sites/{site}/arming",
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type SimStats = { total: number; byStatus: Record<string, number> };

export async function runTeamBench(opts: { log?: (s: string) => void } = {}): Promise<TeamBenchResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  loadEnv([".env.example"]);
  const seconds = Number(process.env.BENCH_TEAM_S || 180);
  const sessions = Number(process.env.BENCH_TEAM_USERS || 5);
  const alarms = Number(process.env.BENCH_TEAM_ALARMS || 20);
  const devices = Number(process.env.BENCH_TEAM_DEVICES || 1000);
  const distDir = process.env.BENCH_DIST_DIR || ".next-bench";
  if (!fs.existsSync(path.join(repoRoot, distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}`);
  // `next start` refuses the public example secrets: this run gets its own.
  Object.assign(process.env, withInstallSecrets(process.env, generateSecrets(), { simulator: true }).env);

  const admin =
    process.env.TEST_PG_ADMIN_URL ||
    withDatabase(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres", "postgres");
  const dbName = `chekt_bench_team_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  const dbUrl = withDatabase(admin, dbName);
  const [portA, portB, simPort] = [await freePort(), await freePort(), await freePort()];
  const appA = `http://localhost:${portA}`;
  const appB = `http://localhost:${portB}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simToken = randomBytes(12).toString("hex");
  const pw = {
    admin: `a-${randomBytes(8).toString("hex")}`,
    operator: `o-${randomBytes(8).toString("hex")}`,
    viewer: `v-${randomBytes(8).toString("hex")}`,
  };
  const rates = {
    CHEKT_RATE_LIMIT_PER_MIN: String(PER_MIN),
    CHEKT_RATE_LIMIT_BURST_PER_S: String(BURST),
    CHEKT_BUDGET_PER_MIN: String(PER_MIN),
    CHEKT_BUDGET_BURST: String(BURST),
  };
  const db = new pg.Client({ connectionString: dbUrl });

  const sim = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${simUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${simToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${method} ${p}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  await createDatabase(admin, dbName);
  try {
    await migrate(dbUrl, { quiet: true });
    Object.assign(process.env, {
      SEED_ADMIN_EMAIL: "admin@example.com",
      SEED_ADMIN_PASSWORD: pw.admin,
      SEED_TEST_USERS: "1",
      SEED_OPERATOR_PASSWORD: pw.operator,
      SEED_VIEWER_PASSWORD: pw.viewer,
    });
    const { runSeed } = await import(pathToFileURL(path.join(repoRoot, "prisma/seed.ts")).href);
    await runSeed({ databaseUrl: dbUrl, log: () => {} });
    await db.connect();

    await startBenchSim({ simPort, simUrl, appUrl: appA, simToken, env: rates });
    // The paste job's own site, made through the control API so it costs the partner nothing.
    await sim("POST", "/_sim/bulk-sites", { dealer_id: 1, count: 1, devices_per_site: 0 });

    const appEnv = (port: number, url: string) => ({
      ...process.env,
      ...rates,
      NODE_ENV: "production" as const,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
      PORT: String(port),
      DATABASE_URL: dbUrl,
      CHEKT_API_BASE_URL: simUrl,
      APP_URL: url,
      AUTH_URL: url,
      CHEKT_SIM_ADMIN_TOKEN: simToken,
      // The production shape: both instances only serve; one worker process runs the background work.
      BACKGROUND_WORK: "off",
    });
    const a = startChild("app-a", "next", ["start", "--port", String(portA)], {
      echo: false,
      env: appEnv(portA, appA),
    });
    const b = startChild("app-b", "next", ["start", "--port", String(portB)], {
      echo: false,
      env: appEnv(portB, appB),
    });
    await waitForHttp(`${appA}/sign-in`, 120_000, a);
    await waitForHttp(`${appB}/sign-in`, 120_000, b);
    await startBenchWorker(appEnv(portA, appA));

    // A console that has been running: its first mirror sync of the demo dealer is done.
    const link = (await db.query<{ id: string }>(`select id from dealer_links where chekt_dealer_id = 1`)).rows[0];
    // Answering needs one of the dealer's outcome codes (the seed adds the default set).
    const outcomeId = (
      await db.query<{ id: string }>(
        `select id from desk_outcomes where dealer_link_id = $1 and kind = 'dispatch' and active order by ` +
          `position limit 1`,
        [link.id],
      )
    ).rows[0]?.id;
    if (!link) throw new Error("the seed linked no dealer 1");
    const warmUntil = Date.now() + 240_000;
    for (;;) {
      const s = (
        await db.query<{ first_sync: boolean }>(`select first_sync from mirror_syncs where dealer_link_id = $1`, [
          link.id,
        ])
      ).rows[0];
      if (s && !s.first_sync) break;
      if (Date.now() > warmUntil) {
        log("team: the first mirror sync did not finish in 4 minutes; measuring anyway");
        break;
      }
      await sleep(1000);
    }
    const sites = (
      await db.query<{ chekt_id: number }>(
        `select chekt_id from mirror_sites where dealer_link_id = $1 and gone_at is null order by chekt_id`,
        [link.id],
      )
    ).rows.map((r) => r.chekt_id);
    if (sites.length < 2) throw new Error(`the mirror holds ${sites.length} sites of dealer 1`);
    const pasteSite = sites[sites.length - 1]!;
    const alarmSite = (await sim<Array<{ site_id: number }>>("GET", "/_sim/verifications")).at(0)?.site_id ?? sites[0]!;

    const who = ["admin", "operator", "viewer"] as const;
    const cookies: Array<{ url: string; cookie: string }> = [];
    for (let i = 0; i < sessions; i++) {
      const role = who[i % who.length]!;
      const url = i % 2 === 0 ? appA : appB;
      cookies.push({ url, cookie: await signIn(url, `${role}@example.com`, pw[role]) });
    }
    const operator = { url: appB, cookie: await signIn(appB, "operator@example.com", pw.operator) };
    const claimId = actionId(distDir, "actions/verifications.ts", "claimVerification");
    const answerId = actionId(distDir, "actions/verifications.ts", "answerVerificationAction");

    // The requests so far (sign-ins, the first sync): the bucket replay starts from the simulator's first.
    const logBefore = await sim<SimLogEntry[]>("GET", "/_sim/stats/log");
    await sim("DELETE", "/_sim/stats");
    await db.query(`delete from chekt_budget_usage`);
    const t0 = Date.now();
    const end = t0 + seconds * 1000;

    // Five sessions, a page every 5 s each, staggered.
    const pageMs: number[] = [];
    const byPage = new Map<string, number[]>();
    let pageErrors = 0;
    const viewer = async (i: number) => {
      await sleep((i * 5000) / sessions);
      for (let n = i; Date.now() < end; n++) {
        const next = Date.now() + 5000;
        const p = PAGES[n % PAGES.length]!.replace("{site}", String(sites[n % (sites.length - 1)]));
        try {
          const t = await timed(async () => {
            const res = await fetch(cookies[i]!.url + p, {
              headers: { cookie: cookies[i]!.cookie },
              redirect: "manual",
            });
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
          });
          pageMs.push(t.ms);
          const shape = PAGES[n % PAGES.length]!;
          byPage.set(shape, [...(byPage.get(shape) ?? []), t.ms]);
        } catch (e) {
          pageErrors += 1;
          log(`team: page ${errorText(e)}`);
        }
        await sleep(Math.max(0, next - Date.now()));
      }
    };

    // The paste job, stored as the paste action stores it, queued for whichever worker takes it.
    const bulkJobId = randomUUID();
    const startBulk = async () => {
      await sleep(5000);
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl, max: 2 }) });
      const items = Array.from({ length: devices }, (_, i) => ({
        kind: "create" as const,
        sheetLine: i + 2,
        device: {
          external_device_id: `team-${bulkJobId.slice(0, 8)}-${i}`,
          device_type: "camera" as const,
          name: `Team camera ${i}`,
          zone_number: String(i + 1),
        },
      }));
      await prisma.$transaction(
        (tx) =>
          insertBulkJob(tx, {
            id: bulkJobId,
            dealerLinkId: link.id,
            chektSiteId: pasteSite,
            kind: "create",
            items,
            user: null,
          }),
        { timeout: 60_000 },
      );
      await prisma.$disconnect();
      const boss = new PgBoss({ connectionString: dbUrl, max: 1 });
      await boss.start();
      await boss.send(
        "bulk-devices",
        { jobId: bulkJobId },
        { singletonKey: bulkJobId, retryLimit: 1000, retryDelay: 10, retryBackoff: true, expireInSeconds: 6 * 3600 },
      );
      await boss.stop({ graceful: false });
    };

    // The job's own times (Postgres) and outcome; the poll only notices that it ended.
    const jobMarks: {
      startedAt?: Date;
      finishedAt?: Date;
      state?: string;
      succeeded?: number;
      failed?: number;
    } = {};
    const watchBulk = async () => {
      for (;;) {
        const j = (
          await db.query<{
            state: string;
            started_at: Date | null;
            finished_at: Date | null;
            succeeded: number;
            failed: number;
          }>(`select state, started_at, finished_at, succeeded, failed from bulk_jobs where id = $1`, [bulkJobId])
        ).rows[0];
        if (j && (j.state === "done" || j.state === "failed" || j.state === "cancelled")) {
          Object.assign(jobMarks, {
            startedAt: j.started_at ?? undefined,
            finishedAt: j.finished_at ?? undefined,
            state: j.state,
            succeeded: j.succeeded,
            failed: j.failed,
          });
          return;
        }
        if (Date.now() > end + 15 * 60_000) {
          Object.assign(jobMarks, {
            state: j?.state ?? "missing",
            succeeded: j?.succeeded ?? 0,
            failed: j?.failed ?? 0,
          });
          return;
        }
        await sleep(500);
      }
    };

    // Alarms raised evenly over the run, each answered as soon as the other instance lists it.
    const raisedAt = new Map<string, number>();
    const raise = async () => {
      for (let i = 0; i < alarms; i++) {
        await sleep(Math.max(0, t0 + ((i + 0.5) * seconds * 1000) / alarms - Date.now()));
        const out = await sim<{ verification: { verification_id: string } | null }>("POST", "/_sim/alarms", {
          site_id: alarmSite,
          expires_in_s: 300,
        });
        if (out.verification) raisedAt.set(out.verification.verification_id, Date.now());
      }
    };
    const visibleMs: number[] = [];
    const answerMs: number[] = [];
    const handled = new Set<string>();
    const answerOne = async (id: string, contactId: number) => {
      // As the desk page sends them: every desk action names the dealer its page was drawn for.
      const claimed = await callAction(operator.url, "/verifications", claimId, operator.cookie, [
        { id, dealerLinkId: link.id },
      ]);
      if (/"serverError"|"validationErrors"/.test(claimed)) throw new Error(`claim ${id}: ${claimed.slice(0, 200)}`);
      const t = await timed(() =>
        callAction(operator.url, "/verifications", answerId, operator.cookie, [
          { id, dealerLinkId: link.id, action: "dispatch", contactId, outcomeId, checkedSteps: [] },
        ]),
      );
      if (!/"outcome":"answered"|"state":"dispatched"/.test(t.value))
        throw new Error(`answer ${id}: ${t.value.slice(0, 200)}`);
      answerMs.push(t.ms);
    };
    const answerer = async () => {
      const pending = new Set<Promise<void>>();
      while (Date.now() < end + 60_000 && (handled.size < alarms || pending.size > 0)) {
        const res = await fetch(`${operator.url}/api/live/verifications/list?dealer=${link.id}`, {
          headers: { cookie: operator.cookie },
        });
        if (res.ok) {
          const list = (await res.json()) as { items: Array<{ id: string; state: string; contactId: number | null }> };
          for (const item of list.items) {
            if (handled.has(item.id) || !raisedAt.has(item.id)) continue;
            handled.add(item.id);
            visibleMs.push(Date.now() - raisedAt.get(item.id)!);
            const p = answerOne(item.id, item.contactId ?? 1).catch((e) => log(`team: ${errorText(e)}`));
            pending.add(p);
            void p.finally(() => pending.delete(p));
          }
        }
        await sleep(200);
      }
      await Promise.all(pending);
    };

    log(
      `team: ${sessions} sessions on 2 instances, ${alarms} alarms, a ${devices}-device job, ${seconds} s ` +
        `on ${PER_MIN}/min burst ${BURST}`,
    );
    await Promise.all([
      ...Array.from({ length: sessions }, (_, i) => viewer(i)),
      startBulk().then(watchBulk),
      raise(),
      answerer(),
    ]);
    const stats = await sim<SimStats>("GET", "/_sim/stats");

    // What CHeKT says happened to the raised verifications.
    const simVerifs = await sim<Array<{ verification_id: string; answer?: unknown }>>("GET", "/_sim/verifications");
    const answered = simVerifs.filter((v) => raisedAt.has(v.verification_id) && v.answer).length;
    const usage = (
      await db.query<{ budget_class: string; calls: number }>(
        `select budget_class, sum(calls)::int as calls from chekt_budget_usage group by budget_class`,
      )
    ).rows;
    const callsByClass = Object.fromEntries(usage.map((u) => [u.budget_class, u.calls]));
    const calls429 = stats.byStatus["429"] ?? 0;
    const logAfter = await sim<SimLogEntry[]>("GET", "/_sim/stats/log");
    const window =
      jobMarks.startedAt && jobMarks.finishedAt
        ? partnerBucketWindow(
            [...logBefore, ...logAfter],
            jobMarks.startedAt.getTime(),
            jobMarks.finishedAt.getTime(),
            { perMin: PER_MIN, burst: BURST },
          )
        : { tokensAtStart: BURST, calls: 0, refused: 0 };
    const callsDuringJob = window.calls;
    const wallS =
      jobMarks.startedAt && jobMarks.finishedAt
        ? (jobMarks.finishedAt.getTime() - jobMarks.startedAt.getTime()) / 1000
        : Number.NaN;
    // The bucket refills PER_MIN a minute after what it held at the start: the fastest the calls that
    // shared it could all be sent. Exact (not whole) tokens and seconds.
    const tokensAtStart = Math.round(window.tokensAtStart * 100) / 100;
    // The floor while sharing the budget: of the tokens it found, the bulk class may spend all but
    // the one it keeps for higher classes (lib/chekt/budget-rules.ts IDLE_RESERVE_TOKENS); every
    // further call, of any class, waits for the refill.
    const usableAtStart = Math.max(0, window.tokensAtStart - IDLE_RESERVE_TOKENS);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    const floorS = round2(Math.max(0, callsDuringJob - usableAtStart) * (60 / PER_MIN));
    const floorFullBurstS = round2(Math.max(0, callsDuringJob - window.tokensAtStart) * (60 / PER_MIN));
    const pages = dist(pageMs);
    const answers = dist(answerMs);
    const result: TeamBenchResult = {
      seconds,
      instances: 2,
      sessions,
      pageViews: pageMs.length,
      pageErrors,
      pageP95Ms: pages.p95,
      pageMs: pages,
      chektCallsPerPageView: pageMs.length
        ? Math.round(((callsByClass.read ?? 0) / pageMs.length) * 1000) / 1000
        : Number.NaN,
      alarmsRaised: raisedAt.size,
      answered,
      answersLost: raisedAt.size - answered,
      answerP95Ms: answers.p95,
      answerMs: answers,
      visibleMs: dist(visibleMs),
      chektCalls: stats.total,
      chekt429: calls429,
      share429: stats.total ? Math.round((calls429 / stats.total) * 10000) / 10000 : 0,
      callsByClass,
      bulk: {
        devices,
        state: jobMarks.state ?? "missing",
        succeeded: jobMarks.succeeded ?? 0,
        failed: jobMarks.failed ?? 0,
        wallS: Math.round(wallS * 1000) / 1000,
        floorS,
        floorFullBurstS,
        callsDuringJob,
        refusedDuringJob: window.refused,
        tokensAtStart,
      },
      pageP95ByShape: Object.fromEntries([...byPage].map(([k, v]) => [k, dist(v).p95])),
      bulkWallVsFloor: floorS > 0 ? Math.round((wallS / floorS) * 100) / 100 : Number.NaN,
    };
    log(
      `team: ${result.pageViews} page views (${pageErrors} failed), p95 ${pages.p95} ms; ` +
        `${result.chektCallsPerPageView} read-class CHeKT calls per view`,
    );
    log(`team: page p95 by shape ${JSON.stringify(result.pageP95ByShape)}`);
    log(
      `team: ${result.alarmsRaised} alarms, ${answered} answered in CHeKT, answer p95 ${answers.p95} ms ` +
        `(median ${answers.median}); visible p95 ${result.visibleMs.p95} ms`,
    );
    log(
      `team: ${stats.total} CHeKT calls, ${calls429} answered 429 (${(result.share429 * 100).toFixed(2)} ` +
        `%); by class ${JSON.stringify(callsByClass)}`,
    );
    log(
      `team: bulk ${result.bulk.state}, ${result.bulk.succeeded} ok / ${result.bulk.failed} failed in ` +
        `${result.bulk.wallS} s; floor ${floorS} s for the ${callsDuringJob} calls that shared the bucket ` +
        `(${tokensAtStart} tokens at its start, ${window.refused} × 429 meanwhile) → ` +
        `${result.bulkWallVsFloor}× (whole-burst floor ${floorFullBurstS} s)`,
    );
    return result;
  } finally {
    await db.end().catch(() => undefined);
    await stopAllChildren();
    await dropDatabase(admin, dbName).catch(() => undefined);
  }
}

runIfMain(import.meta.url, () => runTeamBench(), true);
