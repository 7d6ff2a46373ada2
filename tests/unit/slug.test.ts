// One slug for a name in an ID (lib/external-id.ts): the forms' generated IDs and the site import's
// {name} token (lib/import/id-pattern.ts) give the same part for the same name.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generateExternalId, slug } from "@/lib/external-id";
import { expandPattern } from "@/lib/import/id-pattern";
import { expectMaps } from "../support/expect-maps";

const fixed = { now: new Date("2026-12-01T10:00:00Z"), random: () => 0.5 };
const form = (name: string) => generateExternalId("site", name, { ...fixed, pattern: "{name}" });
const sheet = (name: string) => expandPattern("{name}", { seq: 1, name });

describe("a name as an ID part", () => {
  it("drops accents rather than splitting words at them, in both callers", () => {
    expectMaps(
      [slug, form, sheet],
      [
        ["Zürich Süd", "zurich-sud"],
        ["Crème Brûlée Café", "creme-brulee-cafe"],
        ["Gangnam HQ (Main)", "gangnam-hq-main"],
        ["São Paulo – Centro", "sao-paulo-centro"],
        ["Ærøskøbing Straße", "aeroskobing-strasse"],
        ["Łódź", "lodz"],
      ],
    );
    expect(expandPattern("SITE-{name}-{seq:3}", { seq: 4, name: "Crème Brûlée Café" })).toBe(
      "SITE-creme-brulee-cafe-004",
    );
  });

  it("gives one part for a name written in any case, at most 40 characters, no dash at either end", () => {
    expect(slug("GANGNAM hq")).toBe(slug("Gangnam HQ"));
    expect(slug(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: "grapheme" }), (name) => {
        const part = slug(name);
        expect(part).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
        expect(part.length).toBeLessThanOrEqual(40);
        expect(sheet(name)).toBe(part);
      }),
    );
  });
});
