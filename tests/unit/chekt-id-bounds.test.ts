// One range for a CHeKT id (lib/schemas/fields.ts: 1 to MAX_CHEKT_ID, the mirror's integer columns):
// the forms' and actions' schemas refuse a larger one with a clear message, and the list pages' URL
// filters (fleet ?site=, sites ?station=, history ?site=) refuse it like any other bad value, so it
// falls back to "any" instead of reaching SQL, where Postgres fails on it (22003, a 500).
import { describe, expect, it } from "vitest";
import { deleteDevicesInput } from "@/lib/bulk/schemas";
import { relinkSchema } from "@/lib/drift/schemas";
import { fleetList } from "@/lib/fleet/list-state";
import { importPayloadSchema } from "@/lib/import/jobs";
import { mirrorTargetSchema } from "@/lib/mirror/targets";
import { chektId, chektIdNumber, isChektId, isChektIdText, MAX_CHEKT_ID, optionalChektId } from "@/lib/schemas/fields";
import { siteList } from "@/lib/schemas/site-list";
import { historyList, parseHistoryParams } from "@/lib/verifications/history-filter";
import { checklistSchema } from "@/lib/verifications/outcomes-schemas";
import { directionsSchema } from "@/lib/verifications/schemas";

const TOO_LARGE = ["2147483648", "999999999999", "99999999999999999999"];
const NOT_IDS = ["0", "-1", "12a", "1e3", "0x10", "1.5"];

describe("the CHeKT id range", () => {
  it("is 1 to 2147483647 (Postgres integer), for numbers and for digits", () => {
    expect(MAX_CHEKT_ID).toBe(2_147_483_647);
    for (const ok of [1, 42, MAX_CHEKT_ID]) {
      expect(isChektId(ok), String(ok)).toBe(true);
      expect(isChektIdText(String(ok)), String(ok)).toBe(true);
    }
    for (const bad of [0, -1, 1.5, MAX_CHEKT_ID + 1, Number.NaN, Infinity])
      expect(isChektId(bad), String(bad)).toBe(false);
    for (const bad of [...TOO_LARGE, ...NOT_IDS, "", " "]) expect(isChektIdText(bad), bad).toBe(false);
  });

  it("a form's or action's id field refuses a larger one, saying so", () => {
    const site = chektId("Site");
    expect(site.parse("2147483647")).toBe(MAX_CHEKT_ID);
    expect(site.parse(12)).toBe(12);
    for (const raw of [...TOO_LARGE, MAX_CHEKT_ID + 1]) {
      const r = site.safeParse(raw);
      expect(r.success, String(raw)).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("Site must be a CHeKT ID (at most 2147483647)");
    }
    // The other refusals keep their words.
    expect(site.safeParse("12a").error?.issues[0]?.message).toBe("Site must be a number");
    expect(site.safeParse(0).error?.issues[0]?.message).toBe("Site must be positive");
    const station = optionalChektId("Monitoring station");
    expect(station.parse("")).toBeUndefined();
    expect(station.parse("7")).toBe(7);
    expect(station.safeParse("2147483648").error?.issues[0]?.message).toBe(
      "Monitoring station must be chosen from the list",
    );
  });

  it("JSON ids (refresh targets, checklists, directions) are held to the same bound", () => {
    expect(chektIdNumber().safeParse(MAX_CHEKT_ID).success).toBe(true);
    expect(chektIdNumber().safeParse(MAX_CHEKT_ID + 1).success).toBe(false);
    expect(mirrorTargetSchema.safeParse({ kind: "site", chektId: MAX_CHEKT_ID + 1 }).success).toBe(false);
    expect(mirrorTargetSchema.safeParse({ kind: "site", chektId: MAX_CHEKT_ID }).success).toBe(true);
    const steps = { mode: "own", steps: [] };
    expect(checklistSchema.safeParse({ ...steps, siteId: MAX_CHEKT_ID + 1 }).success).toBe(false);
    expect(checklistSchema.safeParse({ ...steps, siteId: MAX_CHEKT_ID }).success).toBe(true);
    const big = directionsSchema.safeParse({ siteId: "2147483648", text: "" });
    expect(big.error?.issues[0]?.message).toBe("Site ID must be a CHeKT ID (at most 2147483647)");
    expect(directionsSchema.safeParse({ siteId: "2147483647", text: "" }).success).toBe(true);
  });

  it("drift links, bulk device jobs and a site import's stored payload too", () => {
    const relink = relinkSchema.safeParse({ dealerLinkId: "d1", mappingId: "m1", chektId: "2147483648" });
    expect(relink.error?.issues[0]?.message).toBe("The CHeKT ID must be a CHeKT ID (at most 2147483647)");
    expect(relinkSchema.safeParse({ dealerLinkId: "d1", mappingId: "m1", chektId: "2147483647" }).success).toBe(true);
    const remove = (siteId: unknown, id: number) => deleteDevicesInput.safeParse({ siteId, deviceIds: [id] }).success;
    expect([remove(1, MAX_CHEKT_ID), remove(1, MAX_CHEKT_ID + 1), remove("2147483648", 1)]).toEqual([
      true,
      false,
      false,
    ]);
    const payload = {
      site: { external_site_id: "s-1", name: "S", timezone: "UTC" },
      contacts: [],
      securityType: null,
      keys: { site: "k", contacts: [], arming: "a" },
    };
    expect(importPayloadSchema.safeParse({ ...payload, existingSiteId: MAX_CHEKT_ID }).success).toBe(true);
    expect(importPayloadSchema.safeParse({ ...payload, existingSiteId: MAX_CHEKT_ID + 1 }).success).toBe(false);
  });
});

describe("a list page's CHeKT id filter refuses an id past the range like any other bad value", () => {
  // Each list with the id filter's key and how its parsed state reads that filter.
  const lists = [
    ["fleet ?site=", fleetList, "site", (raw: string) => fleetList.parse({ site: raw }).site],
    ["sites ?station=", siteList, "station", (raw: string) => siteList.parse({ station: raw }).station],
    ["history ?site=", historyList, "site", (raw: string) => historyList.parse({ site: raw }).site],
  ] as const;

  it.each(lists)("%s", (_, list, key, filterOf) => {
    expect(filterOf("2147483647")).toBe("2147483647");
    expect(filterOf(" 12 ")).toBe("12");
    for (const raw of [...TOO_LARGE, ...NOT_IDS, "1; drop table"]) {
      expect(list.parse({ [key]: raw }), raw).toEqual(list.defaults);
      expect(list.refused({ [key]: raw }), raw).toEqual([{ key, raw }]);
    }
  });

  it("history names the refused site and lists every site", () => {
    const r = parseHistoryParams({ site: "999999999999" });
    expect(r.filter.siteId).toBeUndefined();
    expect(r.errors).toEqual(['Site "999999999999" is not a site ID.']);
  });
});
