// The receiver reads alarm-path events without zod (parseAlarmPathFast in lib/webhooks/events.ts).
// These properties hold it to zod's answers: parseEvent returns exactly what the zod schemas return
// for any input, and for bodies as they arrive (JSON), the fast reader accepts every alarm-path
// event zod accepts and nothing else, so a valid alarm never takes the slow road and every 400
// still comes from zod with zod's message.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  isEventType,
  parseAlarmPathFast,
  parseEvent,
  parseEventWithZod,
  payloadSchemas,
} from "@/lib/webhooks/events";

// Every type but the device events: what fastEvent in lib/webhooks/events.ts reads without zod.
const ALARM_PATH: readonly string[] = EVENT_TYPES.filter((t) => !t.startsWith("device."));
const FIELDS = [...new Set(Object.values(payloadSchemas).flatMap((s) => Object.keys(s.shape)))];

// Values near every edge the schemas draw: ids with and without prefixes, both date formats, dates
// Postgres cannot hold, empty strings, non-finite numbers, wrong types.
const value = fc.oneof(
  fc.constantFrom(
    "42",
    "site_42",
    "dev_7",
    " 7 ",
    "site_abc",
    "",
    "x",
    "2026-11-24T12:00:00Z",
    "2026-11-24 12:00:00",
    "2026-11-24 12:00:00.5",
    "yesterday",
    "0000-01-01T00:00:00Z",
    "+010000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "1234567890123456",
  ),
  fc.constantFrom(0, 1, 42, -3, 4.5, 1.7e9, 1.7e12, 1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity),
  fc.constantFrom(null, undefined, true, false),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.constant({}),
  fc.constant([]),
  fc.constant([1]),
);

const data = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS, "extra"), value, { maxKeys: 12 }) },
  { weight: 1, arbitrary: value },
  { weight: 1, arbitrary: fc.constant(Object.create(null) as object) },
);

const envelope = fc.record(
  {
    id: fc.oneof(
      { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom("", "e".repeat(200), "e".repeat(201)) },
      { weight: 1, arbitrary: value },
    ),
    type: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...EVENT_TYPES) },
      { weight: 1, arbitrary: fc.constantFrom("ping", "alarm.unknown", "", "t".repeat(101)) },
      { weight: 1, arbitrary: value },
    ),
    created_at: value,
    data,
    extra: value,
  },
  { requiredKeys: ["id", "type", "data"] },
);
const body = fc.oneof({ weight: 9, arbitrary: envelope }, { weight: 1, arbitrary: value });

/** The same input as it would arrive: through JSON text (undefined dropped, NaN and ±Infinity → null). */
const asReceived = (v: unknown): unknown => {
  const text = JSON.stringify(v);
  return text === undefined ? undefined : JSON.parse(text);
};

// The payloads' optional text fields, each its own random value, so a reader that takes one field for another fails.
const OPTIONAL_TEXT = [
  "trigger",
  "location",
  "snapshot_url",
  "zone_number",
  "description",
  "event_code",
  "operator_id",
  "reason",
  "responder_id",
  "responder_type",
  "tracking_url",
  "resolution",
  "notes",
];
const optionalText = Object.fromEntries(
  OPTIONAL_TEXT.map((f) => [f, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null))]),
);

// Valid events of every alarm-path type, so the "accepts everything zod accepts" property is tried
// on many successes, not only on the random mix (mostly rejections).
const valid = fc.record({
  id: fc.string({ minLength: 1, maxLength: 200 }),
  type: fc.constantFrom(...ALARM_PATH),
  created_at: fc.constantFrom("2026-11-24T12:00:00Z", "2026-11-24 12:00:00", 1.7e9, 1.7e12),
  data: fc.record(
    {
      alarm_id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      verification_id: fc.string({ minLength: 1, maxLength: 8 }),
      snapshot_id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      url: fc.string({ minLength: 1, maxLength: 8 }),
      site_id: fc.oneof(fc.constantFrom("site_1", "1", 9, null, "nope")),
      device_id: fc.oneof(fc.constantFrom("dev_2", 2, null, "x")),
      contact_id: fc.constantFrom(1, "3", null),
      occurred_at: fc.constantFrom("2026-11-24T12:00:00Z", 1.7e9),
      expires_at: fc.constantFrom("2026-11-24 12:10:00", 1.7e12),
      captured_at: fc.constantFrom("2026-11-24T12:00:00Z", null, "never"),
      eta_seconds: fc.constantFrom(null, 0, 120.5),
      priority: fc.constantFrom("high", 3, null),
      ...optionalText,
      extra: value,
    },
    { requiredKeys: ["alarm_id", "verification_id", "snapshot_id", "url", "site_id", "occurred_at", "expires_at"] },
  ),
});

// 5,000 runs of a property are CPU-bound: a few seconds alone, more on a machine shared with other
// runs, so they get more than the unit project's 5 s without any test asserting a time.
const PROPERTY_TIMEOUT_MS = 60_000;

describe("the alarm-path reader without zod", () => {
  it(
    "parseEvent answers exactly what the zod schemas answer, for any input",
    () => {
      fc.assert(
        fc.property(body, (json) => {
          expect(parseEvent(json)).toStrictEqual(parseEventWithZod(json));
        }),
        { numRuns: 5000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "on bodies as received, accepts an alarm-path event exactly when zod does",
    () => {
      fc.assert(
        fc.property(fc.oneof(body, valid), (input) => {
          const json = asReceived(input);
          const fast = parseAlarmPathFast(json);
          const zod = parseEventWithZod(json);
          const alarmPath = zod.ok && ALARM_PATH.includes(zod.event.type);
          expect(fast !== null).toBe(alarmPath);
          if (fast) expect({ ok: true, event: fast }).toStrictEqual(zod);
        }),
        { numRuns: 5000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("leaves device events, unknown types and every rejection to zod", () => {
    const at = "2026-11-24T12:00:00Z";
    expect(parseAlarmPathFast({ id: "e", type: "device.online", created_at: at, data: { device_id: 1 } })).toBeNull();
    expect(parseAlarmPathFast({ id: "e", type: "ping", created_at: at, data: {} })).toBeNull();
    const bad = { id: "e", type: "verification.requested", created_at: at, data: { site_id: "nope" } };
    expect(parseAlarmPathFast(bad)).toBeNull();
    const r = parseEvent(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind === "invalid" && r.message).toMatch(/^verification\.requested: verification_id: /);
    expect(isEventType("device.online")).toBe(true);
  });

  it("gives the hot path's own shapes: numbers for ids, Dates for dates, null for absent optionals", () => {
    const r = parseAlarmPathFast({
      id: "evt_1",
      type: "snapshot.created",
      created_at: "2026-11-24 12:00:00",
      data: { snapshot_id: 5, site_id: "site_3", url: "https://x/s.png", captured_at: "2026-11-24T12:00:01Z" },
    });
    expect(r).toStrictEqual({
      id: "evt_1",
      type: "snapshot.created",
      createdAt: new Date("2026-11-24T12:00:00Z"),
      data: {
        snapshot_id: "5",
        alarm_id: null,
        site_id: 3,
        device_id: null,
        url: "https://x/s.png",
        captured_at: new Date("2026-11-24T12:00:01Z"),
      },
    });
  });
});
