// npm run demo — the whole console on this machine, from a fresh clone:
// PostgreSQL (DATABASE_URL, or an embedded server whose data stays in .data/), migrations, seed,
// the CHeKT simulator, the Next.js app. Prints where to sign in; Ctrl-C stops everything.
//   npm run demo               next dev (Turbopack): up fastest, pages compile on first visit
//   npm run demo -- --prod     next build + next start: slower to start, production-speed pages;
//                              secrets generated for this install (.data/install-secrets.json) and
//                              a database of its own, since a production start refuses the
//                              public .env.example secrets
import fs from "node:fs";
import path from "node:path";
import { runSeed } from "../prisma/seed";
import { loadEnv, repoRoot } from "./lib/env";
import { loadOrCreateSecrets, withInstallSecrets } from "./lib/install-secrets";
import { DEMO_DATABASE, ensureDatabase, ensurePostgres, migrate, type PostgresServer } from "./lib/postgres";
import { runToEnd, stopAllChildren, type Child } from "./lib/processes";
import { isLocalUrl, portOr, startApp, startSimulator } from "./lib/stack";
import { keepTsconfig } from "./lib/tsconfig-guard";
import { errorText } from "../lib/error-text";

const started = Date.now();
const prod = process.argv.includes("--prod");
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const say = (line: string) => console.log(`[demo ${seconds()}s] ${line}`);

loadEnv();
let pgServer: PostgresServer | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    await stopAllChildren();
    await pgServer?.stop();
    say("stopped");
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(0));
}

// Dealer secrets sealed under the example key by `npm run demo` cannot be opened with the
// per-install key, so the production demo keeps its own database.
const demoDatabase = prod ? `${DEMO_DATABASE}_prod` : DEMO_DATABASE;
const INSTALL_SECRETS_FILE = path.join(repoRoot, ".data", "install-secrets.json");

/** --prod: the install's own secrets replace the example ones before the seed seals anything with them. */
function useInstallSecrets(simulator: boolean) {
  const { secrets, created } = loadOrCreateSecrets(INSTALL_SECRETS_FILE);
  const { env, replaced } = withInstallSecrets(process.env, secrets, { simulator });
  Object.assign(process.env, env);
  if (replaced.length)
    say(
      `${created ? "generated" : "using"} this install's ${replaced.join(", ")} ` +
        `(${path.relative(repoRoot, INSTALL_SECRETS_FILE)})`,
    );
}

async function databaseUrl(server: PostgresServer): Promise<string> {
  const name = process.env.DATABASE_URL
    ? new URL(process.env.DATABASE_URL).pathname.slice(1) || demoDatabase
    : demoDatabase;
  try {
    if (await ensureDatabase(server.adminUrl, name)) say(`created database ${name}`);
  } catch (error) {
    // A managed server may not let us look at pg_database; the migration step says if it is missing.
    say(`could not check database ${name}: ${errorText(error)}`);
  }
  return process.env.DATABASE_URL ?? server.urlFor(name);
}

async function main() {
  const appPort = await portOr(Number(process.env.PORT) || 3000);
  const appUrl =
    isLocalUrl(process.env.APP_URL) || !process.env.APP_URL ? `http://localhost:${appPort}` : process.env.APP_URL;

  if (prod) useInstallSecrets(isLocalUrl(process.env.CHEKT_API_BASE_URL));
  pgServer = await ensurePostgres({ log: say });
  const dbUrl = await databaseUrl(pgServer);
  await migrate(dbUrl, { quiet: true });
  say("migrations applied");
  const seeded = await runSeed({ databaseUrl: dbUrl, log: (line) => say(line) });

  // The simulator runs only when the app is pointed at it (the default); with the real CHeKT
  // API in CHEKT_API_BASE_URL there is nothing to simulate.
  let chektUrl = process.env.CHEKT_API_BASE_URL!;
  const children: Child[] = [];
  if (isLocalUrl(chektUrl)) {
    const simPort = await portOr(Number(new URL(chektUrl).port) || Number(process.env.CHEKT_SIM_PORT) || 4010);
    const dataFile = process.env.CHEKT_SIM_DATA_FILE ?? path.join(".data", "simulator.json");
    if (dataFile) fs.mkdirSync(path.dirname(path.resolve(repoRoot, dataFile)), { recursive: true });
    const sim = await startSimulator({ port: simPort, appUrl, dataFile, env: process.env });
    children.push(sim.child);
    chektUrl = sim.url;
    say(`CHeKT simulator at ${sim.url} (state kept in ${dataFile || "memory"})`);
  }

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl,
    CHEKT_API_BASE_URL: chektUrl,
    APP_URL: appUrl,
    AUTH_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
    NODE_ENV: prod ? "production" : "development",
  };
  if (prod) {
    say("building the app (next build)…");
    const code = await keepTsconfig(() => runToEnd("build", "next", ["build"], { env: appEnv }));
    if (code !== 0) throw new Error("next build failed (output above)");
  }
  const app = await keepTsconfig(() => startApp({ port: appPort, mode: prod ? "start" : "dev", env: appEnv }));
  children.push(app.child);

  const password = seeded.adminPassword
    ? seeded.adminPassword
    : process.env.SEED_ADMIN_PASSWORD
      ? "(the one in SEED_ADMIN_PASSWORD)"
      : "(printed when it was created, on the first run)";
  console.log(
    [
      "",
      `  CHeKT dealer console is up in ${seconds()} s`,
      `  Open      ${appUrl}`,
      `  Sign in   ${seeded.adminEmail}`,
      `  Password  ${password}`,
      ...(seeded.adminPassword ? ["            (shown only this once: keep it, or change it under Account)"] : []),
      `  CHeKT     ${chektUrl}` +
        (isLocalUrl(chektUrl) ? " (simulator; dealer admin sign-in there: admin@coastal.example / chekt-demo)" : ""),
      "  Stop      Ctrl-C",
      "",
    ].join("\n"),
  );

  // Either child dying takes the demo down: a console without its API (or vice versa) only confuses.
  const first = await Promise.race(children.map((c) => c.exited.then((code) => ({ c, code }))));
  if (!stopping) {
    console.error(`${first.c.name} exited (code ${first.code}); stopping the demo.`);
    await shutdown(1);
  }
}

main().catch(async (error) => {
  console.error(`\nnpm run demo failed: ${errorText(error)}`);
  await shutdown(1);
});
