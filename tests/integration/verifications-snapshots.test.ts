// Snapshot images: fetched from the real simulator once and then served from Postgres; a 429 is
// waited out and retried; a failure that lasts answers "retry later" (503) instead of "gone"; a
// redirect off CHeKT's host is refused; the store stays under its cap, oldest images dropped first; an image
// asked for as alarm:<id> and as its snapshot row costs one CHeKT call, under faults too.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "@/simulator/config";
import { NO_RATE_LIMIT } from "../support/simulator";
import { deliverNewestEvents, raiseOnSimulator } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import type { Fault } from "@/simulator/faults";
import { clearSimFaults, simConfig, simFault, simFaultRules } from "../support/sim-world";

/** CHeKT's free tier, as this file's simulator starts (deskFile's `freeTier`). */
const FREE_TIER = {
  rateLimitPerMin: defaultConfig.rateLimitPerMin,
  rateLimitBurstPerS: defaultConfig.rateLimitBurstPerS,
};

/** Raises an alarm on the simulator, delivers its events, returns the snapshot row ids. */
async function raiseWithSnapshot(siteId: number): Promise<string[]> {
  const out = await raiseOnSimulator(desk.sim.url, siteId);
  await deliverNewestEvents(desk.sim.url, { each200: false });
  const snaps = (
    await desk.sql.query(`SELECT id FROM snapshots WHERE alarm_id = $1 AND dealer_link_id = $2`, [
      out.alarm.id,
      desk.dealer.id,
    ])
  ).rows.map((r) => r.id as string);
  const alarm = (
    await desk.sql.query(`SELECT snapshot_url FROM alarms WHERE id = $1 AND dealer_link_id = $2`, [
      out.alarm.id,
      desk.dealer.id,
    ])
  ).rows[0];
  return [...snaps, ...(alarm?.snapshot_url ? [`alarm:${out.alarm.id}`] : [])];
}

const desk = deskFile({ freeTier: true });

afterEach(async () => {
  await clearSimFaults(desk.sim.url);
});

describe("snapshot store", () => {
  it("fetches an image from CHeKT once, keeps it in Postgres and serves it even when CHeKT refuses", async () => {
    const [id] = await raiseWithSnapshot(1);
    expect(id).toBeTruthy();
    const { loadSnapshotImage } = await import("@/lib/verifications/snapshot-image");
    const first = await loadSnapshotImage(id!, desk.dealer.id);
    expect(first).toMatchObject({ ok: true, stored: false, contentType: "image/png" });
    const kept = (
      await desk.sql.query(`SELECT size, content_type FROM snapshot_images WHERE dealer_link_id = $1 AND key = $2`, [
        desk.dealer.id,
        id,
      ])
    ).rows[0];
    expect(kept.size).toBeGreaterThan(0);
    // CHeKT now answers 503 to every image request: the kept copy is served, byte for byte.
    await simFault(desk.sim.url, { path: "/v1/snapshots/**", rate_5xx: 1, status_5xx: 503 });
    const second = await loadSnapshotImage(id!, desk.dealer.id);
    expect(second).toMatchObject({ ok: true, stored: true });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(Buffer.from(second.body).equals(Buffer.from(first.body))).toBe(true);
    // Another dealer's link cannot read it by the same key.
    const other = await loadSnapshotImage(id!, "another-dealer-link");
    expect(other).toMatchObject({ ok: false, status: 404 });
  });

  it("waits out a 429 (two in a row) and gets the image on the retry", async () => {
    const [id] = await raiseWithSnapshot(2);
    const fault = await simFault(desk.sim.url, { path: "/v1/snapshots/**", rate_429: 1, count: 2 });
    const { loadSnapshotImage } = await import("@/lib/verifications/snapshot-image");
    const got = await loadSnapshotImage(id!, desk.dealer.id);
    expect(got).toMatchObject({ ok: true, stored: false });
    const faults = await simFaultRules(desk.sim.url);
    expect(faults.find((f) => f.id === fault.id)?.matched).toBe(2);
    // The image fetches spent the App key's shared budget on the "snapshot" class, 429s counted.
    const { budgetFor, credentialKey } = await import("@/lib/chekt");
    const view = await budgetFor(credentialKey({ type: "api_key", apiKey: process.env.CHEKT_API_KEY! })).view(
      Date.now() - 120_000,
    );
    const snapshotRows = view.usage.filter((u) => u.budgetClass === "snapshot");
    expect(snapshotRows.reduce((n, u) => n + u.calls, 0)).toBeGreaterThanOrEqual(3);
    expect(snapshotRows.reduce((n, u) => n + u.rateLimited, 0)).toBeGreaterThanOrEqual(2);
  });

  it("a failure that outlasts the retries is 'try again later' (503 + Retry-After), not 'unavailable'", async () => {
    const [id] = await raiseWithSnapshot(3);
    await simFault(desk.sim.url, { path: "/v1/snapshots/**", rate_5xx: 1, status_5xx: 503 });
    const { fetchSnapshotBytes } = await import("@/lib/verifications/snapshot-fetch");
    const url = (
      await desk.sql.query(`SELECT url FROM snapshots WHERE id = $1 AND dealer_link_id = $2`, [id, desk.dealer.id])
    ).rows[0].url as string;
    const got = await fetchSnapshotBytes(url, process.env.CHEKT_API_KEY!, { deadlineMs: 2_000 });
    expect(got).toMatchObject({ ok: false, status: 503 });
    expect(
      (await desk.sql.query(`SELECT count(*)::int AS n FROM snapshot_images WHERE key = $1`, [id])).rows[0].n,
    ).toBe(0);
  });

  it("a load held past its deadline answers 'retry later' at once; the next try starts afresh", async () => {
    const [id] = await raiseWithSnapshot(4);
    await simFault(desk.sim.url, { path: "/v1/snapshots/**", delay_ms: 4_000 });
    const { loadSnapshotImage } = await import("@/lib/verifications/snapshot-image");
    const held = await loadSnapshotImage(id!, desk.dealer.id, { deadlineMs: 300 });
    expect(held).toMatchObject({ ok: false, status: 503, message: "CHeKT is slow to send this image", retryAfterS: 2 });
    await clearSimFaults(desk.sim.url);
    const next = await loadSnapshotImage(id!, desk.dealer.id);
    expect(next).toMatchObject({ ok: true, contentType: "image/png" });
  });
});

describe("one CHeKT fetch per image, whichever way it is asked for", () => {
  // Calls are counted here, so CHeKT's shared limit is lifted for these tests: the test's own direct calls (the
  // events it delivers, as another CHeKT user's would) could otherwise earn the app a 429 and a second, retried
  // call, depending on which test ran just before. What a 429 does to the one fetch is the it.each below.
  beforeEach(() => simConfig(desk.sim.url, NO_RATE_LIMIT));
  afterEach(() => simConfig(desk.sim.url, FREE_TIER));
  /** An alarm whose alarm.created carried the image its snapshot row names: its two ids. */
  async function bothWays(siteId: number): Promise<{ snapId: string; alarmKey: string }> {
    const ids = await raiseWithSnapshot(siteId);
    const snapId = ids.find((i) => i.startsWith("snap_"));
    const alarmKey = ids.find((i) => i.startsWith("alarm:"));
    if (!snapId || !alarmKey) throw new Error(`expected a snapshot row and an alarm snapshot_url, got ${ids}`);
    return { snapId, alarmKey };
  }
  /**
   * Counts the calls CHeKT (the simulator) gets for this one image, by fault rules on its path only (an
   * earlier test's fetch still running cannot be counted): `first` meets the first calls, if given; a rule
   * that only counts meets the rest. Returns a reader of each rule's count, in that order.
   */
  async function watchImage(snapId: string, first?: Record<string, unknown>): Promise<() => Promise<number[]>> {
    const path = `/v1/snapshots/${snapId}/image`;
    const rules: Fault[] = [];
    for (const rule of [...(first ? [{ path, ...first }] : []), { path }])
      rules.push(await simFault(desk.sim.url, rule));
    return async () => {
      const now = await simFaultRules(desk.sim.url);
      return rules.map((r) => now.find((f) => f.id === r.id)?.matched ?? -1);
    };
  }
  /** Both ids at once (the row's alarm:<id>, then its snapshot row as snapshot.created lands): the same image. */
  async function askBoth({ snapId, alarmKey }: { snapId: string; alarmKey: string }) {
    const { loadSnapshotImage } = await import("@/lib/verifications/snapshot-image");
    const [byAlarm, bySnap] = await Promise.all([
      loadSnapshotImage(alarmKey, desk.dealer.id),
      loadSnapshotImage(snapId, desk.dealer.id),
    ]);
    if (!byAlarm.ok || !bySnap.ok) throw new Error(`not both images: ${JSON.stringify([byAlarm, bySnap])}`);
    expect(Buffer.from(byAlarm.body).equals(Buffer.from(bySnap.body))).toBe(true);
    const kept = await desk.sql.query(`SELECT key FROM snapshot_images WHERE dealer_link_id = $1 AND key = ANY($2)`, [
      desk.dealer.id,
      [snapId, alarmKey],
    ]);
    expect(kept.rows.map((r) => r.key)).toEqual([snapId]);
  }

  it("asked as alarm:<id> and as its snapshot row at once: one snapshot call, one stored copy", async () => {
    const ids = await bothWays(1);
    const calls = await watchImage(ids.snapId);
    await askBoth(ids);
    expect(await calls()).toEqual([1]);
    // Asked again either way: the stored copy, no call.
    const { loadSnapshotImage } = await import("@/lib/verifications/snapshot-image");
    expect(await loadSnapshotImage(ids.alarmKey, desk.dealer.id)).toMatchObject({ ok: true, stored: true });
    expect(await loadSnapshotImage(ids.snapId, desk.dealer.id)).toMatchObject({ ok: true, stored: true });
    expect(await calls()).toEqual([1]);
  });

  it.each([
    { fault: "two 429s", rule: { rate_429: 1 } },
    { fault: "two 503s", rule: { rate_5xx: 1, status_5xx: 503 } },
  ])("under $fault both are retried as one fetch: two refused calls, then one image", async ({ rule }) => {
    const ids = await bothWays(2);
    const calls = await watchImage(ids.snapId, { count: 2, ...rule });
    await askBoth(ids);
    expect(await calls()).toEqual([2, 1]);
  });

  it("an answer lost on the way (connection dropped after CHeKT served it) is fetched again, once", async () => {
    const ids = await bothWays(3);
    const calls = await watchImage(ids.snapId, { drop_rate: 1, when: "after", count: 1 });
    await askBoth(ids);
    expect(await calls()).toEqual([1, 1]);
  });
});

describe("redirects", () => {
  let chekt: http.Server;
  let elsewhere: http.Server;
  let chektOrigin = "";
  let elsewhereOrigin = "";
  const seenAuth: (string | undefined)[] = [];
  const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

  beforeAll(async () => {
    elsewhere = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    });
    chekt = http.createServer((req, res) => {
      if (req.url === "/away") res.writeHead(302, { location: `${elsewhereOrigin}/img.png` }).end();
      else if (req.url === "/here") res.writeHead(301, { location: "/img.png" }).end();
      else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
      else res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    });
    await Promise.all([
      new Promise<void>((r) => chekt.listen(0, "127.0.0.1", r)),
      new Promise<void>((r) => elsewhere.listen(0, "127.0.0.1", r)),
    ]);
    chektOrigin = `http://127.0.0.1:${(chekt.address() as AddressInfo).port}`;
    elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    chekt.closeAllConnections();
    elsewhere.closeAllConnections();
    await Promise.all([new Promise((r) => chekt.close(r)), new Promise((r) => elsewhere.close(r))]);
  });

  it("follows a redirect within CHeKT's host, refuses one off it (never contacted), stops a loop", async () => {
    const { fetchSnapshotBytes } = await import("@/lib/verifications/snapshot-fetch");
    expect(await fetchSnapshotBytes(`${chektOrigin}/here`, "key", { chektOrigin })).toMatchObject({
      ok: true,
      contentType: "image/png",
    });
    const away = await fetchSnapshotBytes(`${chektOrigin}/away`, "key", { chektOrigin });
    // Final, not a passing 502: no level tries it again (lib/verifications/snapshot-status.ts).
    const { SNAPSHOT_UNUSABLE } = await import("@/lib/verifications/snapshot-status");
    expect(away).toMatchObject({ ok: false, status: SNAPSHOT_UNUSABLE });
    if (away.ok) throw new Error("unreachable");
    expect(away.message).toMatch(/redirect off CHeKT's host/);
    expect(seenAuth).toHaveLength(0);
    expect(await fetchSnapshotBytes(`${chektOrigin}/loop`, "key", { chektOrigin })).toMatchObject({
      ok: false,
      message: "Too many redirects",
    });
  });
});

describe("cap", () => {
  it("keeps the store under SNAPSHOT_STORE_MAX_MB by dropping the oldest images", async () => {
    const { keepImage } = await import("@/lib/verifications/snapshot-store");
    await desk.sql.query(`DELETE FROM snapshot_images`);
    const kb = (n: number) => new Uint8Array(n * 1024).fill(7);
    for (const key of ["cap-1", "cap-2", "cap-3"]) {
      await keepImage(desk.dealer.id, key, "image/png", kb(40), 100 * 1024);
      await new Promise((r) => setTimeout(r, 5)); // distinct fetched_at
    }
    const keys = (await desk.sql.query(`SELECT key FROM snapshot_images ORDER BY fetched_at`)).rows.map((r) => r.key);
    expect(keys).toEqual(["cap-2", "cap-3"]);
    const total = (await desk.sql.query(`SELECT sum(size)::int AS n FROM snapshot_images`)).rows[0].n;
    expect(total).toBeLessThanOrEqual(100 * 1024);
  });
});
