import { describe, expect, it } from "vitest";
import { contactLabel, siteLabel } from "@/lib/site-label";

describe("siteLabel", () => {
  it("names a site by the name the mirror knows", () => {
    expect(siteLabel(1042, "Harbor Warehouse")).toBe("Harbor Warehouse");
  });

  it("falls back to the CHeKT number when the name is missing or empty", () => {
    expect(siteLabel(1042, null)).toBe("Site 1042");
    expect(siteLabel(1042, undefined)).toBe("Site 1042");
    expect(siteLabel(1042, "")).toBe("Site 1042");
  });
});

describe("contactLabel", () => {
  it("names a contact by whichever of their first and last name they have", () => {
    expect(contactLabel(88, "Ann", "Lee")).toBe("Ann Lee");
    expect(contactLabel(88, "Ann", "")).toBe("Ann");
    expect(contactLabel(88, "", "Lee")).toBe("Lee");
  });

  it("falls back to the CHeKT number when they have neither, or only blanks", () => {
    expect(contactLabel(88, "", "")).toBe("Contact 88");
    expect(contactLabel(88, " ", "  ")).toBe("Contact 88");
    expect(contactLabel(88, " Ann ", " ")).toBe("Ann");
  });
});
