/**
 * Webhook delivery from the simulator to a real receiver: signatures checked with an independent
 * HMAC, payloads against the document's `webhooks`, retries (scaled schedule) that really produce
 * duplicates and out-of-order arrivals, scope gating, and catch-up through /v1/events and /v1/alarms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALL_EVENTS } from "../../simulator/seed";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { checkEvent, expectedSignature, Receiver, sim as control } from "./simulator-helpers";
import { until } from "../support/until";

let s: RunningSimulator;
let rx: Receiver;
let app: { id: string; api_key: string; signing_secret: string };

async function v1(path: string, key = app.api_key) {
  const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON off the wire, asserted on by shape
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  // 1 s → 10 ms, 5 s → 50 ms, 30 s → 300 ms, 2 min → 1.2 s …
  s = await startSimulator({
    port: 0,
    config: {
      validateResponses: true,
      rateLimitPerMin: 100_000,
      rateLimitBurstPerS: 10_000,
      webhookRetryScale: 0.01,
      webhookTimeoutMs: 1500,
    },
  });
  await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
});
afterAll(async () => s?.close());

beforeEach(async () => {
  rx = new Receiver();
  await rx.start();
  const made = await control(s.url, "POST", "/_sim/apps", {
    dealer_id: 1,
    name: "hooks",
    scopes: ["events:read", "events:write", "snapshots:read", "devices:read"],
    events: ALL_EVENTS,
    webhook_url: rx.url,
  });
  app = made.body;
});
afterEach(async () => {
  await control(s.url, "PATCH", `/_sim/apps/${app.id}`, { webhook_url: null });
  await rx.stop();
});

describe("webhook deliveries", () => {
  it("signs exactly as the document describes and sends the documented headers and payloads", async () => {
    // The signing time is stamped between the request that raised the alarm and the receipt (whole seconds).
    const before = Math.floor(Date.now() / 1000);
    const made = await control(s.url, "POST", "/_sim/alarms", { site_id: 1 });
    await rx.waitFor((r) => r.length >= 3);
    const after = Math.ceil(Date.now() / 1000);
    const types = rx.received.map((r) => r.body.type).sort();
    expect(types).toEqual(["alarm.created", "snapshot.created", "verification.requested"]);
    for (const r of rx.received) {
      const ts = r.headers["x-chekt-timestamp"] as string;
      expect(Number(ts)).toBeGreaterThanOrEqual(before);
      expect(Number(ts)).toBeLessThanOrEqual(after);
      expect(r.headers["x-chekt-signature"]).toBe(expectedSignature(app.signing_secret, ts, r.raw));
      expect(r.headers["x-chekt-signature"]).not.toBe(expectedSignature("wrong-secret", ts, r.raw));
      expect(r.headers["x-chekt-event-id"]).toBe(r.body.id);
      expect(r.headers["x-chekt-delivery-id"]).toMatch(/^dlv_/);
      expect(r.headers["x-chekt-attempt"]).toBe("1");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(checkEvent(r.body.type, r.body), r.body.type).toEqual([]);
    }
    const v = rx.received.find((r) => r.body.type === "verification.requested")!;
    expect(v.body.data.verification_id).toBe(made.body.verification.verification_id);
    const snap = rx.received.find((r) => r.body.type === "snapshot.created")!;
    const img = await fetch(snap.body.data.url);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(1000);
    const tampered = new URL(snap.body.data.url);
    tampered.searchParams.set("sig", "0".repeat(32));
    expect((await fetch(tampered)).status).toBe(401);
  });

  it("retries non-2xx answers with the same event id and delivery id, counting attempts", async () => {
    const attempts = new Map<string, number>();
    rx.answer = (r) => {
      const n = (attempts.get(r.body.id) ?? 0) + 1;
      attempts.set(r.body.id, n);
      return n < 3 ? 500 : 200;
    };
    await control(s.url, "POST", "/_sim/devices/1/status", { status: "offline" });
    await rx.waitFor((r) => r.length >= 3);
    const ids = rx.received.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(1);
    expect(rx.received.map((r) => r.headers["x-chekt-attempt"])).toEqual(["1", "2", "3"]);
    expect(new Set(rx.received.map((r) => r.headers["x-chekt-delivery-id"])).size).toBe(1);
    // Scaled schedule: ~10 ms then ~50 ms between attempts.
    const gaps = rx.received.slice(1).map((r, i) => r.at - rx.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(8);
    expect(gaps[1]).toBeGreaterThanOrEqual(45);
    const log = await control(s.url, "GET", `/_sim/deliveries?event_id=${ids[0]}`);
    expect(log.body[0].state).toBe("succeeded");
    expect(log.body[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
    await control(s.url, "POST", "/_sim/devices/1/status", { status: "online" });
  });

  it("a receiver that answers too late gets the same event again (duplicate after a timeout)", async () => {
    rx.answer = async (_r, n) => {
      if (n === 1) await new Promise((res) => setTimeout(res, 2000)); // past the 1.5 s timeout
      return 200;
    };
    await control(s.url, "POST", "/_sim/devices/2/status", { firmware: "2.15.0" });
    await rx.waitFor((r) => r.length >= 2);
    expect(rx.received[0]!.body.id).toBe(rx.received[1]!.body.id);
    expect(rx.received[0]!.body.type).toBe("device.firmware_updated");
    const log = await control(s.url, "GET", `/_sim/deliveries?event_id=${rx.received[0]!.body.id}`);
    expect(log.body[0].attempts[0].error).toContain("no answer");
  });

  it("delivers out of order when an earlier event is retried", async () => {
    // The receiver is "down" for device.offline until device.online (emitted later) got through.
    rx.answer = (r) =>
      r.body.type === "device.offline" &&
      !rx.received.some((x) => x.body.type === "device.online" && x.answered === 200)
        ? 503
        : 200;
    await control(s.url, "POST", "/_sim/devices/3/status", { status: "offline" });
    await rx.waitFor((r) => r.length >= 1);
    await control(s.url, "POST", "/_sim/devices/3/status", { status: "online" });
    await rx.waitFor((r) => r.filter((x) => x.answered === 200).length >= 2);
    const ok = rx.received.filter((x) => x.answered === 200).map((x) => x.body);
    expect(ok.map((e) => e.type)).toEqual(["device.online", "device.offline"]);
    expect(Number(ok[0].id.slice(4))).toBeGreaterThan(Number(ok[1].id.slice(4)));
  });

  it("never sends an event the app lacks the scope for, or does not subscribe to", async () => {
    await control(s.url, "PATCH", `/_sim/apps/${app.id}`, {
      scopes: ["events:read", "devices:read"],
      events: ["alarm.created", "snapshot.created", "device.online"],
    });
    await control(s.url, "POST", "/_sim/alarms", { site_id: 2 });
    await control(s.url, "POST", "/_sim/devices/4/status", { status: "offline" });
    await control(s.url, "POST", "/_sim/webhooks/test", { app_id: app.id });
    await rx.waitFor((r) => r.some((x) => x.body.type === "ping"));
    // Real time on purpose: what must not come has no event to wait for; the ping went last.
    await new Promise((res) => setTimeout(res, 100));
    // snapshot.created: subscribed but no snapshots:read; verification.requested and device.offline: not subscribed.
    expect(rx.received.map((r) => r.body.type).sort()).toEqual(["alarm.created", "ping"]);
    const ping = rx.received.find((r) => r.body.type === "ping")!;
    expect(checkEvent("ping", ping.body)).toEqual([]);
    await control(s.url, "POST", "/_sim/devices/4/status", { status: "online" });
  });

  it("keeps retrying hourly (scaled) and gives up after 24 h (scaled), recording every attempt", async () => {
    s.config.webhookRetryScale = 0.00002; // 24 h → 1.7 s; 1 h → 72 ms
    try {
      rx.answer = () => 500;
      await control(s.url, "POST", "/_sim/webhooks/test", { app_id: app.id });
      await rx.waitFor((r) => r.length >= 8);
      const mid = await control(s.url, "GET", `/_sim/deliveries?app_id=${app.id}&type=ping`);
      expect(mid.body[0].state).toBe("pending");
      let log = mid;
      await until(
        async () => {
          log = await control(s.url, "GET", `/_sim/deliveries?app_id=${app.id}&type=ping`);
          return log.body[0].state !== "pending";
        },
        () => "the ping delivery to stop being pending",
        100,
      );
      expect(log.body[0].state).toBe("failed");
      const attempts = log.body[0].attempts as { at: string }[];
      // Past the 7 scheduled steps into the hourly ones (how many fit depends on the machine's speed)…
      expect(attempts.length).toBeGreaterThanOrEqual(9);
      expect(attempts.length).toBe(rx.received.length);
      // …each hourly retry at least an (scaled) hour after the previous one…
      const at = attempts.map((a) => Date.parse(a.at));
      for (let i = 8; i < at.length; i++)
        expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(3600 * 1000 * 0.00002 * 0.9);
      // …and nothing after the (scaled) 24 hours.
      expect(at.at(-1)! - Date.parse(log.body[0].created_at)).toBeLessThanOrEqual(24 * 3600 * 1000 * 0.00002 + 100);
    } finally {
      s.config.webhookRetryScale = 0.01;
    }
  });
});

describe("restart", () => {
  it("a delivery still being retried when the simulator stops is resumed by the next start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sim-resume-"));
    const file = path.join(dir, "state.json");
    try {
      const a = await startSimulator({ port: 0, dataFile: file, config: { webhookRetryScale: 1 } });
      await control(a.url, "PATCH", "/_sim/apps/app_1", { webhook_url: rx.url, events: ["device.offline"] });
      rx.answer = () => 500;
      await control(a.url, "POST", "/_sim/devices/7/status", { status: "offline" });
      await rx.waitFor((r) => r.length >= 1);
      await a.close(); // the 1 s retry is pending
      rx.answer = () => 200;
      const b = await startSimulator({ port: 0, dataFile: file, config: { webhookRetryScale: 1 } });
      try {
        await rx.waitFor((r) => r.length >= 2);
        expect(rx.received[1]!.body.id).toBe(rx.received[0]!.body.id);
        expect(rx.received[1]!.headers["x-chekt-attempt"]).toBe("2");
        const log = await control(b.url, "GET", `/_sim/deliveries?event_id=${rx.received[0]!.body.id}`);
        // The log records the attempt's answer once the receiver's 200 is back: wait for it, no fixed sleep.
        const stateOf = async () =>
          (await control(b.url, "GET", `/_sim/deliveries?event_id=${rx.received[0]!.body.id}`)).body[0].state;
        await until(
          async () => (await stateOf()) !== "pending",
          () => "the resumed delivery's answer in the log",
        );
        expect(await stateOf()).toBe("succeeded");
        expect(log.body).toHaveLength(1);
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("catch-up through /v1", () => {
  it("lists every event the app may see, in order, with cursor pages", async () => {
    const before = await v1("/v1/events?order=desc&limit=1");
    const lastSeen = before.body.data[0]?.created_at ?? new Date(0).toISOString();
    await control(s.url, "POST", "/_sim/alarms", { site_id: 3 });
    await control(s.url, "POST", "/_sim/alarms", { site_id: 4 });
    const seen: { id: string; type: string; created_at: string }[] = [];
    let cursor: string | null = null;
    do {
      const pageResult: { status: number; body: { data: typeof seen; next_cursor: string | null } } = await v1(
        `/v1/events?limit=2&since=${encodeURIComponent(lastSeen)}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(pageResult.status).toBe(200);
      seen.push(...pageResult.body.data);
      cursor = pageResult.body.next_cursor;
    } while (cursor);
    const recent = seen
      .filter((e) => ["alarm.created", "verification.requested", "snapshot.created"].includes(e.type))
      .slice(-6);
    expect(recent.map((e) => e.type)).toEqual([
      "alarm.created",
      "verification.requested",
      "snapshot.created",
      "alarm.created",
      "verification.requested",
      "snapshot.created",
    ]);
    const seqs = seen.map((e) => Number(e.id.slice(4)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    for (const e of seen) expect(checkEvent(e.type, e), e.type).toEqual([]);
    const alarms = await v1("/v1/alarms?order=desc&limit=2&site_id=site_4");
    expect(alarms.body.data[0].site_id).toBe("site_4");
    expect((await v1("/v1/events?cursor=garbage")).status).toBe(400);
  });

  it("hides events outside the app's scopes", async () => {
    const narrow = await control(s.url, "POST", "/_sim/apps", { dealer_id: 1, scopes: ["events:read"] });
    // Its own alarm (alarm.created, verification.requested, snapshot.created) and device change, not another test's.
    const alarm = await control(s.url, "POST", "/_sim/alarms", { site_id: 2 });
    const eventOf = (type: string) => alarm.body.events.find((e: { type: string }) => e.type === type).id;
    await control(s.url, "POST", "/_sim/devices/5/status", { status: "offline" });
    const r = await v1("/v1/events?limit=100&order=desc", narrow.body.api_key);
    expect(
      r.body.data.some((e: { type: string }) => e.type.startsWith("device.") || e.type === "snapshot.created"),
    ).toBe(false);
    const ids = r.body.data.map((e: { id: string }) => e.id);
    expect(ids).toContain(eventOf("alarm.created"));
    expect(ids).not.toContain(eventOf("snapshot.created"));
    await control(s.url, "POST", "/_sim/devices/5/status", { status: "online" });
  });
});
