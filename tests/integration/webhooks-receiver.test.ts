// The receiver end to end against a real Postgres: bad input is refused and recorded, duplicates
// change nothing, and 1,000 shuffled deliveries with duplicates end in the right final states.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeHookDb,
  envelope,
  seedDealerLink,
  shuffle,
  signedRequest,
  withLimit,
  startHookDb,
  TEST_SECRET,
  type HookDb,
} from "./webhooks-helpers";
import { VERIFICATION_ID_MAX } from "@/lib/verifications/schemas";

let world: HookDb;
let sql: pg.Client;
let receiveWebhook: (req: Request, key: string) => Promise<Response>;
let linkId: string;
const KEY = "hooks-dealer";
const URL_ = `http://test.local/api/webhooks/chekt/${KEY}`;

beforeAll(async () => {
  ({ sql } = world = await startHookDb());
  linkId = await seedDealerLink(world.db.url, { key: KEY, chektDealerId: 101 });
  await seedDealerLink(world.db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  ({ receiveWebhook } = await import("@/lib/webhooks/receive"));
}, 120_000);

afterAll(() => closeHookDb(world));

async function lastDelivery() {
  const r = await sql.query(`SELECT verdict, reason, event_id FROM webhook_deliveries ORDER BY id DESC LIMIT 1`);
  return r.rows[0] as { verdict: string; reason: string; event_id: string | null };
}

function alarmCreated(alarmId: string, extra: Record<string, unknown> = {}) {
  return envelope(`evt_${randomUUID()}`, "alarm.created", {
    alarm_id: alarmId,
    site_id: "site_7",
    device_id: "dev_70",
    priority: "high",
    trigger: "motion",
    location: "Back door",
    snapshot_url: "http://127.0.0.1:4799/snap/1.png",
    ...extra,
  });
}

describe("webhook receiver: refusals", () => {
  it("answers 200 for a good delivery and stores the event once", async () => {
    const evt = alarmCreated("alm_good");
    const res = await receiveWebhook(signedRequest(URL_, evt), KEY);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, duplicate: false });
    const rows = await sql.query(`SELECT apply_status, source FROM webhook_events WHERE id = $1`, [evt.id]);
    expect(rows.rows).toEqual([{ apply_status: "applied", source: "webhook" }]);
    expect((await lastDelivery()).verdict).toBe("accepted");
  });

  it("a duplicate answers 200, bumps duplicate_count and changes nothing else", async () => {
    const evt = alarmCreated("alm_dup", { priority: "low" });
    await receiveWebhook(signedRequest(URL_, evt), KEY);
    const before = await sql.query(`SELECT * FROM alarms WHERE id = 'alm_dup'`);
    const res = await receiveWebhook(signedRequest(URL_, evt, { attempt: 2 }), KEY);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    const after = await sql.query(`SELECT * FROM alarms WHERE id = 'alm_dup'`);
    expect(after.rows).toEqual(before.rows);
    const ev = await sql.query(`SELECT duplicate_count FROM webhook_events WHERE id = $1`, [evt.id]);
    expect(ev.rows[0].duplicate_count).toBe(1);
    expect((await lastDelivery()).verdict).toBe("duplicate");
  });

  it("401 on a wrong secret, recorded with its reason, nothing stored", async () => {
    const evt = alarmCreated("alm_wrong_secret");
    const res = await receiveWebhook(signedRequest(URL_, evt, { secret: "whsec_not_ours" }), KEY);
    expect(res.status).toBe(401);
    expect(await lastDelivery()).toMatchObject({
      verdict: "rejected",
      reason: expect.stringMatching(/^signature_mismatch/),
    });
    expect((await sql.query(`SELECT 1 FROM webhook_events WHERE id = $1`, [evt.id])).rowCount).toBe(0);
  });

  it("401 on a stale timestamp and on a missing signature", async () => {
    const stale = await receiveWebhook(
      signedRequest(URL_, alarmCreated("alm_stale"), { nowS: Math.floor(Date.now() / 1000) - 301 }),
      KEY,
    );
    expect(stale.status).toBe(401);
    expect((await lastDelivery()).reason).toMatch(/^timestamp_too_old/);
    const req = new Request(URL_, {
      method: "POST",
      body: JSON.stringify(alarmCreated("alm_nosig")),
      headers: { "content-type": "application/json" },
    });
    expect((await receiveWebhook(req, KEY)).status).toBe(401);
    expect((await lastDelivery()).reason).toMatch(/^missing_signature/);
  });

  it("401 for an unknown dealer key, counted (webhook_rejections), not logged as a delivery", async () => {
    const before = await lastDelivery();
    const res = await receiveWebhook(
      signedRequest(`http://test.local/api/webhooks/chekt/nobody`, alarmCreated("alm_x")),
      "nobody",
    );
    expect(res.status).toBe(401);
    expect(await lastDelivery()).toEqual(before);
    expect((await sql.query(`SELECT count FROM webhook_rejections WHERE dealer_key = 'nobody'`)).rows).toEqual([
      { count: 1 },
    ]);
  });

  it("the seeded default dealer falls back to CHEKT_WEBHOOK_SECRET when its row has no secret", async () => {
    const evt = alarmCreated("alm_default");
    const ok = await receiveWebhook(
      signedRequest("http://t/api/webhooks/chekt/acme-security", evt, { secret: "whsec_env_fallback_secret" }),
      "acme-security",
    );
    expect(ok.status).toBe(200);
    const bad = await receiveWebhook(
      signedRequest("http://t/api/webhooks/chekt/acme-security", alarmCreated("alm_d2"), { secret: TEST_SECRET }),
      "acme-security",
    );
    expect(bad.status).toBe(401);
  });

  // A signed event that can never be stored is answered 2xx, refused in the body: CHeKT retries any
  // non-2xx for 24 hours (lib/chekt/openapi.yaml, simulator/webhooks.ts), so a 400 had it sent and logged again
  // about a dozen times. One malformed row, and CHeKT stops.
  async function refusedWith(res: Response, code: string) {
    expect(res.status).toBe(200);
    const body = (await res.json()) as { received: boolean; refused: { code: string; message: string } };
    expect(body).toMatchObject({ received: true, refused: { code } });
    return body.refused.message;
  }

  it("accepted-but-refused for a valid signature over malformed JSON, recorded as malformed", async () => {
    const res = await receiveWebhook(signedRequest(URL_, null, { raw: '{"id":"evt_broken", "type": ' }), KEY);
    await refusedWith(res, "invalid_json");
    expect(await lastDelivery()).toMatchObject({
      verdict: "malformed",
      reason: expect.stringMatching(/^invalid_json/),
    });
  });

  it("accepted-but-refused for valid JSON that is not an event (missing expires_at)", async () => {
    const evt = envelope("evt_noexp", "verification.requested", {
      verification_id: randomUUID(),
      site_id: 7,
      occurred_at: new Date().toISOString(),
    });
    const res = await receiveWebhook(signedRequest(URL_, evt), KEY);
    expect(await refusedWith(res, "invalid_event")).toContain("expires_at");
    expect(await lastDelivery()).toMatchObject({ verdict: "malformed", reason: expect.stringContaining("expires_at") });
    expect((await sql.query(`SELECT 1 FROM webhook_events WHERE id = 'evt_noexp'`)).rowCount).toBe(0);
  });

  it("accepted-but-refused for a site id past CHeKT's range (the ingest's integer), nothing stored", async () => {
    const evt = envelope(`evt_${randomUUID()}`, "verification.requested", {
      verification_id: randomUUID(),
      alarm_id: "alm_big_site",
      site_id: "site_3000000000",
      occurred_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 600_000).toISOString(),
    });
    const res = await receiveWebhook(signedRequest(URL_, evt), KEY);
    expect(await refusedWith(res, "invalid_event")).toMatch(/site_id: not a CHeKT id .*: site_3000000000$/);
    expect(await lastDelivery()).toMatchObject({
      verdict: "malformed",
      reason: expect.stringContaining("site_id: not a CHeKT id"),
      event_id: evt.id,
    });
    expect((await sql.query(`SELECT 1 FROM webhook_events WHERE id = $1`, [evt.id])).rowCount).toBe(0);
    const v = await sql.query(`SELECT 1 FROM verifications WHERE id = $1`, [evt.data.verification_id]);
    expect(v.rowCount).toBe(0);
  });

  it("accepted-but-refused for a verification id longer than the desk takes: never queued unanswerable", async () => {
    const vid = "v".repeat(VERIFICATION_ID_MAX + 20);
    const evt = envelope(`evt_${randomUUID()}`, "verification.requested", {
      verification_id: vid,
      site_id: 7,
      occurred_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 600_000).toISOString(),
    });
    expect(await refusedWith(await receiveWebhook(signedRequest(URL_, evt), KEY), "invalid_event")).toContain(
      "verification_id",
    );
    expect((await sql.query(`SELECT 1 FROM verifications WHERE id = $1`, [vid])).rowCount).toBe(0);
  });

  it("accepted-but-refused for data Postgres cannot hold (\\u0000), logged as malformed, nothing stored", async () => {
    const evt = alarmCreated(`alm_${randomUUID()}`, { location: "bad \u0000 byte" });
    const res = await receiveWebhook(signedRequest(URL_, evt), KEY);
    await refusedWith(res, "invalid_event");
    expect(await lastDelivery()).toMatchObject({
      verdict: "malformed",
      reason: expect.stringMatching(/^invalid_event: unsupported Unicode escape sequence/),
      event_id: evt.id,
    });
    expect((await sql.query(`SELECT 1 FROM webhook_events WHERE id = $1`, [evt.id])).rowCount).toBe(0);
  });

  it("an unknown event type is stored as ignored and answered 200", async () => {
    const evt = envelope(`evt_${randomUUID()}`, "site.renamed", { site_id: 7 });
    expect((await receiveWebhook(signedRequest(URL_, evt), KEY)).status).toBe(200);
    expect(
      (await sql.query(`SELECT apply_status FROM webhook_events WHERE id = $1`, [evt.id])).rows[0].apply_status,
    ).toBe("ignored");
  });

  it("413 for a body over 256 KiB, counted while streaming even when Content-Length is absent", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    // An endless stream: the receiver must stop reading on its own.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request(URL_, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/json" },
    } as RequestInit);
    const res = await receiveWebhook(req, KEY);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
    expect((await lastDelivery()).reason).toMatch(/^body_too_large/);
  });

  it("413 straight from a declared Content-Length over the limit", async () => {
    const req = new Request(URL_, {
      method: "POST",
      body: "x".repeat(300 * 1024),
      headers: { "content-length": String(300 * 1024) },
    });
    expect((await receiveWebhook(req, KEY)).status).toBe(413);
  });
});

describe("webhook receiver: the dealer-secret cache", () => {
  it("requests that miss together share one lookup, and a lookup begun before a forget caches nothing", async () => {
    const secrets = await import("@/lib/webhooks/dealer-secrets");
    secrets.forgetDealerSecrets();
    const all = await Promise.all(Array.from({ length: 20 }, () => secrets.secretsByDealerKey(KEY)));
    // One lookup's answer, shared: 20 lookups would each have built (and decrypted) their own.
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toMatchObject({ dealerLinkId: linkId, webhookSecret: TEST_SECRET });

    secrets.forgetDealerSecrets();
    const before = secrets.secretsByDealerKey(KEY);
    secrets.forgetDealerSecrets(); // e.g. the secret was rotated while the lookup ran
    expect(await before).toMatchObject({ dealerLinkId: linkId });
    expect(secrets.dealerSecretsCacheSize()).toBe(0);
    const after = await secrets.secretsByDealerKey(KEY);
    expect(after).not.toBe(await before);
    expect(secrets.dealerSecretsCacheSize()).toBe(1);
  });
});

describe("webhook receiver: 1,000 shuffled deliveries with duplicates", () => {
  it("every alarm ends in its right final state, none lost, none doubled", async () => {
    type Plan = {
      alarmId: string;
      verificationId: string;
      fate: "open" | "acknowledged" | "dispatched" | "resolved";
      snapshots: number;
    };
    const fates: Plan["fate"][] = ["open", "acknowledged", "dispatched", "resolved"];
    const plans: Plan[] = [];
    const events: ReturnType<typeof envelope>[] = [];
    const base = Date.now() - 60_000;
    for (let i = 0; events.length < 850; i++) {
      const p: Plan = {
        alarmId: `alm_bulk_${i}`,
        verificationId: randomUUID(),
        fate: fates[i % 4],
        snapshots: 1 + (i % 3),
      };
      plans.push(p);
      const at = (k: number) => new Date(base + i * 10 + k);
      events.push(
        envelope(
          `evt_c_${i}`,
          "alarm.created",
          {
            alarm_id: p.alarmId,
            site_id: 7,
            device_id: 70 + (i % 5),
            priority: i % 2 ? "high" : "low",
            trigger: "motion",
            location: `Zone ${i}`,
          },
          at(0),
        ),
      );
      events.push(
        envelope(
          `evt_v_${i}`,
          "verification.requested",
          {
            verification_id: p.verificationId,
            alarm_id: p.alarmId,
            site_id: 7,
            device_id: 70,
            zone_number: "3",
            contact_id: 5,
            description: `Motion ${i}`,
            occurred_at: at(0).toISOString(),
            expires_at: new Date(Date.now() + 600_000).toISOString(),
          },
          at(1),
        ),
      );
      for (let s = 0; s < p.snapshots; s++)
        events.push(
          envelope(
            `evt_s_${i}_${s}`,
            "snapshot.created",
            {
              snapshot_id: `snap_${i}_${s}`,
              alarm_id: p.alarmId,
              site_id: 7,
              device_id: 70,
              url: `http://127.0.0.1:4799/snap/${i}_${s}.png`,
              captured_at: at(2).toISOString(),
            },
            at(2),
          ),
        );
      const steps = fates.indexOf(p.fate);
      if (steps >= 1)
        events.push(
          envelope(
            `evt_a_${i}`,
            "alarm.acknowledged",
            { alarm_id: p.alarmId, operator_id: "op1", reason: "checking" },
            at(3),
          ),
        );
      if (steps >= 2)
        events.push(
          envelope(
            `evt_d_${i}`,
            "alarm.dispatched",
            { alarm_id: p.alarmId, responder_id: "r1", responder_type: "police", eta_seconds: 300 },
            at(4),
          ),
        );
      if (steps >= 3)
        events.push(
          envelope(`evt_r_${i}`, "alarm.resolved", { alarm_id: p.alarmId, resolution: "handled", notes: "ok" }, at(5)),
        );
    }
    const duplicates = shuffle(events, 7).slice(0, 1000 - events.length);
    const deliveries = shuffle([...events, ...duplicates], 11);
    expect(deliveries.length).toBe(1000);

    const statuses: number[] = [];
    const started = Date.now();
    await withLimit(deliveries, 16, async (evt) => {
      const res = await receiveWebhook(signedRequest(URL_, evt), KEY);
      statuses.push(res.status);
    });
    const elapsed = Date.now() - started;
    console.log(`1000 deliveries in ${elapsed} ms (${Math.round(1000_000 / elapsed)} events/s in-process)`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const ids = events.map((e) => e.id);
    const stored = await sql.query(
      `SELECT count(*)::int AS n, sum(duplicate_count)::int AS dups, count(*)
        FILTER (WHERE apply_status <> 'applied')::int AS unapplied FROM webhook_events WHERE id = ANY($1)`,
      [ids],
    );
    expect(stored.rows[0]).toEqual({ n: events.length, dups: duplicates.length, unapplied: 0 });

    const alarms = await sql.query(
      `SELECT id, state, seen_created, priority, location FROM alarms WHERE id LIKE 'alm_bulk_%'`,
    );
    const byId = new Map(alarms.rows.map((r) => [r.id, r]));
    const verifs = await sql.query(
      `SELECT id, alarm_id, state::text AS state FROM verifications WHERE alarm_id LIKE 'alm_bulk_%'`,
    );
    const vById = new Map(verifs.rows.map((r) => [r.alarm_id, r]));
    const snaps = await sql.query(
      `SELECT alarm_id, count(*)::int AS n FROM snapshots WHERE alarm_id LIKE 'alm_bulk_%' GROUP BY alarm_id`,
    );
    const sById = new Map(snaps.rows.map((r) => [r.alarm_id, r.n]));
    expect(alarms.rowCount).toBe(plans.length);
    expect(verifs.rowCount).toBe(plans.length);
    const wrong: string[] = [];
    for (const p of plans) {
      const a = byId.get(p.alarmId);
      const v = vById.get(p.alarmId);
      if (!a || a.state !== p.fate || !a.seen_created || !a.location)
        wrong.push(`${p.alarmId}: alarm ${JSON.stringify(a)} want ${p.fate}`);
      const wantV = p.fate === "resolved" ? "cancelled" : "pending";
      if (!v || v.id !== p.verificationId || v.state !== wantV)
        wrong.push(`${p.alarmId}: verification ${JSON.stringify(v)} want ${wantV}`);
      if (sById.get(p.alarmId) !== p.snapshots)
        wrong.push(`${p.alarmId}: ${sById.get(p.alarmId)} snapshots, want ${p.snapshots}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("a resolve that arrives before its create still ends resolved with the create's details", async () => {
    const vid = randomUUID();
    const now = Date.now();
    const order = [
      envelope("evt_o_r", "alarm.resolved", { alarm_id: "alm_order", resolution: "false-positive" }, new Date(now + 3)),
      envelope(
        "evt_o_v",
        "verification.requested",
        {
          verification_id: vid,
          alarm_id: "alm_order",
          site_id: 7,
          occurred_at: new Date(now).toISOString(),
          expires_at: new Date(now + 600_000).toISOString(),
        },
        new Date(now + 1),
      ),
      envelope("evt_o_a", "alarm.acknowledged", { alarm_id: "alm_order" }, new Date(now + 2)),
      envelope(
        "evt_o_c",
        "alarm.created",
        { alarm_id: "alm_order", site_id: 7, priority: "high", trigger: "panic", location: "Lobby" },
        new Date(now),
      ),
    ];
    for (const e of order) expect((await receiveWebhook(signedRequest(URL_, e), KEY)).status).toBe(200);
    const a = (
      await sql.query(`SELECT state, resolution, priority, "trigger", seen_created FROM alarms WHERE id = 'alm_order'`)
    ).rows[0];
    expect(a).toEqual({
      state: "resolved",
      resolution: "false-positive",
      priority: "high",
      trigger: "panic",
      seen_created: true,
    });
    expect((await sql.query(`SELECT state::text FROM verifications WHERE id = $1`, [vid])).rows[0].state).toBe(
      "cancelled",
    );
  });

  it("device events keep the newest status whatever the arrival order", async () => {
    const t = Date.now();
    const evts = [
      envelope("evt_dev_2", "device.offline", {
        device_id: "dev_900",
        site_id: "site_7",
        at: new Date(t + 2000).toISOString(),
      }),
      envelope("evt_dev_1", "device.online", {
        device_id: "dev_900",
        site_id: "site_7",
        at: new Date(t + 1000).toISOString(),
      }),
      envelope("evt_dev_3", "device.firmware_updated", {
        device_id: 900,
        site_id: 7,
        firmware: "2.15.0",
        at: new Date(t).toISOString(),
      }),
    ];
    for (const e of evts) expect((await receiveWebhook(signedRequest(URL_, e), KEY)).status).toBe(200);
    const row = (
      await sql.query(
        `SELECT status, firmware, site_id FROM device_statuses WHERE dealer_link_id = $1 AND chekt_device_id = 900`,
        [linkId],
      )
    ).rows[0];
    expect(row).toEqual({ status: "offline", firmware: "2.15.0", site_id: 7 });
  });
});
