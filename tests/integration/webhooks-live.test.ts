// Two app instances on different ports (separate processes, each with its own LISTEN connection):
// the simulator's signed webhook hits instance A, an SSE client on instance B sees the change.
// Also: catch-up from GET /v1/events fills in what the receiver missed while it was down.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { openSse, startInstance, type Instance, type SseClient } from "@/bench/webhooks-support";
import type { RunningSimulator } from "@/simulator/server";
import { simRaiseAlarm, simResolveAlarm } from "../support/sim-world";
import { startTestSimulator } from "../support/simulator";
import { until } from "../support/until";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sim: RunningSimulator;
let a: Instance;
let b: Instance;
let envA: Record<string, string | undefined>;
let linkId: string;
let sql: pg.Client;
const PORT_A = 3700 + (process.pid % 40);

/** Instance B's queue stream for the seeded dealer, open for the current test only. */
async function openQueue(): Promise<SseClient> {
  const sse = await openSse(`${b.url}/live?dealer=${linkId}&chekt=1`);
  onTestFinished(() => sse.close());
  return sse;
}

beforeAll(async () => {
  db = await createTestDb();
  setTestEnv(db.url, {
    CHEKT_WEBHOOK_SECRET: "whsec_demo_signing_secret_0123456789",
    CHEKT_API_KEY: "chekt_test_demo0000000000000000000000000001",
  });
  sim = await startTestSimulator({ appUrl: `http://127.0.0.1:${PORT_A}` });
  process.env.CHEKT_API_BASE_URL = sim.url;
  // The seeded default dealer: its row holds no secret, so the env secret (the simulator's) applies.
  linkId = await seedDealerLink(db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  const env = { ...process.env, DATABASE_URL: db.url, CHEKT_API_BASE_URL: sim.url };
  envA = { ...env, PORT: String(PORT_A) };
  [a, b] = await Promise.all([startInstance(envA), startInstance({ ...env, PORT: "0" })]);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  // The queue's site name and time zone come from the mirror (lib/verifications/site-info.ts), as a sweep leaves them.
  await sql.query(
    `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, timezone, is_activated, search_text, dto,
                              confirmed_at, updated_at)
     VALUES ($1, 1, 'harbor', 'Harbor Logistics Warehouse', 'America/New_York', true, 'harbor logistics warehouse',
             '{}', now(), now())`,
    [linkId],
  );
}, 120_000);

// The catch-up test stops instance A (the receiver down): the next test gets it back on PORT_A, where the
// simulator posts its webhooks.
beforeEach(async () => {
  if (a.child.exitCode !== null || a.child.signalCode !== null) a = await startInstance(envA);
}, 120_000);

afterAll(async () => {
  await (await import("@/lib/webhooks/pool")).closeWebhookPool();
  await Promise.all([a?.stop(), b?.stop()]);
  await sim?.close();
  await sql?.end();
  await db?.drop();
});

describe("live queue across instances", () => {
  it("a webhook received by instance A reaches an SSE client of instance B", async () => {
    // The snapshot is the dealer's open queue, whatever alarms the file's other tests left in it.
    const open = await sql.query(
      `SELECT id FROM verifications WHERE dealer_link_id = $1 AND state IN ('pending', 'claimed')
        AND expires_at > now()`,
      [linkId],
    );
    const sse = await openQueue();
    const first = await sse.waitFor((m) => m.type === "snapshot");
    if (first.msg.type !== "snapshot") throw new Error("unreachable");
    expect(first.msg.items.map((i) => i.id).sort()).toEqual(open.rows.map((r) => r.id).sort());

    const created = await simRaiseAlarm(sim.url, {
      site_id: 1,
      expires_in_s: 300,
      trigger: "motion",
      description: "Motion at loading dock",
    });
    const vid = created.verification.verification_id;
    const seen = await sse.waitFor((m) => m.type === "upsert" && m.item.id === vid);
    if (seen.msg.type !== "upsert") throw new Error("unreachable");
    expect(seen.msg.item).toMatchObject({
      id: vid,
      state: "pending",
      siteId: 1,
      description: "Motion at loading dock",
    });
    // Site name from the mirror, not a CHeKT call per queue refresh.
    expect(seen.msg.item.siteName).toBe("Harbor Logistics Warehouse");
    expect(seen.msg.item.siteTimezone).toBe("America/New_York");

    // The snapshot (alarm.created's snapshot_url or snapshot.created) arrives on B as well.
    const withSnap = await sse.waitFor((m) => m.type === "upsert" && m.item.id === vid && m.item.snapshots.length > 0);
    expect(withSnap.msg.type === "upsert" && withSnap.msg.item.snapshots.length).toBeGreaterThan(0);

    // Every event of this alarm really went through instance A's receiver. The simulator sends them one
    // after another, so the last may still be on its way when B shows the snapshot: wait for it.
    const ownEvents = created.events.map((e) => e.id);
    expect(ownEvents).toHaveLength(3);
    const acceptedEvents = async () =>
      (
        await sql.query<{ event_id: string }>(
          `SELECT DISTINCT event_id FROM webhook_deliveries WHERE dealer_link_id = $1 AND verdict = 'accepted'
            AND event_id = ANY($2)`,
          [linkId, ownEvents],
        )
      ).rows
        .map((r) => r.event_id)
        .sort();
    await until(
      async () => (await acceptedEvents()).length === ownEvents.length,
      () => "the alarm's three events accepted",
    );
    expect(await acceptedEvents()).toEqual(ownEvents.sort());
  }, 60_000);

  it("resolving the alarm on CHeKT's side removes it from B's stream", async () => {
    const sse = await openQueue();
    const created = await simRaiseAlarm(sim.url, { site_id: 2, expires_in_s: 300 });
    const vid = created.verification.verification_id;
    await sse.waitFor((m) => m.type === "upsert" && m.item.id === vid);
    const alarmId = created.events.length
      ? (await sql.query(`SELECT alarm_id FROM verifications WHERE id = $1`, [vid])).rows[0].alarm_id
      : null;
    await simResolveAlarm(sim.url, alarmId, { resolution: "handled" });
    const removed = await sse.waitFor((m) => m.type === "remove" && m.id === vid);
    expect(removed.msg).toMatchObject({ type: "remove", state: "cancelled" });
  }, 60_000);

  it("catch-up applies events the receiver never got (source = catch-up), and nothing twice", async () => {
    const sse = await openQueue();
    // Instance A goes down; CHeKT keeps emitting (its retries fail meanwhile).
    await a.stop();
    const created = await simRaiseAlarm(sim.url, { site_id: 3, expires_in_s: 300, description: "While we were down" });
    const vid = created.verification.verification_id;
    const before = await sql.query(`SELECT 1 FROM verifications WHERE id = $1`, [vid]);
    expect(before.rowCount).toBe(0);

    const { catchUpAll } = await import("@/lib/webhooks/catch-up");
    const { fetchEventsFromChekt } = await import("@/lib/webhooks/catch-up-source");
    const reports = await catchUpAll(fetchEventsFromChekt);
    const mine = reports.find((r) => r.dealerLinkId === linkId)!;
    expect(mine.error).toBeUndefined();
    expect(mine.applied).toBeGreaterThanOrEqual(3);

    const ev = await sql.query(`SELECT source FROM webhook_events WHERE id = ANY($1)`, [
      created.events.map((e) => e.id),
    ]);
    expect(ev.rows.map((r) => r.source)).toEqual(["catch-up", "catch-up", "catch-up"]);
    // B's page hears about it too: the NOTIFY came from the catch-up's transaction.
    await sse.waitFor((m) => m.type === "upsert" && m.item.id === vid);

    // A second run finds nothing new (cursor kept; overlap deduplicated by event id).
    const again = (await catchUpAll(fetchEventsFromChekt)).find((r) => r.dealerLinkId === linkId)!;
    expect(again.applied).toBe(0);
    const count = await sql.query(`SELECT count(*)::int AS n FROM verifications WHERE id = $1`, [vid]);
    expect(count.rows[0].n).toBe(1);
  }, 60_000);
});
