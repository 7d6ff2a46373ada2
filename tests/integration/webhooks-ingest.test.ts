// Group commit on the webhook hot path (lib/webhooks/ingest.ts + the SQL function webhook_ingest):
// events that arrive together share one call and one NOTIFY listing their ids; an event Postgres
// refuses fails alone and leaves nothing of itself; a duplicate inside one batch is counted once;
// two dealers in one batch stay apart. Real Postgres, a real LISTEN connection.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEvent } from "@/lib/webhooks/events";
import { closeHookDb, envelope, seedDealerLink, startHookDb, type HookDb } from "./webhooks-helpers";

let world: HookDb;
let sql: pg.Client;
let listen: pg.Client;
let A = "";
let B = "";
const heard: string[] = [];
let storeAndApply: typeof import("@/lib/webhooks/store").storeAndApply;

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_hooks_ingest"));
  A = await seedDealerLink(world.db.url, { key: "ingest-a", chektDealerId: 301, secret: "whsec_ingest_a_0123456789" });
  B = await seedDealerLink(world.db.url, { key: "ingest-b", chektDealerId: 302, secret: "whsec_ingest_b_0123456789" });
  ({ storeAndApply } = await import("@/lib/webhooks/store"));
  listen = new pg.Client({ connectionString: world.db.url });
  await listen.connect();
  listen.on("notification", (n) => heard.push(n.payload ?? ""));
  await listen.query("LISTEN verifications");
}, 120_000);

afterAll(async () => {
  await listen?.end();
  await closeHookDb(world);
});

const inFuture = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
function requested(verificationId: string, extra: Record<string, unknown> = {}) {
  const body = envelope(`evt_${randomUUID()}`, "verification.requested", {
    verification_id: verificationId,
    site_id: 7,
    occurred_at: new Date().toISOString(),
    expires_at: inFuture(10),
    description: "Motion",
    ...extra,
  });
  return { body, text: JSON.stringify(body) };
}
function store(dealer: string, e: { body: unknown; text: string }) {
  const parsed = parseEvent(e.body);
  if (!parsed.ok) throw new Error("test event did not parse");
  return storeAndApply(dealer, parsed, e.text, "webhook");
}
/** One event as webhook_ingest reads it (the shape lib/webhooks/ingest.ts builds). */
function ingestText(dealer: string, e: { body: unknown; text: string }) {
  const parsed = parseEvent(e.body);
  if (!parsed.ok) throw new Error("test event did not parse");
  const { id, type, createdAt, data } = parsed.event;
  return JSON.stringify({
    d: dealer,
    id,
    type,
    at: createdAt.toISOString(),
    src: "webhook",
    data,
    ignored: false,
    note: null,
    delivery: null,
    payload: JSON.parse(e.text) as unknown,
  });
}
async function settle() {
  // NOTIFY is delivered after COMMIT; one round trip on the listening connection flushes it.
  await listen.query("SELECT 1");
}

describe("webhook ingest in one statement per batch", () => {
  it("20 events sent together: all applied, announced in at most 3 NOTIFYs that list every id", async () => {
    heard.length = 0;
    const ids = Array.from({ length: 20 }, () => randomUUID());
    // Sent in one tick: the first two calls leave at once, the other 18 share the next call.
    const results = await Promise.all(ids.map((id) => store(A, requested(id))));
    expect(results.map((r) => r.outcome)).toEqual(ids.map(() => "applied"));
    await settle();
    const rows = await sql.query(
      `SELECT count(*)::int AS n FROM verifications WHERE dealer_link_id = $1 AND id = ANY($2)`,
      [A, ids],
    );
    expect(rows.rows[0].n).toBe(20);
    const messages = heard.map((p) => JSON.parse(p) as { dealer: string; items: { id: string; state: string }[] });
    expect(messages.length).toBeLessThanOrEqual(3);
    expect(messages.every((m) => m.dealer === A)).toBe(true);
    expect(messages.flatMap((m) => m.items.map((i) => i.id)).sort()).toEqual([...ids].sort());
    expect(messages.flatMap((m) => m.items.map((i) => i.state))).toEqual(ids.map(() => "pending"));
  });

  it("an event Postgres refuses (\\u0000 in its text) fails alone with code class 22; the rest commit", async () => {
    const good = [randomUUID(), randomUUID(), randomUUID()];
    const bad = randomUUID();
    const badEvent = requested(bad, { description: "bad \u0000 byte" });
    const settled = await Promise.allSettled([...good.map((id) => store(A, requested(id))), store(A, badEvent)]);
    expect(settled.slice(0, 3).map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const refusal = settled[3];
    expect(refusal.status).toBe("rejected");
    expect(String((refusal as PromiseRejectedResult).reason.code)).toMatch(/^22/);
    const v = await sql.query(`SELECT id FROM verifications WHERE dealer_link_id = $1 AND id = ANY($2)`, [
      A,
      [...good, bad],
    ]);
    expect(v.rows.map((r) => r.id).sort()).toEqual([...good].sort());
    const e = await sql.query(`SELECT count(*)::int AS n FROM webhook_events WHERE dealer_link_id = $1 AND id = $2`, [
      A,
      (badEvent.body as { id: string }).id,
    ]);
    expect(e.rows[0].n).toBe(0);
  });

  it("the same event twice in one batch is applied once and counted once as a duplicate", async () => {
    const e = requested(randomUUID());
    const [first, second, third] = await Promise.all([store(A, requested(randomUUID())), store(A, e), store(A, e)]);
    expect(first.outcome).toBe("applied");
    expect([second.outcome, third.outcome].sort()).toEqual(["applied", "duplicate"]);
    const row = await sql.query(
      `SELECT duplicate_count, apply_status FROM webhook_events WHERE dealer_link_id = $1 AND id = $2`,
      [A, (e.body as { id: string }).id],
    );
    expect(row.rows).toEqual([{ duplicate_count: 1, apply_status: "applied" }]);
  });

  it("two dealers in one batch: each event lands in its dealer's rows, each dealer hears only its ids", async () => {
    heard.length = 0;
    const shared = randomUUID();
    // Keep the pipe busy so both dealers' events share a batch.
    await Promise.all([
      store(A, requested(randomUUID())),
      store(B, requested(randomUUID())),
      store(A, requested(shared)),
      store(B, requested(shared, { description: "B's own" })),
    ]);
    await settle();
    const rows = await sql.query(
      `SELECT dealer_link_id, description FROM verifications WHERE id = $1 ORDER BY description`,
      [shared],
    );
    expect(rows.rows).toEqual(
      [
        { dealer_link_id: B, description: "B's own" },
        { dealer_link_id: A, description: "Motion" },
      ].sort((x, y) => x.description.localeCompare(y.description)),
    );
    const messages = heard.map((p) => JSON.parse(p) as { dealer: string; items: { id: string }[] });
    expect(
      messages
        .filter((m) => m.items.some((i) => i.id === shared))
        .map((m) => m.dealer)
        .sort(),
    ).toEqual([A, B].sort());
  });

  it("a resolve in the same batch as its verification leaves it cancelled, whatever the order", async () => {
    const alarm = `alm_${randomUUID()}`;
    const vid = randomUUID();
    const resolve = envelope(`evt_${randomUUID()}`, "alarm.resolved", { alarm_id: alarm, resolution: "handled" });
    await Promise.all([
      store(A, requested(randomUUID())),
      store(A, { body: resolve, text: JSON.stringify(resolve) }),
      store(A, requested(vid, { alarm_id: alarm })),
    ]);
    const v = await sql.query(`SELECT state::text AS state FROM verifications WHERE dealer_link_id = $1 AND id = $2`, [
      A,
      vid,
    ]);
    expect(v.rows).toEqual([{ state: "cancelled" }]);
  });

  it("a clean batch runs in one subtransaction; a batch with a refused event falls back to one per event", async () => {
    // Rows written in one subtransaction share its xid (xmin); per-event subtransactions give each its own.
    const xmins = async (ids: string[]) =>
      (
        await sql.query(
          "SELECT count(DISTINCT xmin::text)::int AS n, count(*)::int AS rows, " +
            "bool_and(apply_status = 'applied' AND apply_note IS NOT NULL) AS applied " +
            "FROM webhook_events WHERE dealer_link_id = $1 AND id = ANY($2)",
          [A, ids],
        )
      ).rows[0] as { n: number; rows: number; applied: boolean };
    const call = (texts: string[]) =>
      sql.query<{ i: number; outcome: string; err_state: string | null }>(
        "SELECT i, outcome, err_state FROM webhook_ingest($1::text[], '{}'::text[], now()::timestamp(3))",
        [texts],
      );
    const clean = Array.from({ length: 6 }, () => requested(randomUUID()));
    const out = await call(clean.map((e) => ingestText(A, e)));
    expect(out.rows).toEqual(clean.map((_, k) => ({ i: k + 1, outcome: "applied", err_state: null })));
    expect(await xmins(clean.map((e) => (e.body as { id: string }).id))).toEqual({ n: 1, rows: 6, applied: true });

    const good = Array.from({ length: 3 }, () => requested(randomUUID()));
    const texts = good.map((e) => ingestText(A, e));
    // jsonb cannot hold \u0000: this event fails, and only it.
    texts.splice(1, 0, ingestText(A, requested(randomUUID())).replace('"Motion"', '"bad \\u0000"'));
    const mixed = await call(texts);
    expect(mixed.rows.map((r) => r.outcome)).toEqual(["applied", "error", "applied", "applied"]);
    expect(mixed.rows[1].err_state).toMatch(/^22/);
    expect(await xmins(good.map((e) => (e.body as { id: string }).id))).toEqual({ n: 3, rows: 3, applied: true });
  });

  it("a redelivered event in a clean batch: the others applied, it counted once, its apply undone", async () => {
    const call = (texts: string[], at: string) =>
      sql.query<{ i: number; outcome: string }>(
        "SELECT i, outcome FROM webhook_ingest($1::text[], '{}'::text[], $2::timestamp(3))",
        [texts, at],
      );
    const alarm = `alm_${randomUUID()}`;
    const createdBody = envelope(`evt_${randomUUID()}`, "alarm.created", { alarm_id: alarm, site_id: 7 });
    const created = { body: createdBody, text: JSON.stringify(createdBody) };
    await call([ingestText(A, created)], "2026-01-01T00:00:00.000Z");
    // Delivered again later, between two new events: applied again it would move updated_at.
    const freshIds = [randomUUID(), randomUUID()];
    const fresh = freshIds.map((id) => requested(id));
    const out = await call(
      [ingestText(A, fresh[0]), ingestText(A, created), ingestText(A, fresh[1])],
      "2026-01-02T00:00:00.000Z",
    );
    expect(out.rows.map((r) => r.outcome)).toEqual(["applied", "duplicate", "applied"]);
    const a = await sql.query<{ updated_at: Date }>(
      "SELECT updated_at FROM alarms WHERE dealer_link_id = $1 AND id = $2",
      [A, alarm],
    );
    expect(a.rows[0].updated_at.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    const ev = await sql.query(
      "SELECT duplicate_count, apply_status FROM webhook_events WHERE dealer_link_id = $1 AND id = $2",
      [A, createdBody.id],
    );
    expect(ev.rows).toEqual([{ duplicate_count: 1, apply_status: "applied" }]);
    const v = await sql.query(
      `SELECT count(*)::int AS n FROM verifications WHERE dealer_link_id = $1 AND id = ANY($2)`,
      [A, freshIds],
    );
    expect(v.rows[0].n).toBe(2);
  });

  it("a batch reads webhook_events only through its primary key, however small the table was at planning", async () => {
    // A fresh connection plans the function's statements now, then the dealer's events grow.
    const c = new pg.Client({ connectionString: world.db.url });
    await c.connect();
    try {
      const dealer = await seedDealerLink(world.db.url, { key: "ingest-plan", chektDealerId: 303, secret: null });
      const call = (n: number) =>
        c.query("SELECT i FROM webhook_ingest($1::text[], '{}'::text[], now()::timestamp(3))", [
          Array.from({ length: n }, () => ingestText(dealer, requested(randomUUID()))),
        ]);
      for (let k = 0; k < 8; k++) await call(1);
      await sql.query(
        "INSERT INTO webhook_events (id, dealer_link_id, type, created_at, payload) " +
          "SELECT 'filler_' || g, $1, 'ping', now(), '{}' FROM generate_series(1, 2000) g",
        [dealer],
      );
      const reads = async () => {
        await c.query("SELECT pg_stat_force_next_flush()");
        await c.query("SELECT 1");
        const r = await c.query<{ n: string }>(
          "SELECT COALESCE(sum(idx_tup_read), 0)::text AS n FROM pg_stat_user_indexes " +
            "WHERE relname = 'webhook_events' AND indexrelname <> 'webhook_events_pkey'",
        );
        return Number(r.rows[0].n);
      };
      const before = await reads();
      await call(16);
      // Before, the duplicate lookup walked (dealer_link_id, received_at) through every stored event.
      expect((await reads()) - before).toBe(0);
    } finally {
      await c.end();
    }
  });

  it(
    "the same event stored by two batches at once (no alarm lock between them) " + "is stored once, counted once",
    async () => {
      const other = new pg.Client({ connectionString: world.db.url });
      await other.connect();
      try {
        // An unknown type: stored as ignored, about no alarm, so no advisory lock orders the two calls.
        const id = `evt_${randomUUID()}`;
        const text = JSON.stringify({
          d: A,
          id,
          type: "ping",
          at: new Date().toISOString(),
          src: "webhook",
          data: null,
          ignored: true,
          note: "no handler for ping",
          delivery: { key: "ingest-a", id: null, attempt: null, bytes: 10 },
          payload: { id, type: "ping" },
        });
        const call = (c: pg.Client) =>
          c.query<{ outcome: string }>(
            "SELECT outcome FROM webhook_ingest($1::text[], '{}'::text[], now()::timestamp(3))",
            [[text]],
          );
        await sql.query("BEGIN");
        expect((await call(sql)).rows).toEqual([{ outcome: "ignored" }]);
        // The second call waits on the first's uncommitted row, then finds it stored.
        const second = call(other);
        await new Promise((r) => setImmediate(r));
        await sql.query("COMMIT");
        expect((await second).rows).toEqual([{ outcome: "duplicate" }]);
        const row = await sql.query(
          "SELECT duplicate_count, apply_status FROM webhook_events WHERE dealer_link_id = $1 AND id = $2",
          [A, id],
        );
        expect(row.rows).toEqual([{ duplicate_count: 1, apply_status: "ignored" }]);
        const deliveries = await sql.query(
          "SELECT verdict FROM webhook_deliveries WHERE dealer_link_id = $1 AND event_id = $2 ORDER BY verdict",
          [A, id],
        );
        expect(deliveries.rows.map((r) => r.verdict)).toEqual(["accepted", "duplicate"]);
      } finally {
        await other.end();
      }
    },
  );
});
