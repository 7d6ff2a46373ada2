// isValidTimeZone (lib/schemas/timezones.ts): an IANA name exactly as IANA spells it. The engine reads
// zone names in any case, so "america/new_york" and "AMERICA/NEW_YORK" format fine and must still be
// refused: CHeKT stores the zone as sent, and the site form, the list filter and the import all ask this rule.
import { describe, expect, it } from "vitest";
import { isValidTimeZone, timeZones } from "@/lib/schemas/timezones";

describe("isValidTimeZone: IANA names in IANA's case", () => {
  it("takes every zone the engine lists, UTC, and well-formed aliases", () => {
    expect(timeZones().every(isValidTimeZone)).toBe(true);
    for (const ok of ["America/New_York", "UTC", "Etc/GMT+5", "Asia/Kolkata", "Asia/Calcutta", "US/Eastern"])
      expect(isValidTimeZone(ok), ok).toBe(true);
    for (const ok of ["America/Argentina/Buenos_Aires", "Antarctica/DumontDUrville", "America/Port-au-Prince"])
      expect(isValidTimeZone(ok), ok).toBe(true);
  });

  it("refuses a name in any other case, listed zone or alias", () => {
    for (const bad of [
      "america/new_york",
      "AMERICA/NEW_YORK",
      "America/NEW_YORK",
      "America/new_York",
      "etc/gmt+5",
      "antarctica/dumontdurville",
      "asia/kolkata",
      "ASIA/KOLKATA",
      "Asia/KOLKATA",
      "us/eastern",
      "america/argentina/buenos_aires",
    ])
      expect(isValidTimeZone(bad), bad).toBe(false);
  });
});
