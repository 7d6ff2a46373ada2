// A site named where two sites may share a name: quoted with its number, or siteLabel's "Site 12"
// when the mirror has no name for it (never `"" (#12)`), in readiness's account check as elsewhere.
import { describe, expect, it } from "vitest";
import { siteRef } from "@/lib/site-label";
import { readinessOf, type SiteFacts } from "@/lib/readiness/rules";

const facts: SiteFacts = {
  siteId: 7,
  name: "",
  isActivated: true,
  stationId: 1,
  accountNumber: "1001",
  sameAccount: [],
  phones: [],
  hasBridge: null,
  securityType: null,
  cameras: 0,
  offlineLong: 0,
};

describe("siteRef", () => {
  it("quotes a name and adds the CHeKT number; a site without a name is siteLabel's", () => {
    expect(siteRef(12, "Harbor")).toBe('"Harbor" (#12)');
    expect(siteRef(12, "")).toBe("Site 12");
    expect(siteRef(12, null)).toBe("Site 12");
  });

  it("names the other sites of readiness's account check", () => {
    const sameAccount = [
      { siteId: 12, name: "" },
      { siteId: 13, name: "Harbor" },
    ];
    const check = readinessOf({ ...facts, sameAccount }, 30).checks.find((c) => c.check === "account_unique");
    expect(check?.detail).toBe('Also used by Site 12, "Harbor" (#13)');
  });
});
