// npm run db:new-migration -- <name>
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes a
// database at the committed migrations to prisma/schema.prisma. Stands in for `prisma migrate dev`,
// which the offline (WebAssembly) schema engine refuses. The engine replays the migrations in a
// temporary shadow database (created and dropped by prisma/cli-adapter.ts) on the server in
// DATABASE_URL, or on the embedded PostgreSQL when it is unset.
import fs from "node:fs";
import path from "node:path";
import { loadEnv, repoRoot } from "./lib/env";
import { EMPTY_MIGRATION, ensurePostgres, migrationsToSchemaSql, type PostgresServer } from "./lib/postgres";
import { errorText } from "../lib/error-text";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

function timestamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}`;
  return `${date}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

loadEnv();
let server: PostgresServer | undefined;
let code = 0;
try {
  server = await ensurePostgres();
  const script = await migrationsToSchemaSql(server.adminUrl);
  if (!script || script === EMPTY_MIGRATION) {
    console.log("prisma/schema.prisma matches the committed migrations: nothing to write.");
  } else {
    const dir = path.join(repoRoot, "prisma", "migrations", `${timestamp()}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), script + "\n");
    console.log(`Wrote ${path.relative(repoRoot, dir)}/migration.sql — review it, then: npm run db:migrate`);
  }
} catch (error) {
  console.error(errorText(error));
  if (server?.embedded) {
    // Measured: Prisma 6.19.3's engine panics ("RuntimeError: unreachable") when it introspects
    // a PostgreSQL 18 database, and the embedded server is 18. Deploying migrations is unaffected.
    console.error(
      "\nThe embedded PostgreSQL is version 18, which this Prisma engine cannot introspect.\n" +
        "Point DATABASE_URL at a PostgreSQL 15-17 server, e.g. " +
        `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run db:new-migration -- ${name}`,
    );
  }
  code = 1;
} finally {
  await server?.stop();
}
process.exit(code);
