/**
 * Field rules the CHeKT contract sets, written once (lib/chekt/contract-lists.ts) and read by the
 * forms, the import's fast path and the simulator alike: the longest email and an API key's shape.
 * Also the one external-ID rule (lib/external-id.ts) the forms, the import and the generator share.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { API_KEY_PATTERN, EMAIL_MAX_LENGTH } from "@/lib/chekt/contract-lists";
import { createContactSchema } from "@/lib/schemas/contact";
import { externalId } from "@/lib/schemas/fields";
import { fastContact } from "@/lib/import/fast-check";
import { patternProblem } from "@/lib/import/id-pattern";
import { setDealerSecretsSchema } from "@/lib/settings/schemas";
import { newApiKey } from "@/simulator/sim";
import { EXTERNAL_ID_MAX, generateExternalId, isExternalId } from "@/lib/external-id";

const doc = YAML.parse(fs.readFileSync(path.resolve(__dirname, "../../lib/chekt/openapi.yaml"), "utf8"));

/** Every `format: email` property of the contract's schemas, with its maxLength. */
function emailFields(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, schema] of Object.entries<{ properties?: Record<string, { format?: string; maxLength?: number }> }>(
    doc.components.schemas,
  )) {
    for (const [field, p] of Object.entries(schema.properties ?? {}))
      if (p.format === "email") out.push([`${name}.${field}`, p.maxLength]);
  }
  return out;
}

const email = (length: number) => `${"a".repeat(length - "@example.com".length)}@example.com`;
const contact = (mail: string) => ({ external_contact_id: "C-1", first_name: "Ann", last_name: "Lee", email: mail });

describe("the longest email", () => {
  it("is the contract's maxLength of every email field", () => {
    const fields = emailFields();
    expect(fields.length).toBeGreaterThanOrEqual(3);
    for (const [field, max] of fields) expect(max, field).toBe(EMAIL_MAX_LENGTH);
  });

  it("the contact form and the import's fast path take 200 characters and refuse 201 or 209", () => {
    expect(createContactSchema.safeParse(contact(email(200))).success).toBe(true);
    expect(fastContact({ ...contact(email(200)), phone_number: "" })?.email).toBe(email(200));
    for (const n of [201, 209]) {
      expect(createContactSchema.safeParse(contact(email(n))).success, String(n)).toBe(false);
      expect(fastContact({ ...contact(email(n)), phone_number: "" }), String(n)).toBeNull();
    }
  });
});

describe("an API key's shape", () => {
  const key = (tail: string) => `chekt_test_${tail}`;
  const accepts = (k: string) => setDealerSecretsSchema.safeParse({ dealerLinkId: "d", apiKey: k }).success;

  it("is chekt_live_ or chekt_test_ and 32 characters or more, token characters after the prefix", () => {
    expect(API_KEY_PATTERN.test(key("a".repeat(21)))).toBe(true);
    expect(API_KEY_PATTERN.test(`chekt_live_${"7".repeat(30)}`)).toBe(true);
    expect(API_KEY_PATTERN.test(key(`${"a".repeat(10)}_${"b".repeat(5)}-${"c".repeat(4)}`))).toBe(true);
    for (const bad of [
      key("a".repeat(20)),
      key(`${"a".repeat(10)} ${"b".repeat(10)}`),
      key(`${"a".repeat(21)}\n`),
      `sk_live_${"a".repeat(30)}`,
    ])
      expect(API_KEY_PATTERN.test(bad), bad).toBe(false);
  });

  it("the Settings form takes exactly the keys the simulator takes, and the keys it makes", () => {
    for (const k of [key("a".repeat(20)), key("a".repeat(21)), key(`${"a".repeat(10)} ${"b".repeat(11)}`)])
      expect(accepts(k), k).toBe(API_KEY_PATTERN.test(k));
    for (const mode of ["live", "test"] as const) expect(accepts(newApiKey(mode))).toBe(true);
  });
});

describe("an external ID's characters and length", () => {
  const cases = ["S-1", "a", "-S", ".a", "S/1", "S 1", "S:1.x_y-z", "x".repeat(64), "x".repeat(65), "Ö-1"];

  it("the forms' schema, the import's pattern check and isExternalId agree", () => {
    const schema = externalId("ID");
    for (const c of cases) {
      expect(schema.safeParse(c).success, c).toBe(isExternalId(c));
      // A pattern without braces is its own literal ID text (its 48-character cap aside).
      if (c.length <= 48) expect(patternProblem(`${c}{seq}`) === null, c).toBe(isExternalId(c));
    }
    expect(EXTERNAL_ID_MAX).toBe(64);
  });

  it("generated IDs pass it, however odd the name", () => {
    for (const name of ["Gangnam HQ (Main)", "", "..--::", "x".repeat(200), "Zürich Süd"])
      expect(isExternalId(generateExternalId("site", name, { pattern: "{name}.{kind}:{rand}" }))).toBe(true);
  });
});
