/**
 * Fuzzing the list-filter builder end to end: sites named with query syntax (& = , # % + newlines,
 * unicode…) are created in the simulator, then found again through `filter=name,<value>,<op>` built
 * by lib/chekt/list-query. If any value could inject or split a query parameter, the simulator
 * would answer with the wrong rows, a 400, or a 500. Expected answers are computed locally from the
 * dealer's full site list.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DEMO } from "../../simulator/seed";
import { createChektClient, type ChektClient } from "../../lib/chekt/client";
import { ChektError } from "../../lib/chekt/errors";
import { FILTER_OPS, listQueryParams, type FilterOp } from "../../lib/chekt/list-query";
import { QUERY_SYNTAX } from "../support/query-syntax";

let sim: RunningSimulator;
let c: ChektClient;
const DEALER = DEMO.dealers.northwind.id;
let names: string[] = [];
let utcNames: string[] = [];

// The shared pieces and more: an encoded comma, a tab, a backslash, a whole filter, quotes, markup, unicode, regex.
const nastyPiece = fc.constantFrom(
  ...QUERY_SYNTAX,
  "%2C",
  "\t",
  "\\",
  "&filter=name,a,eq",
  "'",
  '"',
  "<b>",
  "é",
  "日本",
  "🙂",
  ".*",
  "(",
  ")",
);
const nastyName = fc
  .array(fc.oneof(nastyPiece, fc.string({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(""))
  .filter((s) => s.trim().length > 0 && s.length <= 120 && s !== "null");

async function listNames(query: Parameters<typeof listQueryParams>[0]) {
  const r = await c.request("GET", "/partner/v1/dealers/{dealerId}/sites", {
    params: { path: { dealerId: DEALER }, query: listQueryParams(query) },
  });
  return { names: (r.data as Array<{ name: string }>).map((s) => s.name), total: r.totalCount };
}

function expected(op: FilterOp, value: string): string[] | "bad regex" {
  if (op === "regex") {
    if (value.length > 200) return "bad regex";
    let re: RegExp;
    try {
      re = new RegExp(value);
    } catch {
      return "bad regex";
    }
    return names.filter((n) => re.test(n));
  }
  const cmp = (n: string) => (n < value ? -1 : n > value ? 1 : 0);
  const keep = {
    eq: (x: number) => x === 0,
    neq: (x: number) => x !== 0,
    lt: (x: number) => x < 0,
    lte: (x: number) => x <= 0,
    gt: (x: number) => x > 0,
    gte: (x: number) => x >= 0,
  }[op];
  return names.filter((n) => keep(cmp(n)));
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: "demo",
    config: { rateLimitPerMin: 1_000_000, rateLimitBurstPerS: 100_000 },
  });
  c = createChektClient({
    baseUrl: sim.url,
    auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
    timeoutMs: 5_000,
  });
  // Sites whose names are full of query syntax, created through the client itself.
  for (const name of fc.sample(nastyName, { numRuns: 40, seed: 20261124 })) {
    await c.request("POST", "/partner/v1/dealers/{dealerId}/sites", {
      params: { path: { dealerId: DEALER } },
      body: { external_site_id: `fuzz-${randomUUID()}`, name, timezone: "UTC" },
    });
  }
  const all = await c.request("GET", "/partner/v1/dealers/{dealerId}/sites", {
    params: { path: { dealerId: DEALER }, query: listQueryParams({ limit: 1000 }) },
  });
  const sites = all.data as Array<{ name: string; timezone?: string | null }>;
  names = sites.map((s) => s.name);
  utcNames = sites.filter((s) => s.timezone === "UTC").map((s) => s.name);
  expect(names.length).toBeGreaterThanOrEqual(43);
});
afterAll(() => sim?.close());

describe("list filter fuzzing against the simulator", () => {
  it("every stored name is found again by an eq filter, exactly, alone and combined with a second filter", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names.filter((n) => n !== "null")), async (name) => {
        const want = names.filter((n) => n === name).length;
        const one = await listNames({ filter: [{ column: "name", value: name, op: "eq" }] });
        expect(one.total).toBe(want);
        expect(one.names).toEqual(Array(want).fill(name));
        const two = await listNames({
          filter: [
            { column: "name", value: name, op: "eq" },
            { column: "timezone", value: "UTC", op: "eq" },
          ],
          fields: ["site_id", "name"],
        });
        // Every site of that name in UTC, no other: an empty answer would pass an every() check.
        expect(two.names).toEqual(Array(utcNames.filter((n) => n === name).length).fill(name));
      }),
      { numRuns: 60 },
    );
  });

  it("any value and operator: the expected rows, or a 400 naming a bad regex's filter; never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nastyName, fc.string({ maxLength: 20 }), fc.constantFrom(...names)).filter((v) => v !== "null"),
        fc.constantFrom(...FILTER_OPS),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        async (value, op, limit, offset) => {
          const want = expected(op, value);
          try {
            const got = await listNames({ filter: [{ column: "name", value, op }], sort: "site_id", limit, offset });
            expect(want).not.toBe("bad regex");
            const rows = want as string[];
            expect(got.total).toBe(rows.length);
            expect(got.names.length).toBe(Math.max(0, Math.min(limit, rows.length - offset)));
            for (const n of got.names) expect(rows).toContain(n);
          } catch (e) {
            if (!(e instanceof ChektError)) throw e;
            expect(e.kind, `${op} "${value}" → ${e.status} ${e.message}`).toBe("validation");
            expect(want).toBe("bad regex");
            expect(e.fieldErrors).toHaveProperty("filter");
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
