import { describe, expect, it } from "vitest";
import { siteLabel } from "@/lib/site-label";

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
