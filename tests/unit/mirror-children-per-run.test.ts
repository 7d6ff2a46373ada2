// How many sites' children one sweep reads (lib/mirror/sweep-progress.ts childrenPerRun): the sync
// class's share of the budget over the interval, at 3 calls a site, unless MIRROR_CHILDREN_PER_RUN says.
import { describe, expect, it } from "vitest";
import { childrenPerRun } from "@/lib/mirror/sweep-progress";

describe("childrenPerRun", () => {
  it("is 150 sites (450 calls) on the free tier at the 900 s interval", () => {
    expect(childrenPerRun(60, 900)).toBe(150);
  });

  it("grows with the tier and the interval, and is never 0", () => {
    expect(childrenPerRun(600, 900)).toBe(1500);
    expect(childrenPerRun(60, 1800)).toBe(300);
    expect(childrenPerRun(1, 60)).toBe(1);
  });

  it("takes MIRROR_CHILDREN_PER_RUN as it is when set", () => {
    expect(childrenPerRun(60, 900, 40)).toBe(40);
  });
});
