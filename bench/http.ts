// What the app benches share: signing in over HTTP the way a browser without JavaScript does,
// calling a server action the way the browser does, and percentiles.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../scripts/lib/env";
import { startChild, waitForHttp } from "../scripts/lib/processes";

export type Dist = { median: number; p95: number; n: number };

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Median and p95 (nearest rank) of a sample. */
export function dist(xs: number[]): Dist {
  if (xs.length === 0) return { median: Number.NaN, p95: Number.NaN, n: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { median: r1(at(50)), p95: r1(at(95)), n: s.length };
}

/** The cookies a response sets, merged into a jar. */
function keepCookies(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's CSRF token and credentials callback; answers the Cookie header. */
export async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  keepCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${appUrl}/` }),
  });
  keepCookies(jar, res);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in failed: HTTP ${res.status} ${res.headers.get("location") ?? ""}`);
  return cookieHeader(jar);
}

/** The id Next gave a server action in this build (what the browser sends in the Next-Action header). */
export function actionId(distDir: string, file: string, exportedName: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(repoRoot, distDir, "server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const hit = Object.entries(manifest.node).find(
    // A build whose turbopack root is above the app names its files from that root.
    ([, v]) => (v.filename === file || v.filename?.endsWith(`/${file}`)) && v.exportedName === exportedName,
  );
  if (!hit) throw new Error(`no server action ${exportedName} from ${file} in ${distDir}`);
  return hit[0];
}

/**
 * Posts a server action as the browser does (Next-Action header, JSON arguments), without the
 * router state tree, so the answer is the action's result rather than a re-render. Answers the
 * RSC text; throws on a non-200.
 */
export async function callAction(
  appUrl: string,
  pagePath: string,
  id: string,
  cookie: string,
  args: unknown[],
): Promise<string> {
  const res = await fetch(`${appUrl}${pagePath}`, {
    method: "POST",
    headers: {
      "next-action": id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: appUrl,
      cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`action answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * Runs `bench` when `moduleUrl` is the script node was started with (not when it is imported),
 * then exits: 0 after it, printing its figures as JSON when `printJson`; 1 with the error.
 */
export function runIfMain<T>(moduleUrl: string, bench: () => Promise<T>, printJson = false): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? "").href) return;
  bench().then(
    (figures) => {
      if (printJson) console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Env for a `next start` child that logs the Postgres round trips of each request to `file`
 * (bench/sql-count.mjs): a figure the shared box's load does not bend.
 */
export function sqlCountEnv(file: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  fs.rmSync(file, { force: true });
  const preload = `--import ${pathToFileURL(path.join(repoRoot, "bench/sql-count.mjs")).href}`;
  return { NODE_OPTIONS: [base.NODE_OPTIONS, preload].filter(Boolean).join(" "), BENCH_SQL_LOG: file };
}

export type SqlLine = {
  method: string;
  path: string;
  action: boolean;
  /** Next re-posted this action from another page's URL to the page that imports it (a second request). */
  forwarded: boolean;
  status: number;
  queries: number;
  /** The request's wall time in the server, and the time its Postgres round trips took (summed). */
  ms: number;
  dbMs: number;
  /** The process's CPU time while the request was open (older counters did not log it). */
  cpuMs?: number;
  sql?: string[];
};

/** The lines bench/sql-count.mjs wrote whose request `match` picks. */
export function sqlLines(file: string, match: (l: SqlLine) => boolean): SqlLine[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SqlLine)
    .filter(match);
}

/** The server process's CPU time per request (bench/sql-count.mjs): the figure the box's load bends least. */
export const cpuOf = (lines: SqlLine[]): Dist =>
  dist(lines.flatMap((l) => (typeof l.cpuMs === "number" ? [l.cpuMs] : [])));

/** Round trips per request of one kind: median and max (the count may vary with a once-a-minute touch). */
export function sqlPerRequest(
  file: string,
  match: (l: SqlLine) => boolean,
): { median: number; max: number; n: number } {
  const xs = sqlLines(file, match).map((l) => l.queries);
  const d = dist(xs);
  return { median: d.median, max: xs.length ? Math.max(...xs) : Number.NaN, n: xs.length };
}

/** Server-side wall time and Postgres time per request of one kind, medians (both from bench/sql-count.mjs). */
export function serverTimes(file: string, match: (l: SqlLine) => boolean): { ms: Dist; dbMs: Dist } {
  const lines = sqlLines(file, match);
  return { ms: dist(lines.map((l) => l.ms)), dbMs: dist(lines.map((l) => l.dbMs)) };
}

/**
 * The simulator as a bench's child, on `simPort`, its state in memory and no demo alarms; resolves
 * once it answers. `env` adds to the environment (rate-limit tier).
 */
export async function startBenchSim(o: {
  simPort: number;
  simUrl: string;
  appUrl: string;
  simToken: string;
  env?: Record<string, string>;
}) {
  const sim = startChild("sim", "node", ["--import", "tsx", "simulator/main.ts"], {
    echo: false,
    env: {
      ...process.env,
      ...o.env,
      CHEKT_SIM_PORT: String(o.simPort),
      APP_URL: o.appUrl,
      CHEKT_SIM_DATA_FILE: "",
      CHEKT_SIM_ADMIN_TOKEN: o.simToken,
      CHEKT_SIM_DEMO_ALARM_EVERY_S: "0",
    },
  });
  await waitForHttp(`${o.simUrl}/_sim/health`, 60_000, sim);
  return sim;
}

/**
 * `next start` of a built app against the bench's database and simulator, with its Postgres round trips
 * counted into `sqlFile`; resolves once the sign-in page answers. The list benches (sites, fleet) share it.
 */
/**
 * How `next start` is launched: BENCH_CPU_PROF=<dir> runs it under `node --cpu-prof` (a flag
 * NODE_OPTIONS refuses), which writes a V8 CPU profile there when it stops; bench/cpu-profile.mjs
 * sums it. Where the server's CPU time per request goes (the action and list benches).
 */
export function nextCommand(args: string[]): [string, string[]] {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return ["next", args];
  const bin = path.join(repoRoot, "node_modules/next/dist/bin/next");
  return ["node", ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`, bin, ...args]];
}

/**
 * The production shape's background process (README, "Running in production"): `npm run worker`
 * (scripts/worker.ts) beside web instances started with BACKGROUND_WORK=off. `env` is the web
 * instances' environment; resolves once it says it runs.
 */
export async function startBenchWorker(env: NodeJS.ProcessEnv) {
  const worker = startChild("worker", "node", ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    echo: false,
    env,
  });
  await Promise.race([
    (async () => {
      while (!/\[worker\] running/.test(worker.tail())) await new Promise((r) => setTimeout(r, 100));
    })(),
    worker.exited.then((code) => {
      throw new Error(`the worker exited (code ${code}) before it ran:\n${worker.tail()}`);
    }),
  ]);
  return worker;
}

/** The environment of a list bench's `next start` (and of its worker, which reads the same). */
export function listAppEnv(o: { appPort: number; appUrl: string; distDir: string; dbUrl: string; simUrl: string }) {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_DIST_DIR: o.distDir,
    PORT: String(o.appPort),
    DATABASE_URL: o.dbUrl,
    CHEKT_API_BASE_URL: o.simUrl,
    APP_URL: o.appUrl,
    AUTH_URL: o.appUrl,
  };
}

/**
 * `background`: this instance also runs the background work in its own event loop (the one-process
 * shape); by default it only serves (BACKGROUND_WORK=off) and a `startBenchWorker` process runs it.
 */
export async function startListApp(o: {
  appPort: number;
  appUrl: string;
  distDir: string;
  dbUrl: string;
  simUrl: string;
  simToken: string;
  sqlFile: string;
  background?: boolean;
}) {
  const app = startChild("app", ...nextCommand(["start", "--port", String(o.appPort)]), {
    echo: false,
    env: {
      ...listAppEnv(o),
      ...sqlCountEnv(o.sqlFile),
      CHEKT_SIM_ADMIN_TOKEN: o.simToken,
      BACKGROUND_WORK: o.background ? "on" : "off",
    },
  });
  await waitForHttp(`${o.appUrl}/sign-in`, 120_000, app);
  return app;
}
