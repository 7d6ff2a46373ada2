// A worker whose database goes away just as a job ends (a Postgres restart, a failover). pg-boss then
// cannot record the job as completed or failed; that must reach the worker's log as an error, never
// as an unhandled rejection, which ends `npm run worker` (scripts/worker.ts has no handler for one,
// as Node's default is to exit). pg-boss 10 left both writes unawaited (patches/pg-boss+10.4.2.patch).
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "@/lib/jobs/boss";
import { adminUrl, createTestDatabase, type TestDatabase } from "../support/db";
import { until } from "../support/until";

let db: TestDatabase;
let admin: pg.Client;
let boss: PgBoss | undefined;
const log: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeAll(async () => {
  db = await createTestDatabase("chekt_it_boss");
  admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  process.on("unhandledRejection", onRejection);
});

afterEach(async () => {
  await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
  await boss?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
  boss = undefined;
  log.length = 0;
  rejections.length = 0;
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await admin?.end();
  await db?.drop();
});

/** No new session may open, and every open one ends: what a database that went away looks like. */
async function cutDatabase() {
  await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [db.name],
  );
}

describe("pg-boss when the database goes as a job ends", () => {
  it.each([
    ["completes", async () => cutDatabase()],
    [
      "fails",
      async () => {
        await cutDatabase();
        throw new Error("the job's own failure");
      },
    ],
  ])("a job that %s: the lost write is logged, no unhandled rejection", async (_, handler) => {
    boss = await startBoss({ connectionString: db.url, max: 2, log: (m) => log.push(m) }, async (b) => {
      await b.createQueue("lost-database");
    });
    let ran = 0;
    await boss.work("lost-database", { pollingIntervalSeconds: 0.5 }, async () => {
      ran += 1;
      await handler();
    });
    await boss.send("lost-database", {});
    await until(
      () => ran === 1,
      () => "the job to run",
    );
    // The outcome's write meets the terminated session: an error pg-boss reports for the queue's worker,
    // or (unpatched) an unhandled rejection. Either ends the wait; only the first may happen.
    const lost = () => log.filter((l) => l.includes("(Queue: lost-database"));
    await until(
      () => lost().length > 0 || rejections.length > 0,
      () => `the lost write to be reported (log: ${log.join(" | ")})`,
    );
    expect(rejections.map(String)).toEqual([]);
    expect(lost()[0]).toMatch(/terminating connection|not currently accepting connections/);
  });
});
