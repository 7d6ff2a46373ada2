import { describe, expect, it } from "vitest";
import { plural } from "@/lib/plural";

describe("plural", () => {
  it("is the one form for exactly 1 and the other for 0, 2 and more", () => {
    expect([0, 1, 2].map((n) => `${n} ${plural(n, "device")}`)).toEqual(["0 devices", "1 device", "2 devices"]);
    expect(plural(1, "site has its", "sites have their")).toBe("site has its");
    expect(plural(3, "site has its", "sites have their")).toBe("sites have their");
  });
});
