// The per-instance LISTEN connection: fans out NOTIFYs, survives Postgres killing it (reconnects and
// tells subscribers to resync), and ignores foreign payloads on the channel.
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createListener, type Listener, type LiveEvent } from "@/lib/live/listen";
import { createTestDb, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sql: pg.Client;
// Each test has a listener and an event list of its own: a count or a resync seen by one test is never
// something another test's NOTIFYs or killed connection left behind.
let listener: Listener;
let events: LiveEvent[];

function waitFor(pred: (e: LiveEvent) => boolean, timeoutMs = 10_000): Promise<LiveEvent> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const hit = events.find(pred);
      if (hit) return resolve(hit);
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`not seen in ${timeoutMs} ms: ${JSON.stringify(events)}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

beforeAll(async () => {
  db = await createTestDb();
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
}, 120_000);

beforeEach(async () => {
  events = [];
  listener = createListener(db.url, { log: () => {} });
  listener.subscribe((e) => events.push(e));
  await listener.ready();
});

// Closed before the next test starts, so the reconnect test's pg_stat_activity finds its own connection only.
afterEach(async () => {
  await listener?.close();
});

afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

describe("live listener", () => {
  it("delivers a committed NOTIFY and ignores malformed ones", async () => {
    await sql.query(`SELECT pg_notify('verifications', 'not json')`);
    await sql.query(`SELECT pg_notify('verifications', $1)`, [
      JSON.stringify({ id: "v1", dealer: "d1", state: "pending", at: 1 }),
    ]);
    const e = await waitFor((x) => x.kind === "verification" && x.message.id === "v1");
    expect(e).toEqual({ kind: "verification", message: { id: "v1", dealer: "d1", state: "pending", at: 1 } });
    expect(events.filter((x) => x.kind === "verification")).toHaveLength(1);
  });

  it("a NOTIFY inside a rolled-back transaction is never delivered", async () => {
    await sql.query("BEGIN");
    await sql.query(`SELECT pg_notify('verifications', $1)`, [
      JSON.stringify({ id: "v-rolled-back", dealer: "d1", state: "pending", at: 2 }),
    ]);
    await sql.query("ROLLBACK");
    await sql.query(`SELECT pg_notify('verifications', $1)`, [
      JSON.stringify({ id: "v-after", dealer: "d1", state: "pending", at: 3 }),
    ]);
    await waitFor((x) => x.kind === "verification" && x.message.id === "v-after");
    expect(events.some((x) => x.kind === "verification" && x.message.id === "v-rolled-back")).toBe(false);
  });

  it("reconnects after Postgres kills the connection, asks subscribers to resync, and keeps delivering", async () => {
    const killed = await sql.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'chekt-live-listen'
        AND datname = current_database()`,
    );
    expect(killed.rowCount).toBe(1);
    await waitFor((x) => x.kind === "resync", 15_000);
    await listener.ready();
    await sql.query(`SELECT pg_notify('verifications', $1)`, [
      JSON.stringify({ id: "v-after-reconnect", dealer: "d1", state: "claimed", at: 4 }),
    ]);
    await waitFor((x) => x.kind === "verification" && x.message.id === "v-after-reconnect");
  }, 30_000);
});
