import { describe, expect, it } from "vitest";
import { intId, parseDate, parseEvent } from "@/lib/webhooks/events";
import { readBodyLimited } from "@/lib/webhooks/read-body";
import { parseHistoryParams } from "@/lib/verifications/history-filter";
import { MAX_CHEKT_ID } from "@/lib/schemas/fields";

describe("tolerant reading of event payloads", () => {
  it("reads ids as numbers, numeric strings or prefixed strings", () => {
    expect(intId(42)).toBe(42);
    expect(intId("42")).toBe(42);
    expect(intId("site_42")).toBe(42);
    expect(intId("dev_7")).toBe(7);
    expect(intId("site_abc")).toBeNull();
    expect(intId(4.5)).toBeNull();
    expect(intId(null)).toBeNull();
  });

  it("takes the app's one bound for a CHeKT id (MAX_CHEKT_ID): past it an id names nothing", () => {
    expect(intId(MAX_CHEKT_ID)).toBe(MAX_CHEKT_ID);
    expect(intId(`site_${MAX_CHEKT_ID}`)).toBe(MAX_CHEKT_ID);
    for (const bad of [MAX_CHEKT_ID + 1, "site_3000000000", "3000000000", "dev_123456789012345", 0, "site_0", -4])
      expect(intId(bad), String(bad)).toBeNull();
    const r = parseEvent({
      id: "evt_big",
      type: "verification.requested",
      created_at: "2026-11-24T12:00:00Z",
      data: {
        verification_id: "v-big",
        site_id: "site_3000000000",
        occurred_at: "2026-11-24T12:00:00Z",
        expires_at: "2026-11-24T12:10:00Z",
      },
    });
    expect(r).toMatchObject({ ok: false, kind: "invalid", id: "evt_big", type: "verification.requested" });
    if (!r.ok && r.kind === "invalid")
      expect(r.message).toBe(
        `verification.requested: site_id: not a CHeKT id (a whole number from 1 to ${MAX_CHEKT_ID}): site_3000000000`,
      );
  });

  it("reads ISO-8601 and 'YYYY-MM-DD HH:MM:SS' (as UTC)", () => {
    expect(parseDate("2026-11-24T12:00:00.000Z")?.toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect(parseDate("2026-11-24 12:00:00")?.toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect(parseDate("yesterday")).toBeNull();
  });

  it("parses a verification.requested with prefixed ids and ignores unknown fields", () => {
    const r = parseEvent({
      id: "evt_1",
      type: "verification.requested",
      created_at: "2026-11-24T12:00:00Z",
      extra: true,
      data: {
        verification_id: "v-1",
        alarm_id: "alm_3",
        site_id: "site_9",
        device_id: "dev_4",
        contact_id: "contact_5",
        zone_number: 2,
        occurred_at: "2026-11-24 11:59:00",
        expires_at: "2026-11-24T12:10:00Z",
        surprise: "ok",
      },
    });
    expect(r.ok).toBe(true);
    if (r.ok && r.event.type === "verification.requested") {
      expect(r.event.data).toMatchObject({
        verification_id: "v-1",
        alarm_id: "alm_3",
        site_id: 9,
        device_id: 4,
        contact_id: 5,
        zone_number: "2",
      });
    }
  });

  it("keeps an unknown type apart from an invalid event, and names the bad field", () => {
    expect(parseEvent({ id: "evt_2", type: "ping", created_at: "2026-11-24T12:00:00Z", data: {} })).toMatchObject({
      ok: false,
      kind: "unknown_type",
      type: "ping",
    });
    const bad = parseEvent({
      id: "evt_3",
      type: "alarm.created",
      created_at: "2026-11-24T12:00:00Z",
      data: { site_id: 1 },
    });
    expect(bad).toMatchObject({ ok: false, kind: "invalid", id: "evt_3" });
    if (!bad.ok && bad.kind === "invalid") expect(bad.message).toContain("alarm_id");
    expect(parseEvent({ type: "alarm.created" })).toMatchObject({ ok: false, kind: "invalid" });
    expect(parseEvent("not an object")).toMatchObject({ ok: false, kind: "invalid" });
  });
});

describe("readBodyLimited", () => {
  it("returns the exact bytes under the limit", async () => {
    const r = await readBodyLimited(new Request("http://x", { method: "POST", body: "héllo" }), 100);
    expect(r.ok && Buffer.from(r.bytes).toString("utf8")).toBe("héllo");
  });
  it("stops at the limit without reading the rest", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1000));
      },
    });
    const r = await readBodyLimited(
      new Request("http://x", { method: "POST", body, duplex: "half" } as RequestInit),
      4500,
    );
    expect(r).toMatchObject({ ok: false });
    expect(pulled).toBeLessThan(10);
  });
});

describe("history filters from the URL", () => {
  it("accepts a full, valid filter with an inclusive end day", () => {
    const r = parseHistoryParams({
      state: "dispatched",
      site: "3",
      operator: " Ann ",
      from: "2026-11-01",
      to: "2026-11-24",
    });
    expect(r.errors).toEqual([]);
    expect(r.filter).toMatchObject({ state: "dispatched", siteId: 3, operator: "Ann" });
    expect(r.filter.to?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });
  it("explains each bad value", () => {
    const r = parseHistoryParams({ state: "lost", site: "x", from: "24/11/2026", operator: "o".repeat(101) });
    expect(r.errors).toEqual([
      'State "lost" is not one of pending, claimed, dispatched, disregarded, expired, cancelled.',
      'Site "x" is not a site ID.',
      `Operator "${"o".repeat(40)}…" is longer than 100 characters.`,
      '"From" date "24/11/2026" is not a date (use YYYY-MM-DD).',
    ]);
    expect(parseHistoryParams({ from: "2026-11-24", to: "2026-11-01" }).errors).toEqual([
      '"From" must be on or before "To".',
    ]);
  });
});
