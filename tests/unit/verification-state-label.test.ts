// How the history writes a verification's state: capitalised, one label per state.
import { describe, expect, it } from "vitest";
import { VERIFICATION_STATES, verificationStateLabel } from "@/lib/verifications/types";

describe("verificationStateLabel", () => {
  it("capitalises each state as the console's other badges are", () => {
    expect(verificationStateLabel("dispatched")).toBe("Dispatched");
    expect(verificationStateLabel("disregarded")).toBe("Disregarded");
    expect(VERIFICATION_STATES.map(verificationStateLabel)).toEqual([
      "Pending",
      "Claimed",
      "Dispatched",
      "Disregarded",
      "Expired",
      "Cancelled",
    ]);
  });
});
