import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimError } from "../../simulator/errors";
import { applyListQuery } from "../../simulator/list-query";

const rows = [
  { id: 1, name: "Alpha, Inc", tz: "America/New_York", n: null },
  { id: 2, name: "beta", tz: "Europe/London", n: 5 },
  { id: 3, name: "Gamma", tz: "America/Denver", n: 2 },
];
const cols = ["id", "name", "tz", "n"] as const;
const run = (q: Parameters<typeof applyListQuery>[1]) => applyListQuery(rows, q, "things", cols, ["id", "n"]);

describe("simulator list controls", () => {
  it("reads the op as the last part, so values may contain commas when the op is given", () => {
    expect(run({ filter: ["name,Alpha, Inc,eq"] }).rows.map((r) => r.id)).toEqual([1]);
    expect(() => run({ filter: ["name,Alpha, Inc"] })).toThrow(/unknown operator "Inc"/);
  });

  it("compares numbers as numbers and sorts nulls last in both directions", () => {
    expect(run({ filter: ["n,3,lt"] }).rows.map((r) => r.id)).toEqual([3]);
    expect(run({ sort: "n" }).rows.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(run({ sort: "n", dir: "desc" }).rows.map((r) => r.id)).toEqual([2, 3, 1]);
    expect(run({ filter: ["n,null,eq"] }).rows.map((r) => r.id)).toEqual([1]);
  });

  it("counts matches before limit/offset", () => {
    const r = run({ filter: ["tz,^America,regex"], limit: 1, offset: 1 });
    expect(r.total).toBe(2);
    expect(r.rows.map((x) => x.id)).toEqual([3]);
  });

  it("never throws anything but a 400 SimError for any filter string", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 3 }),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (filter, sort, fields) => {
          try {
            run({ filter, sort: sort ?? undefined, fields: fields ?? undefined });
          } catch (e) {
            expect(e).toBeInstanceOf(SimError);
            expect((e as SimError).status).toBe(400);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
