import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { idFromPrefixed, normalizeDto, toDate, toId, toIso } from "../../lib/chekt/normalize";

describe("tolerant reader", () => {
  it("reads both date formats CHeKT sends", () => {
    expect(toIso("2025-01-01 00:00:00")).toBe("2025-01-01T00:00:00.000Z");
    expect(toIso("2024-03-27T12:34:56.000Z")).toBe("2024-03-27T12:34:56.000Z");
    expect(toIso("2024-03-27T12:34:56+09:00")).toBe("2024-03-27T03:34:56.000Z");
    expect(toIso("2025-06-30 23:59:59.5")).toBe("2025-06-30T23:59:59.500Z");
    expect(toDate("2025-02-30 00:00:00")).toBeNull();
    expect(toDate("2025-01-01 24:00:00")).toBeNull();
    expect(toDate("yesterday")).toBeNull();
    expect(toIso("yesterday")).toBe("yesterday");
    expect(toDate(1_700_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
  });

  it("any instant survives the space format round trip", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
          const spaced = whole.toISOString().replace("T", " ").slice(0, 19);
          expect(toDate(spaced)?.getTime()).toBe(whole.getTime());
        },
      ),
    );
  });

  it("reads IDs sent as strings and refuses what is not an integer", () => {
    expect(toId(42)).toBe(42);
    expect(toId("42")).toBe(42);
    expect(toId(" 7 ")).toBe(7);
    expect(toId("4.2")).toBeNull();
    expect(toId("dev_4")).toBeNull();
    expect(toId("")).toBeNull();
    expect(toId(1.5)).toBeNull();
    expect(idFromPrefixed("site_42", "site")).toBe(42);
    expect(idFromPrefixed("site_42", "dev")).toBeNull();
    expect(idFromPrefixed(9)).toBe(9);
  });

  it("normalizes a DTO deeply and keeps unknown fields and our external IDs as sent", () => {
    const raw = {
      site_id: "1",
      external_site_id: "1234567890",
      monitoring_station_id: "12345",
      external_monitoring_station_id: "12345",
      name: "Gangnam Headquarters",
      account_number: "1234567890",
      is_activated: "1",
      created_at: "2025-01-01 00:00:00",
      brand_new_field: { nested_id: "5", note: "kept" },
      devices: [{ device_id: "3", zone_number: "001", updated_at: "2021-07-01T00:00:00.000Z" }],
      verification_id: "6f1c3a1e-8d2b-4c1e-9a7f-1b2c3d4e5f60",
      id: "dev_9",
    };
    expect(normalizeDto(raw)).toEqual({
      site_id: 1,
      external_site_id: "1234567890",
      monitoring_station_id: 12345,
      external_monitoring_station_id: "12345",
      name: "Gangnam Headquarters",
      account_number: "1234567890",
      is_activated: 1,
      created_at: "2025-01-01T00:00:00.000Z",
      brand_new_field: { nested_id: 5, note: "kept" },
      devices: [{ device_id: 3, zone_number: "001", updated_at: "2021-07-01T00:00:00.000Z" }],
      verification_id: "6f1c3a1e-8d2b-4c1e-9a7f-1b2c3d4e5f60",
      id: "dev_9",
    });
    expect(normalizeDto({ deviceIds: ["1", 2] })).toEqual({ deviceIds: [1, 2] });
    expect(normalizeDto([{ dealer_id: "7" }])).toEqual([{ dealer_id: 7 }]);
    expect(normalizeDto(null)).toBeNull();
  });
});
