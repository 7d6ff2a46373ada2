// The webhook log stays bounded, against a real Postgres with the clock pinned: old rows are pruned by
// kind (refused after 7 days, the rest after 90) in bounded batches, for every dealer alike; and a flood
// of bad-signature posts to a known dealer's URL leaves at most the daily cap in rows, the rest counted
// and shown on the log's loader, while a genuine delivery in the middle of it is stored and applied.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  closeHookDb,
  envelope,
  seedDealerLink,
  signedRequest,
  startHookDb,
  withLimit,
  type HookDb,
} from "./webhooks-helpers";

let world: HookDb;
let sql: pg.Client;
type M = {
  receiveWebhook: typeof import("@/lib/webhooks/receive").receiveWebhook;
  retention: typeof import("@/lib/webhooks/retention");
  cap: typeof import("@/lib/webhooks/refusal-cap");
  webhookLogPage: typeof import("@/lib/settings/webhook-log").webhookLogPage;
  prisma: typeof import("@/lib/db").prisma;
};
let m: M;
const link: Record<"a" | "b" | "flood" | "quiet", string> = { a: "", b: "", flood: "", quiet: "" };
const DAY = 86_400_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_hooks_retention"));
  link.a = await seedDealerLink(world.db.url, { key: "keep-a", chektDealerId: 301 });
  link.b = await seedDealerLink(world.db.url, { key: "keep-b", chektDealerId: 302 });
  link.flood = await seedDealerLink(world.db.url, { key: "flooded", chektDealerId: 303 });
  link.quiet = await seedDealerLink(world.db.url, { key: "quiet", chektDealerId: 304 });
  const [receive, retention, cap, log, { prisma }] = await Promise.all([
    import("@/lib/webhooks/receive"),
    import("@/lib/webhooks/retention"),
    import("@/lib/webhooks/refusal-cap"),
    import("@/lib/settings/webhook-log"),
    import("@/lib/db"),
  ]);
  m = { receiveWebhook: receive.receiveWebhook, retention, cap, webhookLogPage: log.webhookLogPage, prisma };
  // Each refusal stored logs a warning line; the rows are what the tests check.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
}, 120_000);

afterAll(() => closeHookDb(world));

describe("webhook log retention", () => {
  const now = new Date("2026-06-15T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  /** A delivery row `label`led in event_id, received at `at` (written as Prisma writes a DateTime: UTC). */
  async function delivery(dealerLinkId: string | null, label: string, verdict: string, at: Date) {
    await sql.query(
      `INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, verdict, body_bytes)
       VALUES ($1::timestamptz AT TIME ZONE 'UTC', 'k', $2, $3, $4, 10)`,
      [at.toISOString(), dealerLinkId, label, verdict],
    );
  }

  it("prunes only rows past their age by kind, a batch at a time, every dealer's alike", async () => {
    const kinds = {
      // Refused: kept 7 days.
      "rejected-6d23h": ["rejected", ago(7 * DAY - HOUR)],
      "rejected-7d1h-1": ["rejected", ago(7 * DAY + HOUR)],
      "rejected-7d1h-2": ["rejected", ago(7 * DAY + 2 * HOUR)],
      "rejected-30d": ["rejected", ago(30 * DAY)],
      // CHeKT's own signed deliveries: kept 90 days.
      "accepted-8d": ["accepted", ago(8 * DAY)],
      "duplicate-30d": ["duplicate", ago(30 * DAY)],
      "malformed-89d": ["malformed", ago(89 * DAY)],
      "accepted-89d23h": ["accepted", ago(90 * DAY - HOUR)],
      "accepted-90d1h": ["accepted", ago(90 * DAY + HOUR)],
      "duplicate-200d": ["duplicate", ago(200 * DAY)],
    } as const;
    for (const dealer of [link.a, link.b, null]) {
      for (const [label, [verdict, at]] of Object.entries(kinds)) await delivery(dealer, label, verdict, at);
    }
    for (const dealer of [link.a, link.b]) {
      await sql.query(
        `INSERT INTO webhook_refusal_counts (dealer_link_id, day, refused, not_stored, last_at)
         VALUES ($1, '2026-06-08', 150, 50, now()), ($1, '2026-06-07', 150, 50, now())`,
        [dealer],
      );
    }
    await sql.query(
      `INSERT INTO webhook_rejections (dealer_key, day, count, last_at)
       VALUES ('made-up', '2026-06-08', 3, now()), ('made-up', '2026-06-07', 4, now())`,
    );

    // One batch of 2 per rule: the first run stops short and says there is more.
    const first = await m.retention.pruneWebhookLog(m.prisma, { now, batchSize: 2, maxBatches: 1 });
    expect(first).toEqual({ deleted: { refused: 2, deliveries: 2, refusalCounts: 2, unknownKeys: 1 }, more: true });
    let runs = 1;
    for (let r = first; r.more; runs++)
      r = await m.retention.pruneWebhookLog(m.prisma, { now, batchSize: 2, maxBatches: 1 });
    // 9 refused and 6 others past their age, two a run.
    expect(runs).toBe(5);

    const left = await sql.query<{ dealer: string | null; labels: string[] }>(
      `SELECT dealer_link_id AS dealer, array_agg(event_id ORDER BY event_id) AS labels FROM webhook_deliveries
        WHERE dealer_link_id IS NULL OR dealer_link_id = ANY($1) GROUP BY 1`,
      [[link.a, link.b]],
    );
    const kept = ["accepted-89d23h", "accepted-8d", "duplicate-30d", "malformed-89d", "rejected-6d23h"];
    expect(Object.fromEntries(left.rows.map((r) => [r.dealer ?? "none", r.labels]))).toEqual({
      [link.a]: kept,
      [link.b]: kept,
      none: kept,
    });
    expect(
      (
        await sql.query(
          `SELECT dealer_link_id, day::text FROM webhook_refusal_counts WHERE dealer_link_id = ANY($1) ORDER BY 1`,
          [[link.a, link.b]],
        )
      ).rows,
    ).toEqual([link.a, link.b].sort().map((d) => ({ dealer_link_id: d, day: "2026-06-08" })));
    expect((await sql.query(`SELECT day::text FROM webhook_rejections`)).rows).toEqual([{ day: "2026-06-08" }]);
    // Nothing more to do: a run deletes nothing and says so.
    expect(await m.retention.pruneWebhookLog(m.prisma, { now })).toEqual({
      deleted: { refused: 0, deliveries: 0, refusalCounts: 0, unknownKeys: 0 },
      more: false,
    });
  });
});

describe("webhook log retention job", () => {
  it("is scheduled every minute on its singleton queue and prunes by the rule when it runs", async () => {
    const { startWebhookRetentionWorker, WEBHOOK_RETENTION_QUEUE } = await import("@/lib/jobs/webhook-retention");
    const worker = await startWebhookRetentionWorker({ connectionString: world.db.url, pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([WEBHOOK_RETENTION_QUEUE, "* * * * *"]);
      const old = new Date(Date.now() - 8 * DAY).toISOString();
      const quiet = link.quiet;
      await sql.query(
        `INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, verdict, body_bytes)
         VALUES ($1::timestamptz AT TIME ZONE 'UTC', 'quiet', $2, 'job-rejected', 'rejected', 1),
                ($1::timestamptz AT TIME ZONE 'UTC', 'quiet', $2, 'job-accepted', 'accepted', 1)`,
        [old, quiet],
      );
      // Run now rather than at the next minute.
      await worker.boss.send(WEBHOOK_RETENTION_QUEUE, {});
      const left = async () =>
        (await sql.query(`SELECT event_id FROM webhook_deliveries WHERE dealer_link_id = $1 ORDER BY 1`, [quiet])).rows;
      await expect.poll(left, { timeout: 20_000, interval: 200 }).toEqual([{ event_id: "job-accepted" }]);
    } finally {
      await worker.stop();
    }
  });
});

describe("bad-signature flood", () => {
  const KEY = "flooded";
  const URL_ = `http://t/api/webhooks/chekt/${KEY}`;
  // The refusals' day is the injected clock's; signatures are checked against the real one.
  let at = new Date("2026-06-15T09:00:00Z");
  const clock = () => at;

  function alarm(id: string) {
    return envelope(`evt_${randomUUID()}`, "alarm.created", {
      alarm_id: id,
      site_id: "site_1",
      device_id: "dev_1",
      priority: "high",
      trigger: "motion",
      location: "Gate",
      snapshot_url: "http://127.0.0.1:4799/snap/1.png",
    });
  }

  it("200 forged posts leave the cap in rows and the rest counted; a genuine one among them is applied", async () => {
    const cap = m.cap.REFUSED_ROWS_PER_DAY;
    const answers: Array<{ status: number; body: unknown }> = [];
    const genuine = alarm("alm_during_flood");
    let genuineAnswer: Response | undefined;
    await withLimit(
      Array.from({ length: 200 }, (_, i) => i),
      10,
      async (i) => {
        at = new Date(Date.UTC(2026, 5, 15, 9, 0, i));
        if (i === 150) genuineAnswer = await m.receiveWebhook(signedRequest(URL_, genuine), KEY, clock);
        const forged = signedRequest(URL_, alarm(`alm_forged_${i}`), { secret: "whsec_guessed" });
        const res = await m.receiveWebhook(forged, KEY, clock);
        answers.push({ status: res.status, body: await res.json() });
      },
    );

    // Every forged post got the one answer a stranger gets, stored or counted alike.
    const refused = {
      status: 401,
      body: { error: { code: "webhook_signature_invalid", message: "Signature rejected" } },
    };
    expect(answers).toEqual(Array.from({ length: 200 }, () => refused));
    expect(genuineAnswer?.status).toBe(200);
    expect((await sql.query(`SELECT apply_status FROM webhook_events WHERE id = $1`, [genuine.id])).rows).toEqual([
      { apply_status: "applied" },
    ]);
    expect((await sql.query(`SELECT id FROM alarms WHERE id = 'alm_during_flood'`)).rowCount).toBe(1);

    const rows = await sql.query<{ verdict: string; n: number }>(
      `SELECT verdict, count(*)::int AS n FROM webhook_deliveries WHERE dealer_link_id = $1 GROUP BY 1 ORDER BY 1`,
      [link.flood],
    );
    expect(rows.rows).toEqual([
      { verdict: "accepted", n: 1 },
      { verdict: "rejected", n: cap },
    ]);

    // The log's loader: the stored rows, and how many more were refused that day.
    const page = await m.webhookLogPage({ page: 1 }, link.flood);
    expect(page.total).toBe(cap + 1);
    expect(page.notStored.map(m.cap.notStoredText)).toEqual([
      `2026-06-15: ${200 - cap} more refused deliveries not stored individually`,
    ]);
    expect(page.notStored[0].lastAt).toEqual(new Date("2026-06-15T09:03:19Z"));
    expect((await m.webhookLogPage({ page: 1, verdict: "rejected" }, link.flood)).notStored).toHaveLength(1);
    // Counted refusals have no event type or id: a filter on those, or on accepted rows, leaves them out.
    expect((await m.webhookLogPage({ page: 1, verdict: "accepted" }, link.flood)).notStored).toEqual([]);
    expect((await m.webhookLogPage({ page: 1, type: "alarm.created" }, link.flood)).notStored).toEqual([]);
    const before = new Date("2026-06-15T00:00:00Z");
    expect((await m.webhookLogPage({ page: 1, to: before }, link.flood)).notStored).toEqual([]);
    // Another dealer's log says nothing of it.
    expect((await m.webhookLogPage({ page: 1 }, link.quiet)).notStored).toEqual([]);

    // The next UTC day starts over: its first refusal gets a row again.
    at = new Date("2026-06-16T00:00:05Z");
    const next = await m.receiveWebhook(
      signedRequest(URL_, alarm("alm_next"), { secret: "whsec_guessed" }),
      KEY,
      clock,
    );
    expect(next.status).toBe(401);
    const nextDay = await sql.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE dealer_link_id = $1 AND verdict = 'rejected'
        AND received_at >= '2026-06-16'`,
      [link.flood],
    );
    expect(nextDay.rows).toEqual([{ n: 1 }]);
  });
});
