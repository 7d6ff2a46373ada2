// Fuzzing every zod schema a server action validates its input with (the modules the actions
// import from, globbed as a list below) and the paste parser: arbitrary values (fc.anything) and
// objects with the schema's own keys but arbitrary values must never make `safeParse` throw — an
// exception there would surface as a 500 instead of a field message. A refusal must come with at
// least one message, and an accepted value must parse again to the same result (no schema that
// accepts its own output only once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsePaste } from "@/lib/bulk/parse";
import { applyMapping, guessMapping } from "@/lib/bulk/mapping";
import { validateRows } from "@/lib/bulk/validate";
import { anyFieldValue, stringOrEdge } from "../support/fuzz-values";
import { keysOf } from "../support/zod-keys";
import { errorText } from "@/lib/error-text";

// Every module `grep -rl "inputSchema(" app lib` leads to (the action files import their schemas
// from these); a new schema exported from one of them is fuzzed without touching this file.
const MODULES = {
  "lib/schemas/site": () => import("@/lib/schemas/site"),
  "lib/schemas/contact": () => import("@/lib/schemas/contact"),
  "lib/schemas/station": () => import("@/lib/schemas/station"),
  "lib/schemas/dealer": () => import("@/lib/schemas/dealer"),
  "lib/schemas/arming": () => import("@/lib/schemas/arming"),
  "lib/schemas/site-list": () => import("@/lib/schemas/site-list"),
  "lib/verifications/schemas": () => import("@/lib/verifications/schemas"),
  "lib/settings/schemas": () => import("@/lib/settings/schemas"),
  "lib/users/schemas": () => import("@/lib/users/schemas"),
  "lib/drift/schemas": () => import("@/lib/drift/schemas"),
  "lib/bulk/schemas": () => import("@/lib/bulk/schemas"),
};

type AnySchema = z.ZodType;
const isSchema = (v: unknown): v is AnySchema =>
  typeof v === "object" && v !== null && typeof (v as AnySchema).safeParse === "function" && "_zod" in (v as object);

const fieldValue = anyFieldValue();

function keyedObject(keys: string[]) {
  return fc.record(Object.fromEntries(keys.map((k) => [k, fieldValue])), { requiredKeys: [] }).chain((o) =>
    // Sometimes an extra key nobody asked for, including prototype-polluting names.
    fc
      .option(fc.tuple(fc.constantFrom("__proto__", "constructor", "extra", "role", "dealerLinkId"), fieldValue), {
        nil: null,
      })
      .map((extra) => {
        const out: Record<string, unknown> = { ...o };
        if (extra)
          Object.defineProperty(out, extra[0], {
            value: extra[1],
            enumerable: true,
            configurable: true,
            writable: true,
          });
        return out;
      }),
  );
}

function checkOne(schema: AnySchema, input: unknown) {
  let result: ReturnType<AnySchema["safeParse"]>;
  try {
    result = schema.safeParse(input);
  } catch (e) {
    throw new Error(`safeParse threw on ${safeShow(input)}: ${errorText(e)}`);
  }
  if (!result.success) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    return;
  }
  // Parsing what it produced again must work too (the form re-submits the parsed value).
  const again = schema.safeParse(result.data);
  if (!again.success) throw new Error(`parsed value of ${safeShow(input)} is refused: ${again.error.message}`);
  expect(again.data).toEqual(result.data);
}

function safeShow(v: unknown) {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x))?.slice(0, 300);
  } catch {
    return String(v);
  }
}

describe("fuzz: server-action input schemas", async () => {
  const found: Array<{ name: string; schema: AnySchema; keys: string[] }> = [];
  for (const [mod, load] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(await load())) {
      if (isSchema(value)) found.push({ name: `${mod}#${name}`, schema: value, keys: keysOf(value) });
    }
  }

  it("finds the schemas (the list is not empty)", () => {
    expect(found.length).toBeGreaterThan(25);
  });

  for (const { name, schema, keys } of found) {
    it(`${name}: arbitrary input never throws`, () => {
      fc.assert(
        fc.property(
          fc.anything({
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withNullPrototype: true,
            withTypedArray: true,
            withSparseArray: true,
          }),
          (input) => checkOne(schema, input),
        ),
        { numRuns: 150 },
      );
    });
    if (keys.length) {
      it(`${name}: its own keys with arbitrary values never throw`, () => {
        fc.assert(
          fc.property(keyedObject(keys), (input) => checkOne(schema, input)),
          { numRuns: 250 },
        );
      });
    }
  }
});

describe("fuzz: paste parser and row validation", () => {
  const cell = stringOrEdge(40, [
    "camera",
    "bridge",
    "",
    '"',
    '""',
    "\t",
    ",",
    ";",
    "0",
    "65",
    "AA:BB:CC:DD:EE:FF",
    "aa-bb-cc-dd-ee-f",
    "=cmd|' /C calc'!A0",
  ]);
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { minLength: 0, maxLength: 40 });
  const text = fc.oneof(
    fc.string({ maxLength: 2000 }),
    fc
      .tuple(table, fc.constantFrom("\t", ",", ";"), fc.constantFrom("\n", "\r\n", "\r"))
      .map(([rows, sep, nl]) => rows.map((r) => r.join(sep)).join(nl)),
  );

  it("any pasted text parses, maps and validates without throwing, one result row per data row", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("create" as const, "update" as const), (t, mode) => {
        const p = parsePaste(t);
        const mapped = applyMapping(p.rows, guessMapping(p.rows, p.headerDetected), p.headerDetected);
        const rows = validateRows(mapped, { mode, existingExternalIds: new Set(["cam-1"]) });
        expect(rows.length).toBe(mapped.length);
      }),
      { numRuns: 400 },
    );
  });
});
