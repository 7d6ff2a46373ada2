// One reader for a written date (lib/chekt/normalize.ts toDate): a time without a zone is UTC — what
// CHeKT's servers keep and what every page writes ("10:30 UTC") — never the server's own zone, and
// anything else ("1", "Nov 24 2026") is no date. The webhook's events (lib/webhooks/events.ts) and the
// lists' From / To filters (lib/list-state/parsers.ts) read through it, so the same text is the same
// instant on every path, whatever TZ the server runs under.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDate } from "@/lib/chekt/normalize";
import { isInstant, rangeBound } from "@/lib/list-state/parsers";
import { parseDate, parseEvent } from "@/lib/webhooks/events";

const tz = process.env.TZ;
// Node re-reads TZ when it is assigned: a zone west of UTC makes a local reading show.
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

const event = (occurred_at: string, expires_at = "2026-11-24T12:10:00Z") => ({
  id: "evt_1",
  type: "verification.requested",
  created_at: "2026-11-24T12:00:00Z",
  data: { verification_id: "v-1", site_id: 9, occurred_at, expires_at },
});

describe("a date without a zone is UTC on every path", () => {
  it("runs in a zone west of UTC", () => {
    expect(new Date(2025, 0, 1, 10).toISOString()).toBe("2025-01-01T15:00:00.000Z");
  });

  it.each(["2025-01-01T10:00:00", "2025-01-01 10:00:00", "2025-01-01T10:00"])(
    "%s: the webhook reads toDate's instant",
    (v) => {
      expect(toDate(v)?.toISOString()).toBe("2025-01-01T10:00:00.000Z");
      expect(parseDate(v)?.toISOString()).toBe("2025-01-01T10:00:00.000Z");
      const r = parseEvent(event(v));
      expect(r.ok && r.event.type === "verification.requested" && r.event.data.occurred_at.toISOString()).toBe(
        "2025-01-01T10:00:00.000Z",
      );
    },
  );

  it("a zone written is kept", () => {
    expect(parseDate("2025-01-01T10:00:00-05:00")?.toISOString()).toBe("2025-01-01T15:00:00.000Z");
  });

  it("a list's From / To without a zone is UTC too, as the page writes its times", () => {
    expect(isInstant("2026-11-24T10:30")).toBe(true);
    expect(rangeBound("2026-11-24T10:30", "from")?.toISOString()).toBe("2026-11-24T10:30:00.000Z");
    expect(rangeBound("2026-11-24 10:30:00", "to")?.toISOString()).toBe("2026-11-24T10:30:00.000Z");
    // A day is the whole UTC day, as before.
    expect(rangeBound("2026-11-24", "from")?.toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(rangeBound("2026-11-24", "to")?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });
});

describe("strict: what toDate does not read is no date", () => {
  it.each(["1", "2025", "Nov 24 2026", "2026-11-24T10:00:00 GMT", "yesterday"])("%s", (v) => {
    expect(toDate(v)).toBeNull();
    expect(parseDate(v)).toBeNull();
    expect(isInstant(v)).toBe(false);
    expect(rangeBound(v, "from")).toBeUndefined();
  });

  // new Date() rolls these over ("2026-02-30T10:00:00Z" is 2 March): a day or time that does not exist is
  // unreadable whether or not a zone is written, as the space format always was.
  it.each([
    "2026-02-30T10:00:00Z",
    "2026-02-30T10:00:00+02:00",
    "2026-02-30",
    "2026-04-31T10:00:00Z",
    "2026-04-31 10:00:00",
    "2027-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T24:00:00+01:00",
    "2026-01-01T25:00:00Z",
    "2026-01-01T10:60:00Z",
    "2026-01-01 10:60",
    "2026-13-01T10:00:00Z",
    "2026-01-00T10:00:00Z",
  ])("%s does not exist: no date", (v) => {
    expect(toDate(v)).toBeNull();
    expect(parseDate(v)).toBeNull();
    expect(isInstant(v)).toBe(false);
    expect(parseEvent(event(v))).toMatchObject({ ok: false, kind: "invalid" });
  });

  it("a leap day is read, with or without a zone", () => {
    expect(toDate("2028-02-29T10:00:00Z")?.toISOString()).toBe("2028-02-29T10:00:00.000Z");
    expect(toDate("2028-02-29T10:00:00+02:00")?.toISOString()).toBe("2028-02-29T08:00:00.000Z");
    expect(toDate("2028-02-29 10:00:00")?.toISOString()).toBe("2028-02-29T10:00:00.000Z");
    expect(toDate("2000-02-29")?.toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(toDate("2026-04-30T23:59:59Z")?.toISOString()).toBe("2026-04-30T23:59:59.000Z");
  });

  it("an expires_at of '1' is a malformed event, not a verification stored as expired in 2001", () => {
    const r = parseEvent(event("2026-11-24T12:00:00Z", "1"));
    expect(r).toMatchObject({ ok: false, kind: "invalid" });
    if (!r.ok && r.kind === "invalid") expect(r.message).toContain("expires_at: not a date: 1");
  });

  it("a number is still unix seconds or milliseconds, and a year Postgres cannot store is no date", () => {
    expect(parseDate(1_700_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseDate(1_700_000_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseDate(1e15)).toBeNull();
  });
});
