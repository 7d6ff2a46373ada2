import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findTimeZones, zoneLabel, zoneOffset } from "@/lib/time-zone-search";
import { isValidTimeZone } from "@/lib/schemas/timezones";

const zones = (q: string) => findTimeZones(q).map((m) => m.zone);

describe("time-zone search by place", () => {
  it("finds a zone by its city, however it is written", () => {
    expect(zones("New York")[0]).toBe("America/New_York");
    expect(zones("new york")[0]).toBe("America/New_York");
    expect(zones("  NEW   YORK ")[0]).toBe("America/New_York");
    expect(zones("seoul")).toEqual(["Asia/Seoul"]);
    expect(zones("São Paulo")[0]).toBe("America/Sao_Paulo");
  });
  it("finds zones by country name and its usual short names", () => {
    expect(findTimeZones("Germany")[0]).toEqual({ zone: "Europe/Berlin", place: "Germany" });
    expect(findTimeZones("UK")[0]).toEqual({ zone: "Europe/London", place: "UK" });
    expect(zones("United Kingdom")[0]).toBe("Europe/London");
    expect(zones("korea")[0]).toBe("Asia/Seoul");
    expect(zones("USA")).toEqual(
      expect.arrayContaining(["America/New_York", "America/Chicago", "America/Los_Angeles"]),
    );
  });
  it("finds cities that share another city's zone", () => {
    expect(findTimeZones("San Francisco")[0]).toEqual({ zone: "America/Los_Angeles", place: "San Francisco" });
    expect(zones("Busan")[0]).toBe("Asia/Seoul");
    expect(zones("Munich")[0]).toBe("Europe/Berlin");
  });
  it("answers India with the spelling this engine lists, which the server accepts", () => {
    const [india] = zones("India");
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(india);
    expect(isValidTimeZone(india)).toBe(true);
  });
  it("completes a place from its first letters, before zones that only contain them", () => {
    expect(zones("germ")[0]).toBe("Europe/Berlin");
    expect(zones("tor")[0]).toBe("America/Toronto");
  });
  it("lists nothing for an empty or unknown query", () => {
    expect(findTimeZones("")).toEqual([]);
    expect(findTimeZones("   ")).toEqual([]);
    expect(findTimeZones("zzzz")).toEqual([]);
  });
  it("keeps to the limit and never repeats a zone", () => {
    const many = findTimeZones("america", 8);
    expect(many).toHaveLength(8);
    expect(new Set(many.map((m) => m.zone)).size).toBe(8);
  });
  it("only ever proposes zones the server accepts, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (q) => {
        for (const m of findTimeZones(q)) expect(isValidTimeZone(m.zone)).toBe(true);
      }),
    );
  });
  it("labels a zone by its place and its offset at a given moment", () => {
    expect(zoneLabel("America/Argentina/Buenos_Aires")).toBe("Buenos Aires, Argentina, America");
    expect(zoneLabel("UTC")).toBe("UTC");
    expect(zoneOffset("Asia/Seoul", new Date("2026-01-15T00:00:00Z"))).toBe("GMT+9");
    expect(zoneOffset("America/New_York", new Date("2026-01-15T00:00:00Z"))).toBe("GMT-5");
    expect(zoneOffset("America/New_York", new Date("2026-07-15T00:00:00Z"))).toBe("GMT-4");
  });
});
