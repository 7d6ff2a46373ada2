import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createQuerySerializer } from "openapi-fetch";
import {
  FILTER_OPS,
  ListQueryError,
  listQueryParams,
  listQueryString,
  parseFilter,
  parseListQuery,
  type ListQuery,
} from "../../lib/chekt/list-query";
import { QUERY_SYNTAX } from "../support/query-syntax";

const ALLOWED_KEYS = new Set(["fields", "filter", "sort", "dir", "limit", "offset"]);

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
  it("builds the seed's example exactly", () => {
    expect(
      listQueryString({
        fields: ["site_id", "name", "timezone"],
        filter: [{ column: "is_activated", value: 1, op: "eq" }],
        sort: "created_at",
        dir: "desc",
        limit: 50,
        offset: 0,
      }),
    ).toBe("fields=site_id%2Cname%2Ctimezone&filter=is_activated%2C1%2Ceq&sort=created_at&dir=desc&limit=50&offset=0");
  });

  it("no filter value ever adds, drops or renames a query parameter (string builder)", () => {
    fc.assert(
      fc.property(query, (q) => {
        const sp = new URLSearchParams(listQueryString(q));
        for (const key of sp.keys()) expect(ALLOWED_KEYS.has(key)).toBe(true);
        expect(sp.getAll("filter")).toHaveLength(q.filter?.length ?? 0);
        expect(sp.getAll("limit")).toHaveLength(q.limit === undefined ? 0 : 1);
        // Round trip: what the server reads back is exactly what was asked.
        expect(parseListQuery(sp)).toEqual(
          Object.fromEntries(
            Object.entries({ ...q, filter: q.filter?.map((f) => ({ ...f, value: String(f.value) })) }).filter(
              ([, v]) => v !== undefined,
            ),
          ),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("no filter value injects a parameter through openapi-fetch's serializer either", () => {
    const serialize = createQuerySerializer();
    fc.assert(
      fc.property(fc.array(filter, { minLength: 1, maxLength: 5 }), (filters) => {
        const qs = serialize(listQueryParams({ filter: filters }));
        const sp = new URLSearchParams(qs);
        expect([...new Set(sp.keys())]).toEqual(["filter"]);
        const back = sp.getAll("filter").map(parseFilter);
        expect(back).toEqual(filters.map((f) => ({ column: f.column, value: String(f.value), op: f.op })));
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

  it("reads a filter whose value contains commas and one without an operator", () => {
    expect(parseFilter("name,a,b,c,regex")).toEqual({ column: "name", value: "a,b,c", op: "regex" });
    expect(parseFilter("name,Main St, Suite 5")).toEqual({ column: "name", value: "Main St, Suite 5", op: "eq" });
    expect(parseFilter("noComma")).toBeNull();
    expect(parseFilter("bad col,x,eq")).toBeNull();
  });

  it("parses hand-typed page URLs tolerantly", () => {
    expect(parseListQuery("?sort=name&dir=sideways&limit=abc&offset=20&filter=x")).toEqual({
      sort: "name",
      offset: 20,
    });
    expect(parseListQuery({ filter: ["name,a&b,eq", "timezone,Asia/Seoul,eq"], limit: "25" })).toEqual({
      filter: [
        { column: "name", value: "a&b", op: "eq" },
        { column: "timezone", value: "Asia/Seoul", op: "eq" },
      ],
      limit: 25,
    });
  });
});
