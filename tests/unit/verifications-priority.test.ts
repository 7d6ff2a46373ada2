import { describe, expect, it } from "vitest";
import { priorityRank, priorityTone } from "@/lib/verifications/priority";

describe("alarm priority (lib/verifications/priority.ts)", () => {
  it("ranks the contract's four priorities critical first, then none and unknown words last", () => {
    const words = ["low", null, "urgent", "critical", "medium", "high"];
    expect([...words].sort((a, b) => priorityRank(a) - priorityRank(b))).toEqual([
      "critical",
      "high",
      "medium",
      "low",
      null,
      "urgent",
    ]);
    expect(priorityRank("urgent")).toBe(priorityRank(null));
  });

  it("colours critical and high as danger, medium as a warning, the rest plain", () => {
    expect(["critical", "high", "medium", "low", "urgent", "constructor"].map(priorityTone)).toEqual([
      "danger",
      "danger",
      "warning",
      "neutral",
      "neutral",
      "neutral",
    ]);
  });
});
