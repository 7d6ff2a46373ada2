// The fast-check values a fuzz test sends: what an attacker or a broken form would put in a field, a query or a cell.
// One list, so the schema fuzz (tests/unit/fuzz-schemas.test.ts) and the action fuzz
// (tests/faults/bench-action-fuzz.test.ts) try the same edges; each adds the words its own inputs know.
import fc from "fast-check";

/** Strings at the edges of what a field's check draws: blanks, numbers as text, odd Unicode, injection. */
const EDGE_STRINGS = [
  "",
  " ",
  "0",
  "1",
  "-1",
  "1e309",
  "NaN",
  "null",
  "__proto__",
  "constructor",
  "a".repeat(10_000),
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\u0000",
  "😀",
  "+1 (555) 000-0000",
  "a@b.co",
  "UTC",
  "Mars/Phobos",
  "00000000-0000-0000-0000-000000000000",
];

/** Any string up to `maxLength`, or (as often) one of `edges`, the words the code under test may trip on. */
export function stringOrEdge(maxLength: number, edges: readonly string[]) {
  return fc.oneof(fc.string({ maxLength }), fc.constantFrom(...edges));
}

const EDGE_NUMBERS = [0, -0, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1];

/**
 * Any value a field may be sent: edge strings and numbers, wrong types, and `words` (ids, enum values
 * the caller's schemas accept), so some generated payloads get past validation to the code behind it.
 */
export function anyFieldValue(words: readonly string[] = []) {
  return fc.oneof(
    fc.anything(),
    fc.string({ maxLength: 300 }),
    fc.constantFrom(...EDGE_STRINGS, ...words),
    fc.integer({ min: -5, max: 5 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.bigInt(),
    fc.array(fc.anything(), { maxLength: 5 }),
    fc.constant(null),
    fc.constant(undefined),
  );
}
