// Issue 7: 1,000+ deliveries that really come from the simulator, with duplicates and shuffled
// order. The receiver (lib/webhooks/receive.ts behind node:http) is made unreliable on purpose:
// some attempts are refused before storing, some are stored and then answered 500 or answered too
// late (the simulator gives up on them), so CHeKT's retries bring the same event ids again, later
// and out of order. At the end Postgres must hold every sent event exactly once and every alarm,
// verification and snapshot in its right final state.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/simulator/server";
import type { Delivery } from "@/simulator/store";
import {
  simApps,
  simDeliveries,
  simPatchApp,
  simRaiseAlarm,
  simResolveAlarm,
  type SimRaisedAlarm,
} from "../support/sim-world";
import { startTestSimulator } from "../support/simulator";
import { until } from "../support/until";
import { createTestDb, seedDealerLink, setTestEnv, withLimit, type TestDb } from "./webhooks-helpers";
import { seededRandom } from "../../scripts/lib/seeded-random";

const DEMO_SECRET = "whsec_demo_signing_secret_0123456789";
const KEY = "acme-security";
// The simulator's per-attempt timeout. Long enough that a receiver slowed by a loaded machine is
// not cut off (which would make the storm's outcome depend on the machine); the "late" answers
// below wait for the simulator to give up rather than for a time.
const TIMEOUT_MS = 10_000;
const ALARMS = 290;
const SEED = 20261124;

let db: TestDb;
let sim: RunningSimulator;
let sql: pg.Client;
let server: http.Server;
let receiveWebhook: (req: Request, key: string) => Promise<Response>;
const fate = { refused: 0, storedThen500: 0, storedThenLate: 0, passed: 0, receiverRefused: 0 };
const receiverAnswers: Record<string, number> = {};

/** The real receiver behind a flaky front door: decides each attempt's fate at random (seeded). */
function startFlakyReceiver(): Promise<string> {
  const rnd = seededRandom(SEED);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const r = rnd();
      if (r < 0.12) {
        fate.refused++;
        res.writeHead(503).end("flaky on purpose");
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const key = decodeURIComponent(String(req.url).split("/").pop() ?? "");
      const answer = await receiveWebhook(
        new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
        key,
      );
      const text = await answer.text();
      if (answer.status !== 200) {
        // A real refusal from the receiver is a finding, not part of the storm: pass it on.
        fate.receiverRefused++;
        receiverAnswers[`${answer.status} ${text.slice(0, 120)}`] =
          (receiverAnswers[`${answer.status} ${text.slice(0, 120)}`] ?? 0) + 1;
        res.writeHead(answer.status).end(text);
      } else if (r < 0.22) {
        // Stored, but the answer "gets lost": CHeKT must retry an event we already hold.
        fate.storedThen500++;
        res.writeHead(500).end("stored, answered as failed");
      } else if (r < 0.25) {
        // Stored, then answered only once CHeKT has given up on the attempt (it closes the
        // connection at its timeout): too late, whatever the machine's speed.
        fate.storedThenLate++;
        res.on("close", () => {
          if (!res.writableEnded && !res.destroyed) res.writeHead(200).end(text);
        });
      } else {
        fate.passed++;
        res.writeHead(200, { "content-type": "application/json" }).end(text);
      }
    });
  });
  server.on("clientError", (_e, socket) => socket.destroy());
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  db = await createTestDb("chekt_storm");
  setTestEnv(db.url, { CHEKT_WEBHOOK_SECRET: DEMO_SECRET });
  sim = await startTestSimulator({
    config: {
      webhookRetryScale: 0.002,
      webhookTimeoutMs: TIMEOUT_MS,
      rateLimitPerMin: 1_000_000,
      rateLimitBurstPerS: 100_000,
    },
  });
  process.env.CHEKT_API_BASE_URL = sim.url;
  // The seeded default dealer: no secret in its row, so CHEKT_WEBHOOK_SECRET (the simulator's) applies.
  await seedDealerLink(db.url, { key: KEY, chektDealerId: 1, secret: null });
  ({ receiveWebhook } = await import("@/lib/webhooks/receive"));
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sim?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections?.();
  await (await import("@/lib/webhooks/pool")).closeWebhookPool();
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await sql?.end();
  await db?.drop();
});

describe("webhooks from the simulator under a storm of retries", () => {
  it("every event stored once, every alarm in its right final state, none lost, none doubled", async () => {
    const started = Date.now();
    const receiverUrl = await startFlakyReceiver();
    const apps = await simApps(sim.url);
    const app = apps.find((a) => a.dealer_id === 1);
    if (!app) throw new Error("the demo seed has no CHeKT App for dealer 1");
    await simPatchApp(sim.url, app.id, { webhook_url: `${receiverUrl}/api/webhooks/chekt/${KEY}` });

    // Raise alarms with some concurrency; resolve every third one as soon as it exists, so its
    // alarm.resolved races its own alarm.created / verification.requested retries.
    const rnd = seededRandom(SEED + 1);
    const created: (SimRaisedAlarm & { resolved: boolean })[] = [];
    const sentEventIds: string[] = [];
    await withLimit(
      Array.from({ length: ALARMS }, (_, i) => i),
      6,
      async (i) => {
        const c = await simRaiseAlarm(sim.url, {
          site_id: 1 + (i % 3),
          expires_in_s: 900,
          description: `Storm ${i}`,
        });
        const resolved = rnd() < 1 / 3;
        sentEventIds.push(...c.events.map((e) => e.id));
        if (resolved) {
          const r = await simResolveAlarm(sim.url, c.alarm.id, { resolution: "handled" });
          sentEventIds.push(r.event.id);
        }
        created.push({ ...c, resolved });
      },
    );

    // Wait until CHeKT has nothing left to retry (the test's timeout is the only limit: a loaded
    // machine makes this slower, not red).
    let deliveries: Delivery[] = [];
    await until(
      async () => {
        deliveries = (await simDeliveries(sim.url, { app_id: app.id, limit: 5000 })).filter((d) =>
          sentEventIds.includes(d.event_id),
        );
        return deliveries.length === sentEventIds.length && deliveries.every((d) => d.state !== "pending");
      },
      () =>
        `no pending delivery; pending: ${JSON.stringify(deliveries.filter((d) => d.state === "pending").slice(0, 5))}`,
      200,
    );
    const attempts = deliveries.reduce((n, d) => n + d.attempts.length, 0);
    const retried = deliveries.filter((d) => d.attempts.length > 1).length;
    console.log(
      `storm: ${created.length} alarms (${created.filter((c) => c.resolved).length} resolved), ` +
        `${sentEventIds.length} events, ${attempts} delivery attempts, ` +
        `${retried} deliveries retried; receiver fates ${JSON.stringify(fate)}; ${Date.now() - started} ms`,
    );
    const errors: Record<string, number> = {};
    for (const d of deliveries) for (const a of d.attempts) if (a.error) errors[a.error] = (errors[a.error] ?? 0) + 1;
    console.log(
      `storm: simulator-side attempt errors ${JSON.stringify(errors)}; ` +
        `receiver refusals ${JSON.stringify(receiverAnswers)}`,
    );
    expect(deliveries.filter((d) => d.state !== "succeeded").map((d) => `${d.event_id}: ${d.state}`)).toEqual([]);
    expect(receiverAnswers).toEqual({});
    expect(attempts).toBeGreaterThanOrEqual(1000);
    expect(retried).toBeGreaterThan(0);

    // Every event CHeKT sent is stored exactly once (the primary key says "once"; the count says
    // "none lost"), applied, and the duplicates were counted, not applied again.
    const stored = await sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE duplicate_count > 0)::int AS with_dups,
              coalesce(sum(duplicate_count), 0)::int AS dups,
              count(*) FILTER (WHERE apply_status <> 'applied')::int AS unapplied
         FROM webhook_events WHERE id = ANY($1)`,
      [sentEventIds],
    );
    const all = await sql.query(`SELECT count(*)::int AS n FROM webhook_events`);
    console.log(`storm: webhook_events ${JSON.stringify(stored.rows[0])}`);
    expect(new Set(sentEventIds).size).toBe(sentEventIds.length);
    expect(stored.rows[0]).toMatchObject({ n: sentEventIds.length, unapplied: 0 });
    expect(all.rows[0].n).toBe(sentEventIds.length);
    expect(stored.rows[0].with_dups).toBeGreaterThan(0);
    // Each attempt that our wrapper let through to the receiver after the first store is a duplicate.
    expect(stored.rows[0].dups).toBe(fate.storedThen500 + fate.storedThenLate + fate.passed - sentEventIds.length);

    // The storm really shuffled the order: for some alarms another event was stored before its alarm.created.
    const early = await sql.query(
      `SELECT count(DISTINCT e.payload->'data'->>'alarm_id')::int AS n FROM webhook_events e
         JOIN webhook_events c ON c.type = 'alarm.created'
                              AND c.payload->'data'->>'alarm_id' = e.payload->'data'->>'alarm_id'
        WHERE e.type <> 'alarm.created' AND e.received_at < c.received_at`,
    );
    console.log(`storm: ${early.rows[0].n} alarms had another event stored before their alarm.created`);
    expect(early.rows[0].n).toBeGreaterThan(0);

    const alarmIds = created.map((c) => c.alarm.id);
    const alarms = new Map(
      (await sql.query(`SELECT id, state, seen_created FROM alarms WHERE id = ANY($1)`, [alarmIds])).rows.map((r) => [
        r.id,
        r,
      ]),
    );
    const verifs = await sql.query(
      `SELECT id, alarm_id, state::text AS state FROM verifications WHERE alarm_id = ANY($1)`,
      [alarmIds],
    );
    const snaps = await sql.query(`SELECT id, alarm_id FROM snapshots WHERE alarm_id = ANY($1)`, [alarmIds]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM alarms`)).rows[0].n).toBe(created.length);
    expect(verifs.rowCount).toBe(created.length);

    const wrong: string[] = [];
    for (const c of created) {
      const a = alarms.get(c.alarm.id);
      const wantAlarm = c.resolved ? "resolved" : "open";
      if (!a || a.state !== wantAlarm || !a.seen_created)
        wrong.push(`${c.alarm.id}: alarm ${JSON.stringify(a)} want ${wantAlarm}`);
      const vs = verifs.rows.filter((v) => v.alarm_id === c.alarm.id);
      const wantV = c.resolved ? "cancelled" : "pending";
      if (vs.length !== 1 || vs[0].id !== c.verification.verification_id || vs[0].state !== wantV)
        wrong.push(`${c.alarm.id}: verifications ${JSON.stringify(vs)} want one ${wantV}`);
      const ss = snaps.rows.filter((s) => s.alarm_id === c.alarm.id);
      if (!ss.some((s) => s.id === c.snapshot.id) || new Set(ss.map((s) => s.id)).size !== ss.length)
        wrong.push(`${c.alarm.id}: snapshots ${JSON.stringify(ss)} want ${c.snapshot.id} once`);
    }
    expect(wrong).toEqual([]);
  }, 480_000);
});
