// The cross-dealer attacks of issue 13 ("Why"), replayed through the real receiver against a real
// Postgres: dealer A's deliveries, correctly signed with A's own secret, carry ids that belong to
// dealer B. Each must land in A's rows only; B's alarm, verification, snapshot, device status and
// events stay exactly as they were, and B's later deliveries are applied as if A never spoke.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeHookDb, envelope, seedDealerLink, signedRequest, startHookDb, type HookDb } from "./webhooks-helpers";

let world: HookDb;
let sql: pg.Client;
let receiveWebhook: (req: Request, key: string) => Promise<Response>;
type Dealer = { key: string; secret: string; id: string };
const A: Dealer = { key: "", secret: "whsec_dealer_a_only_0123456789", id: "" };
const B: Dealer = { key: "", secret: "whsec_dealer_b_only_9876543210", id: "" };
const url = (key: string) => `http://test.local/api/webhooks/chekt/${key}`;
let pairs = 0;

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_hooks_tenancy"));
  ({ receiveWebhook } = await import("@/lib/webhooks/receive"));
}, 120_000);

afterAll(() => closeHookDb(world));

// Each test gets a dealer A and a dealer B of its own, so B's rows are only what that test made them.
beforeEach(async () => {
  pairs++;
  A.key = `dealer-a-hooks-${pairs}`;
  B.key = `dealer-b-hooks-${pairs}`;
  A.id = await seedDealerLink(world.db.url, { key: A.key, chektDealerId: 200 + 2 * pairs, secret: A.secret });
  B.id = await seedDealerLink(world.db.url, { key: B.key, chektDealerId: 201 + 2 * pairs, secret: B.secret });
});

async function deliver(dealer: Dealer, body: ReturnType<typeof envelope>) {
  const res = await receiveWebhook(signedRequest(url(dealer.key), body, { secret: dealer.secret }), dealer.key);
  return { status: res.status, body: (await res.json()) as { duplicate?: boolean } };
}

const evt = (type: string, data: Record<string, unknown>, id = `evt_${randomUUID()}`) => envelope(id, type, data);
const inFuture = (min: number) => new Date(Date.now() + min * 60_000).toISOString();

/** Every row of dealer B in the tables a delivery writes, as text, to compare before and after. */
async function rowsOf(dealerLinkId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of ["alarms", "verifications", "snapshots", "device_statuses", "webhook_events"]) {
    const r = await sql.query(`SELECT t::text AS row FROM ${table} t WHERE dealer_link_id = $1 ORDER BY t::text`, [
      dealerLinkId,
    ]);
    out[table] = r.rows.map((x: { row: string }) => x.row);
  }
  return out;
}

/**
 * B's own deliveries: an open alarm alm_1 (under event id `createdId`), its pending verification ver_1,
 * a snapshot and device 70 online. The status of each delivery, in that order.
 */
async function bSetsUpAlarm(createdId: string) {
  const deliveries = [
    evt(
      "alarm.created",
      {
        alarm_id: "alm_1",
        site_id: 7,
        device_id: 70,
        priority: "high",
        trigger: "motion",
        location: "B lobby",
        snapshot_url: "https://chekt.example/b/alarm1.jpg",
      },
      createdId,
    ),
    evt("verification.requested", {
      verification_id: "ver_1",
      alarm_id: "alm_1",
      site_id: 7,
      device_id: 70,
      occurred_at: new Date().toISOString(),
      expires_at: inFuture(10),
    }),
    evt("snapshot.created", {
      snapshot_id: "snap_1",
      alarm_id: "alm_1",
      site_id: 7,
      device_id: 70,
      url: "https://chekt.example/b/snap1.jpg",
    }),
    evt("device.online", { device_id: 70, site_id: 7, at: new Date().toISOString() }),
  ];
  const statuses: number[] = [];
  for (const d of deliveries) statuses.push((await deliver(B, d)).status);
  return statuses;
}

/** A uses event id `id` first (alarm alm_9), then B's real alarm alm_3 comes under the same id. */
async function bothUseEventId(id: string) {
  const fromA = await deliver(A, evt("alarm.created", { alarm_id: "alm_9", priority: "low" }, id));
  const fromB = await deliver(
    B,
    evt("alarm.created", { alarm_id: "alm_3", site_id: 7, priority: "high", location: "B gate" }, id),
  );
  return { fromA, fromB };
}

describe("a delivery for dealer A can never change, hide or de-duplicate anything of dealer B", () => {
  let bEventIds: { created: string; next: string };
  beforeEach(() => {
    bEventIds = { created: `evt_b_${randomUUID()}`, next: `evt_b_next_${randomUUID()}` };
  });

  it("B's own deliveries set up an open alarm, a pending verification, a snapshot and a device status", async () => {
    expect(await bSetsUpAlarm(bEventIds.created)).toEqual([200, 200, 200, 200]);
    const alarm = await sql.query(
      `SELECT priority, location, snapshot_url, state FROM alarms WHERE dealer_link_id = $1 AND id = 'alm_1'`,
      [B.id],
    );
    expect(alarm.rows).toEqual([
      { priority: "high", location: "B lobby", snapshot_url: "https://chekt.example/b/alarm1.jpg", state: "open" },
    ]);
    const ver = await sql.query(`SELECT state FROM verifications WHERE dealer_link_id = $1 AND id = 'ver_1'`, [B.id]);
    expect(ver.rows).toEqual([{ state: "pending" }]);
  });

  it("A's deliveries naming B's alarm, snapshot, device and event ids are A's; every B row is unchanged", async () => {
    expect(await bSetsUpAlarm(bEventIds.created)).toEqual([200, 200, 200, 200]);
    const before = await rowsOf(B.id);
    const attacks = [
      // rewrite B's alarm priority, location and snapshot
      evt("alarm.created", {
        alarm_id: "alm_1",
        site_id: 7,
        device_id: 70,
        priority: "low",
        trigger: "tamper",
        location: "nowhere",
        snapshot_url: "https://evil.example/a.jpg",
      }),
      // resolve B's open alarm (would cancel its pending verification)
      evt("alarm.resolved", { alarm_id: "alm_1", resolution: "false_alarm", notes: "forged" }),
      // a second snapshot under B's snapshot id
      evt("snapshot.created", { snapshot_id: "snap_1", alarm_id: "alm_1", url: "https://evil.example/snap.jpg" }),
      // B's verification id
      evt("verification.requested", {
        verification_id: "ver_1",
        alarm_id: "alm_1",
        site_id: 7,
        occurred_at: new Date().toISOString(),
        expires_at: inFuture(1),
      }),
      // B's device goes "offline"
      evt("device.offline", { device_id: 70, site_id: 7, at: inFuture(1) }),
      // B's already stored event id, reused
      evt("alarm.acknowledged", { alarm_id: "alm_1" }, bEventIds.created),
    ];
    for (const a of attacks) {
      const res = await deliver(A, a);
      expect(res.status, a.type).toBe(200);
      expect(res.body.duplicate, `${a.type} from A counted as a duplicate of B's`).toBe(false);
    }
    expect(await rowsOf(B.id)).toEqual(before);
    // What A sent is A's own business, kept under A.
    const aAlarm = await sql.query(
      `SELECT priority, location, state FROM alarms WHERE dealer_link_id = $1 AND id = 'alm_1'`,
      [A.id],
    );
    expect(aAlarm.rows).toEqual([{ priority: "low", location: "nowhere", state: "resolved" }]);
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM webhook_events WHERE id = $1`, [bEventIds.created])).rows[0].n,
    ).toBe(2);
  });

  it("a forged alarm.resolved for B's next alarm id does not cancel B's verification when it arrives", async () => {
    expect((await deliver(A, evt("alarm.resolved", { alarm_id: "alm_2", resolution: "cancelled" }))).status).toBe(200);
    await deliver(
      B,
      evt("alarm.created", { alarm_id: "alm_2", site_id: 7, priority: "critical", location: "B back door" }),
    );
    await deliver(
      B,
      evt("verification.requested", {
        verification_id: "ver_2",
        alarm_id: "alm_2",
        site_id: 7,
        occurred_at: new Date().toISOString(),
        expires_at: inFuture(10),
      }),
    );
    const ver = await sql.query(`SELECT state FROM verifications WHERE dealer_link_id = $1 AND id = 'ver_2'`, [B.id]);
    expect(ver.rows).toEqual([{ state: "pending" }]);
    const alarm = await sql.query(`SELECT state, resolution FROM alarms WHERE dealer_link_id = $1 AND id = 'alm_2'`, [
      B.id,
    ]);
    expect(alarm.rows).toEqual([{ state: "open", resolution: null }]);
  });

  it("an event id A used first does not make B's real event with that id a duplicate", async () => {
    const { fromA, fromB: res } = await bothUseEventId(bEventIds.next);
    expect(fromA.body.duplicate).toBe(false);
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ duplicate: false }) });
    const stored = await sql.query(
      `SELECT apply_status, duplicate_count FROM webhook_events WHERE dealer_link_id = $1 AND id = $2`,
      [B.id, bEventIds.next],
    );
    expect(stored.rows).toEqual([{ apply_status: "applied", duplicate_count: 0 }]);
    expect(
      (await sql.query(`SELECT location FROM alarms WHERE dealer_link_id = $1 AND id = 'alm_3'`, [B.id])).rows,
    ).toEqual([{ location: "B gate" }]);
    // The real duplicate of B's own event is still recognised as one, for B only.
    expect((await deliver(B, evt("alarm.created", { alarm_id: "alm_3" }, bEventIds.next))).body.duplicate).toBe(true);
  });

  it("B's delivery is refused when signed with A's secret, so A cannot simply post to B's URL", async () => {
    expect(
      (await deliver(B, evt("alarm.created", { alarm_id: "alm_3", site_id: 7, priority: "high", location: "B gate" })))
        .status,
    ).toBe(200);
    const res = await receiveWebhook(
      signedRequest(url(B.key), evt("alarm.resolved", { alarm_id: "alm_3" }), { secret: A.secret }),
      B.key,
    );
    expect(res.status).toBe(401);
    expect(
      (await sql.query(`SELECT state FROM alarms WHERE dealer_link_id = $1 AND id = 'alm_3'`, [B.id])).rows,
    ).toEqual([{ state: "open" }]);
  });

  it("re-applying is scoped too: B's event id under A's link is A's event; an unknown one is refused", async () => {
    const { reapplyStoredEvent } = await import("@/lib/webhooks/store");
    const { fromA, fromB } = await bothUseEventId(bEventIds.next);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    const before = await rowsOf(B.id);
    expect(await reapplyStoredEvent(A.id, bEventIds.next)).toMatchObject({ ok: true });
    expect(await reapplyStoredEvent(A.id, `evt_missing_${randomUUID()}`)).toMatchObject({
      ok: false,
      note: expect.stringMatching(/no stored event/),
    });
    expect(await rowsOf(B.id)).toEqual(before);
  });
});
