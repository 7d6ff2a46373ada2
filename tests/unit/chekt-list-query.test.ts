import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createQuerySerializer } from "openapi-fetch";
import { FILTER_OPS, ListQueryError, listQueryParams, type ListQuery } from "../../lib/chekt/list-query";
import { QUERY_SYNTAX } from "../support/query-syntax";

const ALLOWED_KEYS = new Set(["fields", "filter", "sort", "dir", "limit", "offset"]);
// How the client sends a list query: openapi-fetch's default serializer (lib/chekt/loose-api.ts sets no other).
const serialize = createQuerySerializer();

const column = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}(\.[A-Za-z_][A-Za-z0-9_]{0,10})?$/);
// Values deliberately full of query syntax: & = , # ? + % newlines, unicode, lone surrogates excluded.
const nasty = fc.constantFrom(...QUERY_SYNTAX);
const value = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 3 })), { maxLength: 8 }).map((a) => a.join("")),
  fc.integer().map(String),
);
const filter = fc.record({ column, value, op: fc.constantFrom(...FILTER_OPS) });
const query: fc.Arbitrary<ListQuery> = fc.record(
  {
    fields: fc.array(column, { minLength: 1, maxLength: 4 }),
    filter: fc.array(filter, { minLength: 1, maxLength: 5 }),
    sort: column,
    dir: fc.constantFrom("asc" as const, "desc" as const),
    limit: fc.integer({ min: 1, max: 10_000 }),
    offset: fc.integer({ min: 0, max: 1_000_000 }),
  },
  { requiredKeys: [] },
);

describe("list query builder", () => {
  it("sends the seed's example exactly", () => {
    expect(
      serialize(
        listQueryParams({
          fields: ["site_id", "name", "timezone"],
          filter: [{ column: "is_activated", value: 1, op: "eq" }],
          sort: "created_at",
          dir: "desc",
          limit: 50,
          offset: 0,
        }),
      ),
    ).toBe("fields=site_id%2Cname%2Ctimezone&filter=is_activated%2C1%2Ceq&sort=created_at&dir=desc&limit=50&offset=0");
  });

  it("no filter value ever adds, drops or renames a query parameter, and each arrives whole", () => {
    fc.assert(
      fc.property(query, (q) => {
        const sp = new URLSearchParams(serialize(listQueryParams(q)));
        for (const key of sp.keys()) expect(ALLOWED_KEYS.has(key)).toBe(true);
        expect(sp.getAll("limit")).toHaveLength(q.limit === undefined ? 0 : 1);
        // What CHeKT reads is `column,value,op` exactly as written, the operator always last.
        expect(sp.getAll("filter")).toEqual((q.filter ?? []).map((f) => `${f.column},${String(f.value)},${f.op}`));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a column that could change the query's shape, naming the control", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => /[^A-Za-z0-9_.]/.test(s)),
        (bad) => {
          expect(() => listQueryParams({ filter: [{ column: bad, value: "x" }] })).toThrow(ListQueryError);
          expect(() => listQueryParams({ sort: bad })).toThrow(/sort/);
          expect(() => listQueryParams({ fields: ["ok", bad] })).toThrow(/fields/);
        },
      ),
    );
  });

  it("refuses bad numbers, operators and directions with a message naming them", () => {
    expect(() => listQueryParams({ limit: 0 })).toThrow(/limit must be a whole number ≥ 1/);
    expect(() => listQueryParams({ limit: 1.5 })).toThrow(/limit/);
    expect(() => listQueryParams({ offset: -1 })).toThrow(/offset/);
    expect(() => listQueryParams({ filter: [{ column: "a", value: Number.NaN }] })).toThrow(/finite number/);
    expect(() => listQueryParams({ filter: [{ column: "a", value: "x", op: "like" as never }] })).toThrow(
      /unknown operator "like"/,
    );
    expect(() => listQueryParams({ dir: "up" as never })).toThrow(/dir must be asc or desc/);
  });
});
