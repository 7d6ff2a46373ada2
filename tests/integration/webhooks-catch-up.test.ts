// Catch-up (lib/webhooks/catch-up.ts) over a page that holds an event the receiver would refuse as
// malformed: one whose data Postgres cannot hold (\u0000, class 22) and one the parser refuses. The rest
// of the page is stored, each bad event is logged once as the receiver logs it (a `malformed`
// webhook_deliveries row), the cursor moves past them, and the next run goes on from there.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DealerSecrets } from "@/lib/webhooks/dealer-secrets";
import type { EventsPage, FetchEventsPage } from "@/lib/webhooks/catch-up";
import { closeHookDb, envelope, seedDealerLink, startHookDb, type HookDb } from "./webhooks-helpers";

let world: HookDb;
let sql: pg.Client;
let catchUpDealer: typeof import("@/lib/webhooks/catch-up").catchUpDealer;

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_hooks_catch_up"));
  ({ catchUpDealer } = await import("@/lib/webhooks/catch-up"));
}, 120_000);

afterAll(() => closeHookDb(world));

let nextChektDealerId = 400;
/** A dealer link of the test's own, as catch-up reads it. */
async function dealer(): Promise<DealerSecrets> {
  const key = `catch-up-${randomUUID()}`;
  const chektDealerId = ++nextChektDealerId;
  const dealerLinkId = await seedDealerLink(world.db.url, { key, chektDealerId });
  return { dealerLinkId, externalDealerId: key, chektDealerId, connected: true, webhookSecret: null, apiKey: "k" };
}

const base = Date.now() - 60_000;
function requested(i: number, extra: Record<string, unknown> = {}) {
  const at = new Date(base + i * 1000);
  return envelope(
    `evt_${randomUUID()}`,
    "verification.requested",
    {
      verification_id: randomUUID(),
      site_id: 7,
      occurred_at: at.toISOString(),
      expires_at: new Date(Date.now() + 600_000).toISOString(),
      description: "Motion",
      ...extra,
    },
    at,
  );
}

/**
 * GET /v1/events over `events` (oldest first) as CHeKT pages it: a cursor is the index of the next event,
 * `since` is inclusive. Every page it hands out is kept in `served`.
 */
function eventsSource(events: ReturnType<typeof requested>[], pageSize: number) {
  const served: EventsPage[] = [];
  const fetchPage: FetchEventsPage = async (_key, q) => {
    const from = q.cursor
      ? Number(q.cursor)
      : events.findIndex((e) => !q.since || Date.parse(e.created_at) >= Date.parse(q.since));
    const start = from < 0 ? events.length : from;
    const data = events.slice(start, start + pageSize);
    const more = start + pageSize < events.length;
    const page = { data, has_more: more, next_cursor: more ? String(start + pageSize) : null };
    served.push(page);
    return page;
  };
  return { fetchPage, served };
}

async function storedIds(dealerLinkId: string) {
  const r = await sql.query(`SELECT id FROM webhook_events WHERE dealer_link_id = $1`, [dealerLinkId]);
  return r.rows.map((row: { id: string }) => row.id).sort();
}

async function malformedRows(dealerLinkId: string) {
  const r = await sql.query(
    `SELECT event_id, event_type, verdict, reason, dealer_key, delivery_id, attempt FROM webhook_deliveries
      WHERE dealer_link_id = $1 ORDER BY id`,
    [dealerLinkId],
  );
  return r.rows as { event_id: string; verdict: string; reason: string; dealer_key: string }[];
}

describe("catch-up past events the receiver would refuse", () => {
  it("stores the rest of the page, logs each bad event once as malformed, and moves the cursor past them", async () => {
    const d = await dealer();
    const nul = requested(1, { description: "bad \u0000 byte" });
    const unreadable = requested(3, { expires_at: "never" });
    const events = [requested(0), nul, requested(2), unreadable, requested(4), requested(5)];
    const source = eventsSource(events, 4);

    const first = await catchUpDealer(d, source.fetchPage);
    expect(first).toMatchObject({ fetched: 6, applied: 4, invalid: 2, pages: 2 });
    expect(first.error).toBeUndefined();
    const good = events.filter((e) => e !== nul && e !== unreadable).map((e) => e.id);
    expect(await storedIds(d.dealerLinkId)).toEqual([...good].sort());
    const rows = await malformedRows(d.dealerLinkId);
    expect(rows).toEqual([
      expect.objectContaining({ event_id: nul.id, event_type: "verification.requested", verdict: "malformed" }),
      expect.objectContaining({ event_id: unreadable.id, event_type: "verification.requested", verdict: "malformed" }),
    ]);
    expect(rows[0]).toMatchObject({ dealer_key: d.externalDealerId, delivery_id: null, attempt: null });
    expect(rows[0].reason).toMatch(/^invalid_event: unsupported Unicode escape sequence/);
    expect(rows[1].reason).toMatch(/^invalid_event: verification\.requested: expires_at: not a date: never$/);

    // The next run starts after the newest event: neither bad event is fetched or logged again.
    source.served.length = 0;
    const second = await catchUpDealer(d, source.fetchPage);
    expect(second).toMatchObject({ fetched: 1, applied: 0, duplicates: 1, invalid: 0 });
    expect(second.error).toBeUndefined();
    expect(source.served.flatMap((p) => p.data.map((e) => (e as { id: string }).id))).toEqual([events[5].id]);
    expect(await malformedRows(d.dealerLinkId)).toHaveLength(2);
  });

  it("a bad newest event comes again in the next run (`since` is inclusive) but is logged once", async () => {
    const d = await dealer();
    const nul = requested(9, { description: "\u0000" });
    const events = [requested(8), nul];
    const source = eventsSource(events, 100);
    const first = await catchUpDealer(d, source.fetchPage);
    expect(first).toMatchObject({ applied: 1, invalid: 1 });
    const second = await catchUpDealer(d, source.fetchPage);
    expect(second).toMatchObject({ fetched: 1, invalid: 1 });
    expect([first.error, second.error]).toEqual([undefined, undefined]);
    expect(await storedIds(d.dealerLinkId)).toEqual([events[0].id]);
    expect((await malformedRows(d.dealerLinkId)).map((r) => r.event_id)).toEqual([nul.id]);
  });
});
