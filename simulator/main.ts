/**
 * `npm run sim`: the CHeKT simulator as a standalone server.
 * Reads `.env` (and `.env.example` for anything unset), keeps state in CHEKT_SIM_DATA_FILE.
 * Flags: --demo (periodic alarms), --empty (no seed on first start), --port N, --fresh (ignore saved state).
 */
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { config as dotenv } from "dotenv";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
dotenv({ path: resolve(root, ".env"), quiet: true });
dotenv({ path: resolve(root, ".env.example"), quiet: true });

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (v: string | undefined, fallback: number) =>
  v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : fallback;

const { startSimulator } = await import("./server");
const env = process.env;
const port = num(opt("port") ?? env.CHEKT_SIM_PORT, 4010);
const dataFile = env.CHEKT_SIM_DATA_FILE ? resolve(root, env.CHEKT_SIM_DATA_FILE) : null;
if (flag("fresh") && dataFile && existsSync(dataFile)) rmSync(dataFile);
const demo = flag("demo") || env.CHEKT_SIM_DEMO === "1" || env.CHEKT_SIM_DEMO === "true";

const sim = await startSimulator({
  port,
  host: env.CHEKT_SIM_HOST || "127.0.0.1",
  seed: flag("empty") ? "empty" : "demo",
  dataFile,
  demoAlarmEveryS: demo ? num(env.CHEKT_SIM_DEMO_ALARM_EVERY_S, 45) : 0, // 0 = off
  config: {
    tokenTtlS: num(env.CHEKT_TOKEN_TTL_S, 3600),
    rateLimitPerMin: num(env.CHEKT_RATE_LIMIT_PER_MIN, 60),
    rateLimitBurstPerS: num(env.CHEKT_RATE_LIMIT_BURST_PER_S, 5),
    webhookRetryScale: num(env.CHEKT_WEBHOOK_RETRY_SCALE, 1),
    maxBulk: num(env.CHEKT_MAX_BULK, 100),
    adminToken: env.CHEKT_SIM_ADMIN_TOKEN || null,
    publicUrl: env.CHEKT_SIM_PUBLIC_URL || null,
    errorShape: env.CHEKT_SIM_ERROR_SHAPE === "nest" ? "nest" : "envelope",
    logRequests: flag("verbose") || env.CHEKT_SIM_LOG === "1",
    validateResponses: env.CHEKT_SIM_VALIDATE_RESPONSES === "1",
  },
});

const s = sim.state;
console.log(`CHeKT simulator listening on ${sim.url}`);
console.log(
  `  state: ${dataFile ?? "(in memory only)"} — ` +
    `${s.dealers.size} dealers, ${s.sites.size} sites, ${s.devices.size} devices`,
);
console.log(
  `  partner client_id: ${[...s.partners.values()][0]?.client_id ?? "(none)"}   ` +
    `control API: ${sim.url}/_sim${sim.config.adminToken ? " (admin token required)" : ""}`,
);
const every = num(env.CHEKT_SIM_DEMO_ALARM_EVERY_S, 45);
if (demo)
  console.log(
    every > 0
      ? `  demo mode: an alarm every ${every} s`
      : "  demo mode: no periodic alarms (CHEKT_SIM_DEMO_ALARM_EVERY_S=0)",
  );

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sim.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
