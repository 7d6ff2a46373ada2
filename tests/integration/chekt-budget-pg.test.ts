/**
 * The Postgres budget store's round trips: a call's token and its usage row are one statement, so
 * the shared budget costs each CHeKT call one round trip (issue 12), and the counters move only
 * when the token was really taken.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { CallBudget } from "../../lib/chekt/budget";
import { PgBudgetStore } from "../../lib/chekt/budget-pg";
import { FREE_TIER } from "../../lib/chekt/budget-rules";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase("chekt_budget_pg");
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** A store over the pool that keeps every statement it sends. */
function countingStore() {
  const sent: string[] = [];
  const store = new PgBudgetStore(async (text, values) => {
    sent.push(text.trim().split(/\s+/)[0]!.toUpperCase());
    return (await pool.query(text, values)).rows;
  });
  return { store, sent };
}

async function usageRows(credential: string) {
  const { rows } = await pool.query<{ budget_class: string; calls: number; waits: number }>(
    "SELECT budget_class, calls, waits FROM chekt_budget_usage WHERE credential = $1 ORDER BY budget_class",
    [credential],
  );
  return rows;
}

describe("the Postgres budget store", () => {
  it("takes a token and counts the call in one statement", async () => {
    const { store, sent } = countingStore();
    const budget = new CallBudget("client:one-trip", { store, limits: FREE_TIER });
    await budget.acquire("read", { deadline: Date.now() + 5_000 });
    // The first call creates the row (one INSERT … RETURNING), then one statement per call.
    sent.length = 0;
    for (let i = 0; i < 3; i++) await budget.acquire(i === 2 ? "answer" : "read", { deadline: Date.now() + 5_000 });
    expect(sent).toEqual(["WITH", "WITH", "WITH"]);
    expect(await usageRows("client:one-trip")).toEqual([
      { budget_class: "answer", calls: 1, waits: 0 },
      { budget_class: "read", calls: 3, waits: 0 },
    ]);
  });

  it("a token lost to another instance is neither taken nor counted; the winner's is", async () => {
    const a = countingStore();
    const b = countingStore();
    const one = new CallBudget("client:two", { store: a.store, limits: FREE_TIER });
    const two = new CallBudget("client:two", { store: b.store, limits: FREE_TIER });
    await one.acquire("read", { deadline: Date.now() + 5_000 });
    // `two` has not seen the row yet; `one` changes it again, so `two`'s first compare-and-set with
    // the version it loads now succeeds, while `one`'s next one (stale cache) must re-read.
    await two.acquire("bulk", { deadline: Date.now() + 5_000 });
    a.sent.length = 0;
    await one.acquire("read", { deadline: Date.now() + 5_000 });
    // Stale version: the combined statement changes nothing, the row is read, the retry lands.
    expect(a.sent).toEqual(["WITH", "SELECT", "WITH"]);
    expect(await usageRows("client:two")).toEqual([
      { budget_class: "bulk", calls: 1, waits: 0 },
      { budget_class: "read", calls: 2, waits: 0 },
    ]);
  });
});
