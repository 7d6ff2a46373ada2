// The site form's zone picker and the site import read one place table (lib/time-zone-places.ts): a name
// the picker resolves to one zone is that zone in a sheet, and a name with several zones is refused by
// the import with the zones it could mean, all of which the picker offers.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { zoneFor, zoneProblem } from "@/lib/import/zone-names";
import { isValidTimeZone, timeZones } from "@/lib/schemas/timezones";
import { placeKey, placesByKey } from "@/lib/time-zone-places";
import { findTimeZones } from "@/lib/time-zone-search";
import { expectMaps } from "../support/expect-maps";

const places = [...placesByKey().values()];
const single = places.filter((p) => p.zones.length === 1);
const several = places.filter((p) => p.zones.length > 1);
const picked = (q: string) => findTimeZones(q).map((m) => m.zone);
const pickedFirst = (q: string) => picked(q)[0];

/** A place name as a sheet or a user might write it: any case, spaces or underscores, an accent. */
const written = fc
  .tuple(fc.constantFrom(...places), fc.constantFrom("upper", "lower", "snake", "padded"))
  .map(([place, how]) => {
    const text = { upper: place.name.toUpperCase(), lower: place.name.toLowerCase(), snake: "", padded: "" };
    text.snake = place.name.replace(/ /g, "_");
    text.padded = `  ${place.name.replace(/ /g, "   ")} `;
    return { place, text: text[how] };
  });

describe("one place table for the zone picker and the site import", () => {
  it("has one entry per name as typed, and only zones the server accepts", () => {
    expect(places.length).toBeGreaterThan(140);
    for (const p of places) {
      expect(p.key).toBe(placeKey(p.name));
      for (const z of p.zones) expect(isValidTimeZone(z)).toBe(true);
    }
  });

  it("a name the picker resolves to one zone is that zone in a sheet, however it is written", () => {
    for (const p of single) {
      expect(findTimeZones(p.name)[0]).toEqual({ zone: p.zones[0], place: p.name });
      expect(zoneFor(p.name)).toBe(p.zones[0]);
      expect(zoneProblem(p.name)).toBeNull();
    }
    fc.assert(
      fc.property(written, ({ place, text }) => {
        expect(picked(text).slice(0, place.zones.length)).toEqual(place.zones);
        expect(zoneFor(text)).toBe(place.zones.length === 1 ? place.zones[0] : null);
      }),
    );
  });

  it("a name with several zones: the picker offers each, the import names them and does not guess", () => {
    expect(several.length).toBeGreaterThan(5);
    for (const p of several) {
      expect(picked(p.name).slice(0, p.zones.length)).toEqual(p.zones);
      expect(zoneFor(p.name)).toBeNull();
      const problem = zoneProblem(p.name) ?? "";
      for (const z of p.zones) expect(problem).toContain(z);
    }
    expect(zoneProblem("USA")).toMatch(/^Time zone "USA" has 7 zones \(America\/New_York, America\/Chicago, /);
    expect(zoneProblem("Atlantis")).toBe(
      'Time zone "Atlantis" is neither a zone nor a city we know (e.g. America/New_York or New York)',
    );
  });

  it("reads every IANA zone, in any case, in both", () => {
    for (const zone of timeZones()) {
      expect(zoneFor(zone)).toBe(zone);
      expect(zoneFor(zone.toLowerCase())).toBe(zone);
      expect(picked(zone)).toContain(zone);
    }
  });

  it("the names the two used to disagree on", () => {
    const india = zoneFor("India");
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(india);
    expectMaps(
      [zoneFor, pickedFirst],
      [
        ["Mumbai", india],
        ["Bombay", india],
        ["Philadelphia", "America/New_York"],
        ["Munich", "Europe/Berlin"],
        ["Central time", "America/Chicago"],
        ["Pacific Time", "America/Los_Angeles"],
        ["Busan", "Asia/Seoul"],
        ["Washington DC", "America/New_York"],
        ["Washington, D.C.", "America/New_York"],
        ["EST", "America/New_York"],
        ["São Paulo", "America/Sao_Paulo"],
        ["Zürich", "Europe/Zurich"],
        ["St. Petersburg", "Europe/Moscow"],
      ],
    );
    // The state of Washington is on Pacific time, its capital on Eastern; "USA" has seven zones.
    expect(zoneFor("Washington")).toBeNull();
    expect(picked("Washington").slice(0, 2)).toEqual(["America/New_York", "America/Los_Angeles"]);
    expect(zoneFor("USA")).toBeNull();
    expect(picked("USA")).toEqual(expect.arrayContaining(["America/New_York", "America/Chicago"]));
  });
});
