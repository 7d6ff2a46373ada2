import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generateExternalId, slug, withExternalId } from "@/lib/external-id";
import { externalId } from "@/lib/schemas/fields";

const fixed = { now: new Date("2026-12-01T10:00:00Z"), random: () => 0.5 };

describe("generated external IDs", () => {
  it("follow the default pattern: kind, a slug of the name, four random characters", () => {
    expect(generateExternalId("site", "Gangnam HQ (Main)", fixed)).toBe("site-gangnam-hq-main-ssss");
    expect(generateExternalId("contact", "Zoë  O'Brien", fixed)).toBe("contact-zoe-o-brien-ssss");
  });
  it("take a dealer's pattern with a date token", () => {
    expect(generateExternalId("station", "Night Desk", { ...fixed, pattern: "ACME-{date}-{rand}" })).toBe(
      "ACME-20261201-ssss",
    );
  });
  it("fold away an empty name and never start or end with punctuation", () => {
    expect(generateExternalId("site", "", fixed)).toBe("site-ssss");
    expect(generateExternalId("site", "???", { ...fixed, pattern: "{name}" })).toBe("site-ssss");
  });
  it("differ between two presses", () => {
    expect(generateExternalId("site", "Depot")).not.toBe(generateExternalId("site", "Depot"));
  });
  it("always pass the external-ID rule the schemas enforce, whatever the name or pattern", () => {
    const rule = externalId("Site ID");
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (name, pattern, r) => {
          const id = generateExternalId("site", name, { pattern: pattern || undefined, random: () => r });
          expect(rule.safeParse(id).success).toBe(true);
        },
      ),
    );
    expect(slug("x".repeat(100))).toHaveLength(40);
  });
  it("fill only a blank ID before sending, named after the object; a typed one is kept", () => {
    const blank = { external_site_id: "  ", name: "Gangnam HQ" };
    const sent = withExternalId(blank, "external_site_id", "site", blank.name);
    expect(sent.name).toBe("Gangnam HQ");
    expect(sent.external_site_id).toMatch(/^site-gangnam-hq-[a-z2-9]{4}$/);
    const typed = { external_site_id: "hq-1", name: "Gangnam HQ" };
    expect(withExternalId(typed, "external_site_id", "site", typed.name)).toBe(typed);
  });
});
