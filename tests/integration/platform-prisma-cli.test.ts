// The offline Prisma CLI (prisma.config.ts + prisma/cli-adapter.ts): it applies every committed
// migration, exits before the engine's idle deadline fires, and the committed migrations produce exactly
// prisma/schema.prisma (a schema edit without its migration fails here).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_MIGRATION, migrationsToSchemaSql, runPrisma } from "../../scripts/lib/postgres";
import { adminUrl, createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let serverMajor = 0;

beforeAll(async () => {
  db = await createTestDatabase("chekt_platform_cli");
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  serverMajor = Number(
    (await client.query<{ server_version_num: string }>("show server_version_num")).rows[0]!.server_version_num.slice(
      0,
      2,
    ),
  );
  await client.end();
});
afterAll(async () => {
  await db?.drop();
});

// Each CLI run is a fresh Node process that loads Prisma and compiles its WebAssembly engine: ~3 s of
// CPU, 25 s of wall time measured at load 10 on two cores, near the project's 30 s default.
const CLI_TIMEOUT_MS = 120_000;

describe("offline Prisma CLI", { timeout: CLI_TIMEOUT_MS }, () => {
  it("has applied every committed migration folder", async () => {
    const folders = fs
      .readdirSync(path.resolve(__dirname, "../../prisma/migrations"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = (
      await client.query<{ migration_name: string }>(
        "select migration_name from _prisma_migrations where finished_at is not null order by migration_name",
      )
    ).rows;
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
  });

  it("exits as soon as the work is done (the engine's 10 s timer no longer holds it)", async () => {
    // `migrate deploy` arms the engine's lock deadline even with nothing to apply. The probe counts the
    // engine's deadlines and, at exit, how many had fired: an order of events, not a duration a loaded
    // machine stretches. A process held by the timer exits only after it fires.
    const probe = pathToFileURL(path.resolve(__dirname, "../support/engine-timer-probe.mjs")).href;
    const out = await runPrisma(["migrate", "deploy"], db.url, {
      quiet: true,
      env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${JSON.stringify(probe)}`.trim() },
    });
    expect(out).toContain("No pending migrations to apply");
    const [, armed, fired] = /ENGINE_TIMERS armed=(\d+) fired=(\d+)/.exec(out) ?? [];
    expect(Number(armed), "the engine armed no deadline: the probe proves nothing").toBeGreaterThan(0);
    expect(Number(fired), "the CLI exited only after the engine's deadline fired").toBe(0);
  });

  it("the committed migrations produce exactly prisma/schema.prisma", async (ctx) => {
    // Measured: this engine panics introspecting PostgreSQL 18 (the embedded server's version).
    if (serverMajor >= 18) ctx.skip();
    expect(
      await migrationsToSchemaSql(db.url),
      "schema.prisma differs from the migrations: npm run db:new-migration -- <name>",
    ).toBe(EMPTY_MIGRATION);
  });
});
