// npm test — every test, in the order that fails fastest:
//   lint (ESLint) → typecheck (tsc over every folder) → unit → integration → faults → next build
//   → bundle secret scan → end-to-end (Playwright)
// Needs PostgreSQL (DATABASE_URL's server, or an embedded one) and Debian's Chromium.
// Each run gets fresh databases, dropped at the end even when something fails or on Ctrl-C.
//   npm test -- --only unit,integration     run some stages
//   npm test -- --skip e2e                  leave some out
//   npm test -- --only e2e --grep sign-in   only tests whose name matches (vitest -t, playwright --grep)
// E2E_APP_PORT / E2E_SIM_PORT pin the first end-to-end stack's ports (default: free ones).
// E2E_WORKERS (default 2): how many Playwright workers, each with a stack of its own (app, simulator,
// seeded database), run the spec files side by side.
// E2E_ORDER=reverse (or =<seed number>, a shuffle) runs each end-to-end test as its own Playwright
// invocation in that order against the one started stack, so a test leaning on an earlier one fails
// (scripts/lib/e2e-order.ts); unset, Playwright runs the files alphabetically, each top to bottom.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runSeed } from "../prisma/seed";
import { loadEnv, repoRoot } from "./lib/env";
import {
  createDatabase,
  dropDatabase,
  embeddedDataDir,
  ensurePostgres,
  migrate,
  type PostgresServer,
  withDatabase,
} from "./lib/postgres";
import { cspViolationsIn } from "./lib/csp-log";
import {
  describeOrder,
  listTargets,
  orderTargets,
  parseE2eOrder,
  runTargetsInOrder,
  type E2eOrder,
} from "./lib/e2e-order";
import { generateSecrets, withInstallSecrets } from "./lib/install-secrets";
import { reapedChildrenCpuMs, treeCpuMs } from "./lib/proc-cpu";
import { runToEnd, stopAllChildren } from "./lib/processes";
import { portOr, startApp, startSimulator } from "./lib/stack";
import { keepTsconfig } from "./lib/tsconfig-guard";
import { type Report, playwrightFailures } from "./lib/playwright-report";
import { type VitestReport, vitestCounts, vitestFailures } from "./lib/vitest-report";
import { E2E_STACKS, type StackEnv } from "../tests/e2e/setup/stacks";
import { errorText } from "../lib/error-text";

const STAGES = ["lint", "typecheck", "unit", "integration", "faults", "build", "bundle", "e2e"] as const;
type Stage = (typeof STAGES)[number];
type Outcome = {
  stage: Stage;
  status: "passed" | "failed" | "skipped";
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
  /** The tests that failed, by file and name: the summary lists them, since CI shows only a log's tail. */
  failures?: string[];
};

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// TEST_NEXT_DIST_DIR lets two runs on one checkout build side by side.
const DIST_DIR = process.env.TEST_NEXT_DIST_DIR || ".next-test";
// Not test-results/: Playwright empties that folder when it starts.
const LOG_DIR = path.join(repoRoot, ".data", "test-logs");
const runStarted = Date.now();
const outcomes: Outcome[] = [];
const databases: string[] = [];
let pgServer: PostgresServer | undefined;
let cleaningUp: Promise<void> | undefined;

// Only `.env.example`: a developer's own .env must not change what the tests see.
loadEnv([".env.example"]);

function parseStages(): Set<Stage> {
  const argv = process.argv.slice(2);
  const list = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const names = (argv[i + 1] ?? "").split(",").filter(Boolean);
    for (const n of names)
      if (!STAGES.includes(n as Stage)) fail(`Unknown stage "${n}" after ${flag}; stages: ${STAGES.join(", ")}`);
    return names as Stage[];
  };
  const only = list("--only");
  const skip = list("--skip") ?? [];
  return new Set((only ?? [...STAGES]).filter((s) => !skip.includes(s)));
}

/** `--grep <pattern>`: narrows every stage to the tests whose name matches. */
function grepPattern(): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf("--grep");
  return i >= 0 ? argv[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(`npm test cannot run: ${message}`);
  process.exit(2);
}

/** Everything missing is named at once, before any work starts. */
function preflight(stages: Set<Stage>) {
  const problems: string[] = [];
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major! < 20 || (major === 20 && minor! < 9))
    problems.push(`Node ${process.versions.node} is too old: install Node 20.9 or newer`);
  if (!fs.existsSync(path.join(repoRoot, "node_modules", ".bin", "vitest")))
    problems.push("dependencies are not installed: run npm ci");
  else {
    if (!fs.existsSync(path.join(repoRoot, "lib", "generated", "prisma", "client.ts")))
      problems.push("the Prisma client is not generated: run npm run generate");
    if (!fs.existsSync(path.join(repoRoot, "lib", "chekt", "schema.d.ts")))
      problems.push("the CHeKT API types are not generated: run npm run generate");
  }
  if (stages.has("e2e") && !fs.existsSync(CHROMIUM)) {
    problems.push(
      `Chromium is missing at ${CHROMIUM}: install chromium: apt-get install -y chromium   ` +
        "(or set CHROMIUM_PATH, or npm test -- --skip e2e)",
    );
  }
  if (problems.length) fail(`\n  - ${problems.join("\n  - ")}`);
}

function specFiles(dir: string, pattern: RegExp): string[] {
  const full = path.join(repoRoot, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[]).filter(
    (f) => pattern.test(f) && !f.startsWith("setup"),
  );
}

function banner(text: string) {
  console.log(`\n━━━ ${text} ${"━".repeat(Math.max(3, 70 - text.length))}`);
}

async function timed(stage: Stage, fn: () => Promise<Omit<Outcome, "stage" | "seconds">>): Promise<Outcome> {
  banner(stage);
  const t0 = Date.now();
  let result: Omit<Outcome, "stage" | "seconds">;
  try {
    result = await fn();
  } catch (error) {
    console.error(errorText(error));
    result = { status: "failed", passed: 0, failed: 1, note: "did not run to the end" };
  }
  const outcome = { stage, seconds: (Date.now() - t0) / 1000, ...result };
  outcomes.push(outcome);
  return outcome;
}

const skipped = (note: string) => ({ status: "skipped" as const, passed: 0, failed: 0, note });

function tmpFile(name: string) {
  return path.join(os.tmpdir(), `chekt-test-${process.pid}-${name}`);
}

/** One vitest project; counts come from its JSON report (a file that fails to load counts as a failure). */
async function vitestProject(project: string, env: NodeJS.ProcessEnv) {
  const report = tmpFile(`${project}.json`);
  const grep = grepPattern();
  const args = [
    "run",
    "--project",
    project,
    "--passWithNoTests",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...(grep ? ["-t", grep] : []),
  ];
  const code = await runToEnd(project, "vitest", args, {
    env,
    echo: true,
  });
  let passed = 0;
  let failed = 0;
  let failures: string[] = [];
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as VitestReport;
    ({ passed, failed } = vitestCounts(json));
    failures = vitestFailures(json);
    fs.rmSync(report, { force: true });
  }
  if (code !== 0 && failed === 0) failed = 1;
  return { status: code === 0 ? ("passed" as const) : ("failed" as const), passed, failed, failures };
}

/**
 * Strict lint (the default): a line over 120 characters, a file Prettier would change or a schema
 * `prisma format` would change fails the stage. STRICT_LINT=0 turns it off for one run: the long lines
 * are then only counted by folder and both format checks are skipped.
 */
const strictLint = process.env.STRICT_LINT !== "0";

/** ESLint over the tree, then the line-length check and (strict) `prettier --check .` and `prisma format --check`. */
async function lintStage(env: NodeJS.ProcessEnv) {
  const failed: string[] = [];
  const eslint = [".", "--cache", "--cache-location", path.join(repoRoot, ".data", "eslintcache")];
  if ((await runToEnd("lint", "eslint", eslint, { env })) !== 0) failed.push("npm run lint");
  const lines = ["--import", "tsx", "scripts/line-length.ts", ...(strictLint ? [] : ["--summary"])];
  if ((await runToEnd("lines", "node", lines, { env })) !== 0) failed.push("npm run lines:check");
  if (strictLint && (await runToEnd("format", "prettier", ["--check", "."], { env })) !== 0)
    failed.push("npm run format:check");
  // Prettier does not read .prisma files; Prisma's own formatter holds the schema to one layout.
  const schema = ["--import", "tsx", "scripts/prisma.ts", "format", "--check"];
  if (strictLint && (await runToEnd("schema", "node", schema, { env })) !== 0)
    failed.push("prisma format --check (fix: npm run format:schema)");
  const checks = strictLint ? "eslint, lines, prettier, prisma format" : "eslint (lines counted only)";
  return failed.length === 0
    ? { status: "passed" as const, passed: 1, failed: 0, note: checks }
    : { status: "failed" as const, passed: 0, failed: 1, note: failed.join(", ") };
}

/** tsc over app, lib, components, simulator, tests, scripts, bench and prisma (tsconfig.json includes them all). */
async function typecheckStage(env: NodeJS.ProcessEnv) {
  const code = await runToEnd("typecheck", "tsc", ["--noEmit", "-p", "tsconfig.json", "--incremental", "false"], {
    env,
  });
  return code === 0
    ? { status: "passed" as const, passed: 1, failed: 0, note: "tsc --noEmit" }
    : { status: "failed" as const, passed: 0, failed: 1, note: "npm run typecheck" };
}

let template: string | undefined;

/**
 * A migrated database of this run. The migrations run once, into a template nobody connects to
 * afterwards; each database (this run's, the e2e one, and every integration file's own through
 * TEST_TEMPLATE_DATABASE, see tests/support/db.ts) is a copy of it: ~0.3 s instead of ~7 s each.
 */
async function freshDatabase(suffix: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const newName = (tail: string) => `chekt_test_${stamp}_${randomBytes(3).toString("hex")}${tail}`;
  if (!template) {
    const name = newName("_template");
    await createDatabase(pgServer!.adminUrl, name);
    databases.push(name);
    await migrate(pgServer!.urlFor(name), { quiet: true });
    template = name;
  }
  const name = newName(suffix);
  await createDatabase(pgServer!.adminUrl, name, template);
  databases.push(name);
  return pgServer!.urlFor(name);
}

async function cleanup() {
  cleaningUp ??= (async () => {
    await stopAllChildren();
    for (const name of databases.splice(0)) {
      try {
        await dropDatabase(pgServer!.adminUrl, name);
      } catch (error) {
        console.error(`could not drop test database ${name}: ${errorText(error)}`);
      }
    }
    await pgServer?.stop();
  })();
  return cleaningUp;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping servers and dropping test databases…`);
    void cleanup().then(() => process.exit(130));
  });
}

type E2eWorld = Awaited<ReturnType<typeof seedE2e>>;
type E2eStack = Awaited<ReturnType<typeof startE2eStack>>;

/**
 * How many Playwright workers, each driving a stack of its own. A spec spends most of its time waiting on
 * the app, the simulator's rate limit or a countdown (the stage used ~320 CPU seconds in 800 s on two
 * cores with one worker), so two side by side take about 0.6 of its time.
 */
function e2eWorkers(): number {
  const n = Number(process.env.E2E_WORKERS || 2);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`E2E_WORKERS must be a whole number from 1 to 8`);
  return n;
}

/**
 * The e2e databases, one a stack, seeded alike. `next start` refuses the public .env.example secrets: this
 * run's own, for the seed (which seals dealer secrets with them), the simulators, the apps and the specs
 * alike; the users' passwords too.
 */
async function seedE2e(exampleEnv: NodeJS.ProcessEnv, stacks: number) {
  const secrets = generateSecrets();
  const baseEnv = withInstallSecrets(exampleEnv, secrets, { simulator: true }).env;
  Object.assign(process.env, secrets);
  const pw = () => randomBytes(9).toString("base64url");
  const users = { admin: pw(), operator: pw(), viewer: pw() };
  const seedEnv = {
    SEED_ADMIN_PASSWORD: users.admin,
    SEED_TEST_USERS: "1",
    SEED_OPERATOR_PASSWORD: users.operator,
    SEED_VIEWER_PASSWORD: users.viewer,
  };
  Object.assign(process.env, seedEnv);
  const dbUrls: string[] = [];
  let adminEmail = "";
  for (let i = 0; i < stacks; i++) {
    const dbUrl = await freshDatabase(`_e2e${i + 1}`);
    adminEmail = (await runSeed({ databaseUrl: dbUrl, log: () => {} })).adminEmail;
    dbUrls.push(dbUrl);
  }
  return { baseEnv, dbUrls, users, adminEmail };
}

/** Stack `i`'s log file: the first stack's keeps the plain name. */
const e2eLog = (kind: "app" | "simulator", i: number) => path.join(LOG_DIR, `e2e-${kind}${i ? `-${i + 1}` : ""}.log`);

/** A simulator and `next start` on database `i`, ready once the app's first sweep has filled the mirror. */
async function startE2eStack({ baseEnv, dbUrls }: E2eWorld, i: number) {
  const dbUrl = dbUrls[i];
  const pinned = (port: string | undefined) => (i === 0 && Number(port)) || undefined;
  const appPort = await portOr(pinned(process.env.E2E_APP_PORT));
  const simPort = await portOr(pinned(process.env.E2E_SIM_PORT));
  const appUrl = `http://localhost:${appPort}`;
  const simToken = randomBytes(16).toString("hex");
  const sim = await startSimulator({
    port: simPort,
    appUrl,
    dataFile: "",
    env: baseEnv,
    echo: false,
    logFile: e2eLog("simulator", i),
    // Webhook retries in milliseconds instead of seconds; no background demo alarms to race the specs.
    // CHeKT's pro tier (600/min, bursts of 30): the specs test what a user sees, and the free tier's
    // pacing is covered by the integration and fault suites; specs that need a 429 make one.
    extraEnv: {
      CHEKT_WEBHOOK_RETRY_SCALE: "0.01",
      CHEKT_SIM_DEMO_ALARM_EVERY_S: "0",
      CHEKT_SIM_ADMIN_TOKEN: simToken,
      CHEKT_RATE_LIMIT_PER_MIN: "600",
      CHEKT_RATE_LIMIT_BURST_PER_S: "30",
    },
  });
  const appEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    DATABASE_URL: dbUrl,
    CHEKT_API_BASE_URL: sim.url,
    APP_URL: appUrl,
    AUTH_URL: appUrl,
    CHEKT_SIM_ADMIN_TOKEN: simToken,
    NODE_ENV: "production",
    // Short claim leases so the lease-expiry spec waits seconds, not the default 30 s.
    VERIFICATION_LEASE_SECONDS: "6",
    // The queue stream's check every 2 s, not 15: verifications-not-live.spec.ts sees a refusal in seconds.
    LIVE_HEARTBEAT_SECONDS: "2",
    // A minutely job a spec queues itself (fleet-mail-retry.spec.ts) starts within a second, not up to 30.
    MINUTELY_POLL_SECONDS: "1",
    // The stage runs 25–40 minutes on one seeded mirror: with the default 5 minutes, a page view late in
    // the run queues a background refresh whose CHeKT calls land in the specs that count the pages' own
    // calls. Stale-while-revalidate itself is tested in tests/integration/mirror-sync.test.ts.
    MIRROR_STALE_AFTER_S: "3600",
  };
  const app = await keepTsconfig(() =>
    startApp({
      port: appPort,
      mode: "start",
      env: appEnv,
      echo: false,
      logFile: e2eLog("app", i),
      timeoutMs: 60_000,
    }),
  );
  // Pages read the mirror: the specs start once the app's first sweep has filled it (docs/mirror.md).
  await (await import("../tests/support/mirror-ready")).waitForFirstSync(dbUrl);
  return { appUrl, simUrl: sim.url, simToken, dbUrl, app };
}

/** The stacks, started side by side (each one's start is mostly waiting: the app's boot, its first sweep). */
const startE2eStacks = (world: E2eWorld) => Promise.all(world.dbUrls.map((_, i) => startE2eStack(world, i)));

/** One stack's addresses, as the specs read them (tests/e2e/setup). */
const stackEnv = (stack: E2eStack): StackEnv => ({
  E2E_BASE_URL: stack.appUrl,
  E2E_SIM_URL: stack.simUrl,
  E2E_SIM_ADMIN_TOKEN: stack.simToken,
  E2E_DATABASE_URL: stack.dbUrl,
});

/**
 * What the specs read (tests/e2e/setup): the first stack's addresses, every stack's in E2E_STACKS (each
 * worker takes its own, tests/e2e/setup/stacks.ts, and their number is the worker count), the seeded users.
 */
function specEnv(world: E2eWorld, stacks: E2eStack[]): NodeJS.ProcessEnv {
  const { baseEnv, users } = world;
  return {
    ...baseEnv,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    CHROMIUM_PATH: CHROMIUM,
    ...stackEnv(stacks[0]),
    [E2E_STACKS]: JSON.stringify(stacks.map(stackEnv)),
    E2E_DIST_DIR: baseEnv.NEXT_DIST_DIR,
    E2E_ADMIN_EMAIL: world.adminEmail,
    E2E_ADMIN_PASSWORD: users.admin,
    E2E_OPERATOR_EMAIL: process.env.SEED_OPERATOR_EMAIL || "operator@example.com",
    E2E_OPERATOR_PASSWORD: users.operator,
    E2E_VIEWER_EMAIL: process.env.SEED_VIEWER_EMAIL || "viewer@example.com",
    E2E_VIEWER_PASSWORD: users.viewer,
  };
}

/** Playwright over the specs, its JSON report in `report`; prints the CPU seconds each side used. */
async function runPlaywright(world: E2eWorld, stacks: E2eStack[], report: string): Promise<number> {
  const grep = grepPattern();
  const reapedBefore = reapedChildrenCpuMs();
  const code = await runToEnd(
    "e2e",
    "playwright",
    ["test", "--reporter=list,json", ...(grep ? ["--grep", grep] : [])],
    { env: { ...specEnv(world, stacks), PLAYWRIGHT_JSON_OUTPUT_NAME: report, PLAYWRIGHT_JSON_OUTPUT_FILE: report } },
  );
  // CPU seconds the app spent serving the specs: unlike the stage's wall time, the other work on a
  // shared machine hardly bends it, so it is the figure to compare two runs by.
  const appCpuMs = stacks.map((s) => (s.app.child.process.pid ? treeCpuMs(s.app.child.process.pid) : undefined));
  if (!appCpuMs.includes(undefined)) {
    const total = appCpuMs.reduce<number>((a, b) => a + (b ?? 0), 0);
    console.log(
      `e2e: the app${stacks.length > 1 ? `s (${stacks.length})` : ""} used ${(total / 1000).toFixed(1)} s of CPU`,
    );
  }
  // The other side of each test: Playwright's runner, its worker and Chromium, exited by now.
  const reapedAfter = reapedChildrenCpuMs();
  if (reapedBefore !== undefined && reapedAfter !== undefined)
    console.log(`e2e: the browser and Playwright used ${((reapedAfter - reapedBefore) / 1000).toFixed(1)} s of CPU`);
  return code;
}

/**
 * The page CSP reports every violation to the app, which logs it: any page, any spec fails the stage.
 * The violations of this run, printed when there are any.
 */
function loggedCspViolations(stacks: number): string[] {
  const csp = Array.from({ length: stacks }, (_, i) => cspViolationsIn(e2eLog("app", i))).flat();
  if (csp.length)
    console.error(`CSP violations reported by the browser during the e2e stage:\n  ${csp.slice(0, 20).join("\n  ")}`);
  return csp;
}

/** The stage's counts from Playwright's report; a CSP violation the app logged fails it too. */
function e2eOutcome(code: number, report: string, stacks: number) {
  let passed = 0;
  let failed = 0;
  let failures: string[] = [];
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as Report & {
      stats: { expected: number; unexpected: number; flaky: number };
    };
    passed = json.stats.expected + json.stats.flaky;
    failed = json.stats.unexpected;
    failures = playwrightFailures(json);
  }
  if (code !== 0 && failed === 0) failed = 1;
  const csp = loggedCspViolations(stacks);
  if (csp.length) failed += 1;
  const ok = code === 0 && csp.length === 0;
  const note = ok
    ? undefined
    : `${csp.length ? `${csp.length} CSP violation(s); ` : ""}` +
      `app and simulator output: ${path.relative(repoRoot, LOG_DIR)}/e2e-*.log`;
  return { status: ok ? ("passed" as const) : ("failed" as const), passed, failed, note, failures };
}

async function e2eStage(exampleEnv: NodeJS.ProcessEnv) {
  const specs = specFiles("tests/e2e", /\.spec\.ts$/);
  if (!specs.length) return skipped("no specs in tests/e2e");
  const order = parseE2eOrder(process.env.E2E_ORDER);
  // An order is one Playwright run a test, one after another: one stack.
  const world = await seedE2e(exampleEnv, order ? 1 : Math.min(e2eWorkers(), specs.length));
  const stacks = await startE2eStacks(world);
  if (order) return e2eInOrder(order, world, stacks);
  // Kept after the run: its per-test durations show where the stage's time goes.
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const report = path.join(LOG_DIR, "e2e-report.json");
  const code = await runPlaywright(world, stacks, report);
  await stopAllChildren();
  return e2eOutcome(code, report, stacks.length);
}

/** E2E_ORDER: one Playwright invocation per test, in `order`, on the one stack (scripts/lib/e2e-order.ts). */
async function e2eInOrder(order: E2eOrder, world: E2eWorld, stacks: E2eStack[]) {
  const env = specEnv(world, stacks);
  const targets = await listTargets(env, grepPattern(), tmpFile("e2e-list.json"));
  console.log(`e2e: ${targets.length} tests, ${describeOrder(order)}, one Playwright run each`);
  const run = await runTargetsInOrder(orderTargets(targets, order), env);
  await stopAllChildren();
  const csp = loggedCspViolations(stacks.length);
  const failed = run.failed + (csp.length ? 1 : 0);
  const note = [describeOrder(order), ...(csp.length ? [`${csp.length} CSP violation(s)`] : [])].join("; ");
  const failures = run.failures.map((f) => `${f.location}  ${f.title}`);
  return {
    status: failed === 0 ? ("passed" as const) : ("failed" as const),
    passed: run.passed,
    failed,
    note,
    failures,
  };
}

function summary(): number {
  banner("summary");
  outcomes.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines: string[] = [];
  for (const o of outcomes) {
    const counts = o.status === "skipped" ? "" : `${o.passed} passed, ${o.failed} failed`;
    const cells = [
      pad(o.stage, 12),
      pad(o.status.toUpperCase(), 8),
      pad(`${o.seconds.toFixed(1)} s`, 9),
      pad(counts, 24),
    ];
    lines.push(`  ${cells.join(" ")} ${o.note ?? ""}`);
    const failures = o.failures ?? [];
    for (const f of failures.slice(0, 20)) lines.push(`      failed: ${f}`);
    if (failures.length > 20) lines.push(`      and ${failures.length - 20} more`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0);
  lines.push(`  total        ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
  lines.push(`${passed} passed, ${failed} failed`);
  console.log(lines.join("\n"));
  // .ci/run prints the first pass's summary again at its very end, where a CI log's tail shows it.
  if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, `${lines.join("\n")}\n`);
  return failed > 0 || outcomes.some((o) => o.status === "failed") ? 1 : 0;
}

async function main(): Promise<number> {
  const stages = parseStages();
  preflight(stages);
  // Static checks first, side by side: tsc and ESLint each keep one core busy, and neither needs a
  // database, so PostgreSQL starts and the migrations run meanwhile (two cores: 170 s one after the
  // other, ~100 s together).
  const statics = Promise.all([
    stages.has("lint") ? timed("lint", () => lintStage(process.env)) : undefined,
    stages.has("typecheck") ? timed("typecheck", () => typecheckStage(process.env)) : undefined,
  ]);
  // Only static checks asked for: no database to start.
  if ([...stages].every((s) => s === "lint" || s === "typecheck")) {
    await statics;
    return summary();
  }
  const t0 = Date.now();
  pgServer = await ensurePostgres({ dataDir: embeddedDataDir("postgres-test"), log: (l) => console.log(l) });
  const runDb = await freshDatabase("");
  console.log(`PostgreSQL ready, fresh database ${databases.at(-1)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await statics;

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    TEST_PG_ADMIN_URL: pgServer.adminUrl,
    TEST_TEMPLATE_DATABASE: template,
  };
  const dbEnv = { ...baseEnv, TEST_DATABASE_URL: runDb, DATABASE_URL: runDb };

  if (stages.has("unit")) await timed("unit", () => vitestProject("unit", baseEnv));
  // Integration files run two at a time, so each makes its own database (tests/support/db.ts). Their
  // DATABASE_URL names one that does not exist: a file that forgets fails at once, by that name, instead
  // of racing another file in a shared one.
  const noSharedDb = withDatabase(pgServer.adminUrl, "integration_files_make_their_own_database");
  const integrationEnv = { ...baseEnv, DATABASE_URL: noSharedDb };
  if (stages.has("integration")) await timed("integration", () => vitestProject("integration", integrationEnv));
  if (stages.has("faults")) {
    await timed("faults", async () =>
      specFiles("tests/faults", /\.test\.ts$/).length
        ? vitestProject("faults", dbEnv)
        : skipped("no tests in tests/faults"),
    );
  }
  let built = fs.existsSync(path.join(repoRoot, DIST_DIR, "BUILD_ID")) && !stages.has("build");
  const buildEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: runDb,
    // The typecheck stage of this run covered the app already (next.config.ts); .ci/run says the same
    // for its second pass, whose TypeScript is the very same.
    ...(stages.has("typecheck") ? { NEXT_BUILD_TYPES_CHECKED: "1" } : {}),
  };
  if (stages.has("build")) {
    const build = await timed("build", async () => {
      const code = await keepTsconfig(() => runToEnd("build", "next", ["build"], { env: buildEnv }));
      return code === 0
        ? { status: "passed", passed: 1, failed: 0, note: "next build" }
        : { status: "failed", passed: 0, failed: 1, note: "next build failed" };
    });
    built = build.status === "passed";
  }
  const e2eEnv = { ...baseEnv, NEXT_DIST_DIR: DIST_DIR };
  if (stages.has("bundle"))
    await timed("bundle", async () =>
      built ? vitestProject("bundle", buildEnv) : skipped("needs a successful build"),
    );
  if (stages.has("e2e"))
    await timed("e2e", async () => (built ? e2eStage(e2eEnv) : skipped("needs a successful build")));
  return summary();
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`npm test failed: ${errorText(error)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
