// The pool's hot-statement options (lib/db.ts sql/sqlText `prepare`) and the relaxed commit
// (lib/relaxed-commit.ts), on real Postgres with a pool of ONE connection, so every statement here
// meets what the ones before it left on that connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { RELAXED_COMMIT } from "@/lib/relaxed-commit";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let lib: typeof import("@/lib/db");

beforeAll(async () => {
  db = await createTestDatabase("chekt_db_prepared");
  process.env.DATABASE_URL = db.url;
  process.env.DATABASE_POOL_SIZE = "1";
  lib = await import("@/lib/db");
  await lib.sqlText("CREATE TABLE relaxed_probe (id int PRIMARY KEY, n int NOT NULL)", []);
});

afterAll(async () => {
  await lib?.prisma.$disconnect();
  await db?.drop();
});

const preparedTexts = async () =>
  (await lib.sqlText<{ statement: string }>("SELECT statement FROM pg_prepared_statements ORDER BY name", [])).map(
    (r) => r.statement,
  );

describe("prepared statements on the pool", () => {
  it("prepares a text once and answers each call with its own values", async () => {
    const text = "SELECT $1::int * 2 AS doubled";
    const answers = [];
    for (const v of [1, 2, 3]) answers.push((await lib.sqlText<{ doubled: number }>(text, [v], { prepare: true }))[0]);
    expect(answers).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    expect((await preparedTexts()).filter((s) => s === text)).toHaveLength(1);
  });

  it("gives two texts two statements, and a Prisma.sql text the same treatment", async () => {
    const q = (id: number) => Prisma.sql`SELECT ${id}::int + 1 AS next`;
    expect((await lib.sql<{ next: number }>(q(4), { prepare: true })).rows).toEqual([{ next: 5 }]);
    expect((await lib.sqlText<{ x: string }>("SELECT $1::text AS x", ["a"], { prepare: true }))[0].x).toBe("a");
    expect((await lib.sql<{ next: number }>(q(9), { prepare: true })).rows).toEqual([{ next: 10 }]);
    const texts = await preparedTexts();
    expect(texts).toContain(q(0).text);
    expect(texts).toContain("SELECT $1::text AS x");
  });

  it("leaves a statement unprepared without the option", async () => {
    await lib.sqlText("SELECT $1::int AS unprepared_probe", [1]);
    expect((await preparedTexts()).some((s) => s.includes("unprepared_probe"))).toBe(false);
  });

  it("still reads timestamp columns as UTC when prepared", async () => {
    const [r] = await lib.sqlText<{ at: Date }>("SELECT $1::timestamp(3) AS at", ["2026-05-06 07:08:09.123"], {
      prepare: true,
    });
    expect(r.at.toISOString()).toBe("2026-05-06T07:08:09.123Z");
  });
});

describe("Dates sent on the pool", () => {
  it("land as UTC wall time in a timestamp column whatever the process's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      const at = new Date("2026-05-06T14:00:00.000Z");
      expect(at.getTimezoneOffset()).toBe(-120); // the zone took effect: pg alone would send 16:00+02:00
      const [r] = await lib.sqlText<{ wall: string; back: Date }>(
        "SELECT to_char($1::timestamp(3), 'HH24:MI') AS wall, $1::timestamp(3) AS back",
        [at],
      );
      expect(r).toEqual({ wall: "14:00", back: at });
      const { rows } = await lib.sql<{ wall: string }>(
        Prisma.sql`SELECT to_char(${at}::timestamp(3), 'HH24:MI') AS wall`,
      );
      expect(rows).toEqual([{ wall: "14:00" }]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe("RELAXED_COMMIT", () => {
  it("commits its own statement's write without waiting for the WAL, and only that statement", async () => {
    const rows = await lib.sqlText<{ n: number; relaxed_commit: string }>(
      `INSERT INTO relaxed_probe (id, n) VALUES (1, 7) RETURNING n, ${RELAXED_COMMIT}`,
      [],
    );
    expect(rows).toEqual([{ n: 7, relaxed_commit: "off" }]);
    // Committed: another connection sees it.
    const other = await import("pg").then((pg) => new pg.default.Client({ connectionString: db.url }));
    await other.connect();
    try {
      expect((await other.query("SELECT n FROM relaxed_probe WHERE id = 1")).rows).toEqual([{ n: 7 }]);
    } finally {
      await other.end();
    }
    // The setting ended with that statement's transaction: the pool's one connection is back to
    // durable commits for whatever runs next on it (an audit row).
    expect(await lib.sqlText("SHOW synchronous_commit", [])).toEqual([{ synchronous_commit: "on" }]);
  });
});
