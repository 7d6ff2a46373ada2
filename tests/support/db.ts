// Databases for integration tests. `npm test` runs two integration files at a time, so each file makes
// a database of its own here (a copy of the run's migrated template) and drops it; the stage's
// DATABASE_URL names none (scripts/test.ts). TEST_PG_ADMIN_URL is the server they live on.
import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase, migrate, withDatabase } from "../../scripts/lib/postgres";

/** The maintenance database of the test server: TEST_PG_ADMIN_URL, else derived, else local 5432. */
export function adminUrl(): string {
  if (process.env.TEST_PG_ADMIN_URL) return process.env.TEST_PG_ADMIN_URL;
  const base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return base ? withDatabase(base, "postgres") : "postgres://postgres@127.0.0.1:5432/postgres";
}

export type TestDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * A new database with every migration applied. Call drop() in afterAll. Under `npm test` it is a copy
 * of the run's migrated template (TEST_TEMPLATE_DATABASE): a fraction of a second instead of a
 * `prisma migrate deploy` of several seconds per file; run alone, the file migrates its own.
 */
export async function createTestDatabase(prefix = "chekt_it"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = adminUrl();
  const template = process.env.TEST_TEMPLATE_DATABASE;
  await createDatabase(admin, name, template);
  const url = withDatabase(admin, name);
  if (!template) {
    try {
      await migrate(url, { quiet: true });
    } catch (error) {
      await dropDatabase(admin, name);
      throw error;
    }
  }
  return { name, url, drop: () => dropDatabase(admin, name) };
}
