// Catch-up run by two instances at once against real Postgres (lib/webhooks/catch-up.ts, catchUpAll with the
// per-dealer advisory lock lib/webhooks/background.ts gives it): each dealer's /v1/events is read once, a slow
// dealer does not hold the other dealers, and a run that meets it still under way (however long it has taken:
// the lock lasts as long as that dealer's run, not a transaction's 120 s) passes it over instead of reading it
// again. The events source is a stand-in whose slow dealer waits on the test, so nothing sleeps.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FetchEventsPage } from "@/lib/webhooks/catch-up";
import { ENC_KEY, closeHookDb, seedDealerLink, startHookDb, type HookDb } from "./webhooks-helpers";

let world: HookDb;
let sql: pg.Client;
let catchUpAll: typeof import("@/lib/webhooks/catch-up").catchUpAll;
let advisoryLock: typeof import("@/lib/jobs/lock").advisoryLock;

beforeAll(async () => {
  ({ sql } = world = await startHookDb("chekt_hooks_catch_up_two"));
  ({ catchUpAll } = await import("@/lib/webhooks/catch-up"));
  ({ advisoryLock } = await import("@/lib/jobs/lock"));
}, 120_000);

afterAll(() => closeHookDb(world));

let nextChektDealerId = 700;
/** A connected dealer link with a CHeKT App key of its own; returns its link id and key. */
async function dealerWithKey(): Promise<{ id: string; apiKey: string }> {
  const { encryptSecret } = await import("@/lib/secrets");
  const apiKey = `key-${randomUUID()}`;
  const id = await seedDealerLink(world.db.url, { key: `two-${randomUUID()}`, chektDealerId: ++nextChektDealerId });
  await sql.query(`UPDATE dealer_links SET api_key_enc = $2 WHERE id = $1`, [id, encryptSecret(apiKey, ENC_KEY)]);
  return { id, apiKey };
}

/** A promise and the call that settles it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
}

/**
 * GET /v1/events with nothing new, counting the reads per key; the first read of `slowKey` is held until
 * `release()`, and `slowStarted` settles when it begins.
 */
function eventsSource(slowKey: string) {
  const reads = new Map<string, number>();
  const started = signal();
  const gate = signal();
  const fetchPage: FetchEventsPage = async (apiKey) => {
    reads.set(apiKey, (reads.get(apiKey) ?? 0) + 1);
    if (apiKey === slowKey && reads.get(apiKey) === 1) {
      started.fire();
      await gate.fired;
    }
    return { data: [], has_more: false, next_cursor: null };
  };
  return { fetchPage, reads: (key: string) => reads.get(key) ?? 0, slowStarted: started.fired, release: gate.fire };
}

const cursorSaved = async (dealerLinkId: string) =>
  (await sql.query(`SELECT 1 FROM sync_cursors WHERE dealer_link_id = $1`, [dealerLinkId])).rowCount === 1;

describe("catch-up on two instances", () => {
  it("reads each dealer once; the slow dealer neither holds the other nor is read again while it runs", async () => {
    const slow = await dealerWithKey();
    const quick = await dealerWithKey();
    const only = new Set([slow.id, quick.id]);
    const source = eventsSource(slow.apiKey);
    const t0 = new Date("2026-06-01T10:00:00Z");
    // Two instances' minute runs, begun together (one clock reading), each with its own lock sessions.
    const instance = (at: Date) =>
      catchUpAll(source.fetchPage, only, { lock: advisoryLock(world.db.url, "webhook-catch-up"), now: () => at });

    const first = instance(t0);
    await source.slowStarted;
    const second = await instance(t0);
    // The second passed over the slow dealer (held), and the quick one was caught up, by whichever got there
    // first, while the slow one still runs.
    expect(second.map((r) => r.dealerLinkId)).not.toContain(slow.id);
    expect(await cursorSaved(quick.id)).toBe(true);
    expect([source.reads(slow.apiKey), source.reads(quick.apiKey)]).toEqual([1, 1]);

    // Minutes later the slow dealer's run is still under way: the next minute's run on another instance
    // catches up the quick dealer again but leaves the slow one to the run that has it.
    const later = await instance(new Date(t0.getTime() + 5 * 60_000));
    expect(later.map((r) => r.dealerLinkId)).toEqual([quick.id]);
    expect([source.reads(slow.apiKey), source.reads(quick.apiKey)]).toEqual([1, 2]);

    source.release();
    const firstReports = await first;
    expect(firstReports.map((r) => r.dealerLinkId)).toContain(slow.id);
    expect(firstReports.every((r) => r.error === undefined)).toBe(true);
    expect([source.reads(slow.apiKey), source.reads(quick.apiKey)]).toEqual([1, 2]);

    // Its lock went with its run: the next run reads the slow dealer again.
    const next = await instance(new Date(t0.getTime() + 6 * 60_000));
    expect(next.map((r) => r.dealerLinkId).sort()).toEqual([slow.id, quick.id].sort());
    expect([source.reads(slow.apiKey), source.reads(quick.apiKey)]).toEqual([2, 3]);
  }, 60_000);
});
