// 1,000 webhook deliveries in a shuffled storm through the real receiver (lib/webhooks/receive, the
// code the route runs): redeliveries of the same event, events of one alarm out of order, forged
// signatures (wrong secret, tampered body, no signature), timestamps 10 minutes old or ahead, and
// bodies over the size limit. Forged/stale/future must be refused with 401, oversized with 413,
// and every genuine event applied exactly once — counted in Postgres, not taken from the answers.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  closeHookDb,
  envelope,
  seedDealerLink,
  shuffle,
  signedRequest,
  startHookDb,
  withLimit,
  type HookDb,
} from "../integration/webhooks-helpers";

const KEY = "storm-dealer";
const URL_ = `http://t/api/webhooks/chekt/${KEY}`;
// The fuzz test's deliveries go to a dealer of their own: a signed random event it gets stored, or a refusal
// it gets logged, must never be counted by the storm test, whichever runs first.
const FUZZ_KEY = "storm-fuzz-dealer";
const FUZZ_URL = `http://t/api/webhooks/chekt/${FUZZ_KEY}`;
let world: HookDb;
let sql: pg.Client;
let linkId: string;
let receiveWebhook: (req: Request, key: string) => Promise<Response>;
let REFUSED_ROWS_PER_DAY: number;

type Kind = "genuine" | "duplicate" | "forged" | "tampered" | "unsigned" | "stale" | "future" | "oversized";
type Delivery = { kind: Kind; eventId: string; make: () => Request };

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_bench_storm"));
  linkId = await seedDealerLink(world.db.url, { key: KEY, chektDealerId: 1 });
  await seedDealerLink(world.db.url, { key: FUZZ_KEY, chektDealerId: 2 });
  ({ receiveWebhook } = await import("@/lib/webhooks/receive"));
  ({ REFUSED_ROWS_PER_DAY } = await import("@/lib/webhooks/refusal-cap"));
  // 340 refusals each log a warning line; the delivery log rows are what the test checks.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
}, 120_000);

afterAll(() => closeHookDb(world));

/** The four events of one alarm, as CHeKT would send them. */
function alarmEvents(n: number, run: string) {
  const alarm = `alm_storm_${run}_${n}`;
  const t = new Date(Date.now() - 60_000 + n);
  const vid = randomUUID();
  const common = { site_id: 1, device_id: 2 };
  const events = [
    envelope(
      `evt_${run}_${n}_c`,
      "alarm.created",
      {
        alarm_id: alarm,
        ...common,
        priority: "high",
        trigger: "motion",
        location: "Dock",
        snapshot_url: "https://example.invalid/s.png",
      },
      t,
    ),
    envelope(
      `evt_${run}_${n}_v`,
      "verification.requested",
      {
        verification_id: vid,
        alarm_id: alarm,
        ...common,
        zone_number: "1",
        contact_id: 1,
        description: `Motion ${n}`,
        occurred_at: t.toISOString(),
        expires_at: new Date(Date.now() + 600_000).toISOString(),
      },
      t,
    ),
    envelope(
      `evt_${run}_${n}_s`,
      "snapshot.created",
      {
        snapshot_id: `snap_storm_${run}_${n}`,
        alarm_id: alarm,
        ...common,
        url: "https://example.invalid/s.png",
        captured_at: t.toISOString(),
      },
      t,
    ),
  ];
  // Every other alarm is resolved; the storm may deliver that before the alarm or its verification.
  const resolved = n % 2 === 0;
  if (resolved)
    events.push(
      envelope(
        `evt_${run}_${n}_r`,
        "alarm.resolved",
        { alarm_id: alarm, resolution: "handled" },
        new Date(t.getTime() + 1),
      ),
    );
  return { alarm, vid, resolved, events };
}

describe("webhook storm", () => {
  it("refuses forged, stale, future and oversized deliveries and applies the rest exactly once", async () => {
    const run = randomUUID().slice(0, 8);
    const alarms = Array.from({ length: 140 }, (_, n) => alarmEvents(n, run));
    const genuine = alarms.flatMap((a) => a.events); // 140 × 3 + 70 = 490 events
    const deliveries: Delivery[] = genuine.map((e) => ({
      kind: "genuine",
      eventId: e.id,
      make: () => signedRequest(URL_, e),
    }));
    const nowS = Math.floor(Date.now() / 1000);
    const pick = (i: number) => genuine[(i * 7919) % genuine.length];

    // CHeKT redelivers: the same bytes, re-signed with a fresh timestamp, sometimes many times.
    for (let i = 0; i < 230; i++) {
      const e = pick(i);
      deliveries.push({
        kind: "duplicate",
        eventId: e.id,
        make: () => signedRequest(URL_, e, { attempt: 2 + (i % 3) }),
      });
    }
    for (let i = 0; i < 60; i++) {
      const e = envelope(`evt_forged_${run}_${i}`, "verification.requested", {
        verification_id: randomUUID(),
        site_id: 1,
        occurred_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 600_000).toISOString(),
      });
      deliveries.push({
        kind: "forged",
        eventId: e.id,
        make: () => signedRequest(URL_, e, { secret: "whsec_not_the_dealers_secret" }),
      });
    }
    for (let i = 0; i < 40; i++) {
      // A genuine event's signature over a changed body (an attacker replaying with edits).
      const e = pick(i + 500);
      const signed = signedRequest(URL_, e);
      const tampered = JSON.stringify({
        ...e,
        data: { ...e.data, description: "TAMPERED", priority: "low", location: "TAMPERED" },
      });
      deliveries.push({
        kind: "tampered",
        eventId: e.id,
        make: () => new Request(URL_, { method: "POST", headers: signed.headers, body: tampered }),
      });
    }
    for (let i = 0; i < 20; i++) {
      const e = envelope(`evt_unsigned_${run}_${i}`, "alarm.created", {
        alarm_id: `alm_unsigned_${run}_${i}`,
        site_id: 1,
      });
      deliveries.push({
        kind: "unsigned",
        eventId: e.id,
        make: () =>
          new Request(URL_, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(e),
          }),
      });
    }
    for (let i = 0; i < 60; i++) {
      const e = envelope(`evt_stale_${run}_${i}`, "alarm.created", { alarm_id: `alm_stale_${run}_${i}`, site_id: 1 });
      deliveries.push({ kind: "stale", eventId: e.id, make: () => signedRequest(URL_, e, { nowS: nowS - 600 - i }) });
    }
    for (let i = 0; i < 60; i++) {
      const e = envelope(`evt_future_${run}_${i}`, "alarm.created", { alarm_id: `alm_future_${run}_${i}`, site_id: 1 });
      deliveries.push({ kind: "future", eventId: e.id, make: () => signedRequest(URL_, e, { nowS: nowS + 600 + i }) });
    }
    for (let i = 0; i < 40; i++) {
      // Correctly signed, but 300 KB: refused while streaming, before the signature is even checked.
      const e = envelope(`evt_big_${run}_${i}`, "alarm.created", {
        alarm_id: `alm_big_${run}_${i}`,
        site_id: 1,
        location: "x".repeat(300 * 1024),
      });
      deliveries.push({ kind: "oversized", eventId: e.id, make: () => signedRequest(URL_, e) });
    }
    expect(deliveries).toHaveLength(1000);

    const statuses = new Map<Kind, number[]>();
    const answers: { kind: Kind; status: number; duplicate?: boolean }[] = [];
    await withLimit(shuffle(deliveries, 2026), 12, async (d) => {
      const res = await receiveWebhook(d.make(), KEY);
      const body = (await res.json()) as { duplicate?: boolean };
      answers.push({ kind: d.kind, status: res.status, duplicate: body.duplicate });
      statuses.set(d.kind, [...(statuses.get(d.kind) ?? []), res.status]);
    });

    const only = (kind: Kind) => [...new Set(statuses.get(kind))];
    expect(only("genuine")).toEqual([200]);
    expect(only("duplicate")).toEqual([200]);
    for (const k of ["forged", "tampered", "unsigned", "stale", "future"] as const) expect(only(k), k).toEqual([401]);
    expect(only("oversized")).toEqual([413]);
    // Of each event's deliveries exactly one was "new"; the rest were told "duplicate".
    const fresh = answers.filter((a) => a.status === 200 && a.duplicate === false).length;
    expect(fresh).toBe(genuine.length);

    // Postgres is the judge: one stored event per genuine id, its redeliveries counted on it.
    const ev = await sql.query<{ id: string; duplicate_count: number; apply_status: string }>(
      `SELECT id, duplicate_count, apply_status FROM webhook_events WHERE dealer_link_id = $1`,
      [linkId],
    );
    expect(ev.rows.map((r) => r.id).sort()).toEqual(genuine.map((e) => e.id).sort());
    expect(ev.rows.reduce((a, r) => a + r.duplicate_count, 0)).toBe(230);
    expect(ev.rows.filter((r) => r.apply_status !== "applied").map((r) => `${r.id}: ${r.apply_status}`)).toEqual([]);

    const alarmRows = await sql.query<{ id: string; state: string; location: string | null; priority: string | null }>(
      `SELECT id, state, location, priority FROM alarms WHERE dealer_link_id = $1`,
      [linkId],
    );
    expect(alarmRows.rows.map((r) => r.id).sort()).toEqual(alarms.map((a) => a.alarm).sort());
    const byAlarm = new Map(alarmRows.rows.map((r) => [r.id, r]));
    for (const a of alarms) {
      const row = byAlarm.get(a.alarm)!;
      // Whatever order the storm chose, a resolve wins and nothing tampered got in.
      expect(row.state, a.alarm).toBe(a.resolved ? "resolved" : "open");
      expect(row.location).toBe("Dock");
      expect(row.priority).toBe("high");
    }

    const ver = await sql.query<{ id: string; alarm_id: string; state: string; description: string }>(
      `SELECT id, alarm_id, state::text AS state, description FROM verifications WHERE dealer_link_id = $1`,
      [linkId],
    );
    expect(ver.rows.map((r) => r.id).sort()).toEqual(alarms.map((a) => a.vid).sort());
    for (const a of alarms) {
      const row = ver.rows.find((r) => r.id === a.vid)!;
      expect(row.state, `verification of ${a.alarm}`).toBe(a.resolved ? "cancelled" : "pending");
      expect(row.description).not.toBe("TAMPERED");
    }
    const snaps = await sql.query(`SELECT id FROM snapshots WHERE dealer_link_id = $1`, [linkId]);
    expect(snaps.rowCount).toBe(alarms.length);

    // Every refused delivery is counted; the day's first REFUSED_ROWS_PER_DAY are in the delivery log with their
    // reasons (lib/webhooks/refusal-cap.ts), the rest only in the count. None of them left an event.
    const refused = await sql.query<{ reason: string; n: number }>(
      `SELECT split_part(reason, ':', 1) AS reason, count(*)::int AS n FROM webhook_deliveries WHERE dealer_key = $1
        AND verdict = 'rejected' GROUP BY 1 ORDER BY 1`,
      [KEY],
    );
    const reasons = [
      "body_too_large",
      "missing_signature",
      "signature_mismatch",
      "timestamp_in_future",
      "timestamp_too_old",
    ];
    expect(reasons).toEqual(expect.arrayContaining(refused.rows.map((r) => r.reason)));
    const stored = refused.rows.reduce((a, r) => a + r.n, 0);
    const counted = await sql.query<{ refused: number; not_stored: number; days: number }>(
      `SELECT sum(refused)::int AS refused, sum(not_stored)::int AS not_stored, count(*)::int AS days
        FROM webhook_refusal_counts WHERE dealer_link_id = $1`,
      [linkId],
    );
    const { refused: all, not_stored: notStored, days } = counted.rows[0];
    expect(all).toBe(60 + 40 + 20 + 60 + 60 + 40);
    expect(stored + notStored).toBe(all);
    expect(stored).toBe(Math.min(all, REFUSED_ROWS_PER_DAY * days));
  }, 180_000);

  it("signed or not, any body and any headers get 200, 401 or 413 — never a 500, a 400 or a throw", async () => {
    const event = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 40 }), fc.anything()),
        type: fc.oneof(
          fc.constantFrom(
            "alarm.created",
            "alarm.resolved",
            "verification.requested",
            "verification.expired",
            "snapshot.created",
            "device.status_changed",
            "unknown.type",
          ),
          fc.anything(),
        ),
        created_at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.anything(),
        ),
        data: fc.oneof(
          fc.dictionary(
            fc.constantFrom(
              "alarm_id",
              "verification_id",
              "site_id",
              "device_id",
              "expires_at",
              "occurred_at",
              "snapshot_id",
              "url",
              "captured_at",
              "status",
              "resolution",
            ),
            fc.anything(),
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      event.map((e) => JSON.stringify(e, (_k, v) => (typeof v === "bigint" ? String(v) : v)) ?? "null"),
      fc.string({ maxLength: 500 }),
      fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b).toString("latin1")),
    );
    const headerValue = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }),
      fc.constantFrom("v1=", "v1=00", "t=1,v1=abc", "0", "-1", "99999999999999"),
    );
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), headerValue, headerValue, async (raw, sign, sig, ts) => {
        const req = sign
          ? signedRequest(FUZZ_URL, null, { raw })
          : new Request(FUZZ_URL, {
              method: "POST",
              headers: Object.fromEntries(
                Object.entries({
                  "content-type": "application/json",
                  "x-chekt-signature": sig,
                  "x-chekt-timestamp": ts,
                }).filter((kv): kv is [string, string] => typeof kv[1] === "string" && /^[\x20-\x7e]*$/.test(kv[1])),
              ),
              body: raw,
            });
        const res = await receiveWebhook(req, FUZZ_KEY);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        // A signed event that cannot be stored is 200, refused in the body: CHeKT retries any non-2xx.
        expect([200, 401, 413]).toContain(res.status);
        expect(((await res.json()) as object) !== null).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Signed bodies reach the event parser, so "accepted" or "malformed" (both 200) must have happened.
    expect(seen.get(401)).toBeGreaterThan(0);
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
