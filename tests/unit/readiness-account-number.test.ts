// The one way account numbers are compared for "unique on its station" (lib/readiness/account-number.ts):
// trimmed, blank as none. Its SQL twin gives Postgres the same blanks (tests/integration/fleet-readiness).
import { describe, expect, it } from "vitest";
import { ACCOUNT_NUMBER_BLANKS, accountNumberOf, stationAccountKey } from "@/lib/readiness/account-number";

describe("account numbers", () => {
  it("the blanks are exactly what String.prototype.trim removes, every UTF-16 code unit checked", () => {
    const trimmed: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (String.fromCharCode(c).trim() === "") trimmed.push(String.fromCharCode(c));
    expect([...ACCOUNT_NUMBER_BLANKS].sort()).toEqual(trimmed.sort());
  });
  it("trims, and blanks are no account number", () => {
    expect(accountNumberOf("1001 ")).toBe("1001");
    expect(accountNumberOf("\u00a0 10 01\t")).toBe("10 01");
    expect(accountNumberOf("  ")).toBeNull();
    expect(accountNumberOf("")).toBeNull();
    expect(accountNumberOf(null)).toBeNull();
    expect(accountNumberOf(undefined)).toBeNull();
  });
  it("keys one number on one station alike however it is padded; case counts; none without both", () => {
    expect(stationAccountKey(5, "1001 ")).toBe("5|1001");
    expect(stationAccountKey(5, " 1001")).toBe(stationAccountKey(5, "1001"));
    expect(stationAccountKey(5, "a-1")).not.toBe(stationAccountKey(5, "A-1"));
    expect(stationAccountKey(5, "  ")).toBeNull();
    expect(stationAccountKey(null, "1001")).toBeNull();
    expect(stationAccountKey(undefined, "1001")).toBeNull();
  });
});
