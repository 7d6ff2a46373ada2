import { describe, expect, it } from "vitest";
import { partnerBucketWindow, type SimLogEntry } from "../../bench/sim-bucket";

const FREE = { perMin: 60, burst: 5 };
const GET = "GET /partner/v1/dealers/:dealerId";

describe("the team bench's replay of the simulator's partner bucket", () => {
  it("starts full, refills one a second up to the burst, and counts only the window's calls", () => {
    // Five calls at 0 ms empty the bucket; 2.5 s later it holds 2.5 tokens.
    const log: SimLogEntry[] = [0, 0, 0, 0, 0].map((t) => [t, GET, 200]);
    log.push([3_000, GET, 200], [3_500, GET, 200], [9_000, GET, 200]);
    const w = partnerBucketWindow(log, 2_500, 4_000, FREE);
    expect(w.tokensAtStart).toBeCloseTo(2.5, 6);
    expect(w).toMatchObject({ calls: 2, refused: 0 });
    // Long idle: never above the burst.
    expect(partnerBucketWindow(log, 60_000, 70_000, FREE).tokensAtStart).toBe(5);
  });

  it("a 429 takes nothing and is counted apart; other routes and 401s are not the partner's bucket", () => {
    const log: SimLogEntry[] = [
      [0, GET, 200],
      [0, GET, 429],
      [0, "POST /oauth/token", 200],
      [0, "GET /v1/devices", 200],
      [0, GET, 401],
      [1_000, GET, 429],
      [1_000, GET, 200],
    ];
    const w = partnerBucketWindow(log, 500, 2_000, FREE);
    expect(w.tokensAtStart).toBeCloseTo(4.5, 6);
    expect(w).toMatchObject({ calls: 1, refused: 1 });
  });
});
