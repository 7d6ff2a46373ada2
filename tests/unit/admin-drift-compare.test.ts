import { describe, expect, it } from "vitest";
import { compareMappings, type ChektObject, type MappingRow } from "@/lib/drift/compare";

const m = (
  id: string,
  kind: MappingRow["kind"],
  chektId: string,
  externalId: string,
  parent: string | null = null,
): MappingRow => ({ id, kind, chektId, externalId, parentChektId: parent });
const o = (
  kind: ChektObject["kind"],
  chektId: string,
  externalId: string | null,
  parent: string | null = null,
): ChektObject => ({ kind, chektId, externalId, parentChektId: parent, name: `${kind} ${chektId}` });

describe("compareMappings", () => {
  it("reports nothing when both sides agree", () => {
    const r = compareMappings(
      [m("1", "site", "10", "s-10"), m("2", "device", "7", "d-7", "10")],
      [o("site", "10", "s-10"), o("device", "7", "d-7", "10")],
      new Set(["10"]),
    );
    expect(r.issues).toEqual([]);
    expect(r.counts.site).toEqual({ mapped: 1, chekt: 1, inSync: 1 });
    expect(r.counts.device).toEqual({ mapped: 1, chekt: 1, inSync: 1 });
  });

  it("finds each kind of drift", () => {
    const r = compareMappings(
      [
        m("gone", "site", "11", "s-11"),
        m("mism", "site", "12", "ours-12"),
        m("recreated", "monitoring_station", "5", "ms-5"),
      ],
      [o("site", "12", "theirs-12"), o("site", "13", "s-13"), o("monitoring_station", "6", "ms-5")],
      new Set(),
    );
    expect(
      r.issues.map((i) => [i.type, i.kind, i.type === "missing_locally" ? i.object.chektId : i.mapping.id]),
    ).toEqual([
      ["missing_in_chekt", "site", "gone"],
      ["external_id_mismatch", "site", "mism"],
      ["missing_in_chekt", "monitoring_station", "recreated"],
      ["missing_locally", "site", "13"],
    ]);
    const recreated = r.issues[2];
    expect(recreated.type === "missing_in_chekt" && recreated.sameExternal?.chektId).toBe("6");
  });

  it("does not judge children of a site that could not be listed", () => {
    const r = compareMappings([m("c", "contact", "3", "c-3", "99")], [], new Set());
    expect(r.issues).toEqual([]);
    const covered = compareMappings([m("c", "contact", "3", "c-3", "99")], [], new Set(["99"]));
    expect(covered.issues.map((i) => i.type)).toEqual(["missing_in_chekt"]);
  });

  it("treats a CHeKT object without an external id as in sync with its mapping", () => {
    expect(
      compareMappings([m("1", "device", "7", "d-7", "10")], [o("device", "7", null, "10")], new Set(["10"])).issues,
    ).toEqual([]);
  });
});
