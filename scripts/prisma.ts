// Runs the Prisma CLI offline (WebAssembly schema engine through prisma/cli-adapter.ts).
//   npm run generate:db            → prisma generate (needs no database)
//   npm run db:migrate             → prisma migrate deploy
//   tsx scripts/prisma.ts <args>   → any other Prisma command
// With DATABASE_URL unset, commands that need a database run against the demo's embedded
// PostgreSQL (database `chekt_console`), started for the command and stopped after it.
import { spawn } from "node:child_process";
import path from "node:path";
import { loadEnv, repoRoot } from "./lib/env";
import { DEMO_DATABASE, ensureDatabase, ensurePostgres, type PostgresServer } from "./lib/postgres";
import { errorText } from "../lib/error-text";

const args = process.argv.slice(2);
loadEnv();
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

if (args[0] === "migrate" && args[1] === "dev") {
  // The 6.19.3 WebAssembly engine refuses it ("PostgreSQL shadow DB must be provided through an
  // external factory"): its data-loss check (EvaluateDataLoss) never asks the adapter for a shadow
  // database, and with an adapter the datasource's shadowDatabaseUrl is ignored (both measured).
  console.error(
    "`prisma migrate dev` does not work with the offline schema engine.\n" +
      "Use: npm run db:new-migration -- <name>   (then npm run db:migrate)",
  );
  process.exit(2);
}

const needsDatabase = !["generate", "format", "validate", "version", "-v", "--version", "--help", "-h"].includes(
  args[0] ?? "--help",
);

function runCli(databaseUrl: string): Promise<number> {
  return new Promise((resolve) => {
    const cli = path.join(repoRoot, "node_modules", "prisma", "build", "index.js");
    // stdin closed: Prisma must never wait for an answer in scripts and CI.
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: repoRoot,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let server: PostgresServer | undefined;
let code = 1;
try {
  let url = process.env.DATABASE_URL;
  if (!url) {
    if (needsDatabase) {
      server = await ensurePostgres();
      await ensureDatabase(server.adminUrl, DEMO_DATABASE);
      url = server.urlFor(DEMO_DATABASE);
    } else {
      // `generate` never connects, but without a value the CLI falls back to the native engine.
      url = "postgres://postgres@127.0.0.1:5432/postgres";
    }
  }
  code = await runCli(url);
} catch (error) {
  console.error(errorText(error));
} finally {
  await server?.stop();
}
process.exit(code);
