// The helpers the shared budget and the transport use (lib/chekt/rate-limit.ts).
import { describe, expect, it } from "vitest";
import { resetAtMs, sleep } from "../../lib/chekt/rate-limit";

describe("rate-limit helpers", () => {
  it("reads X-RateLimit-Reset as unix seconds, or seconds from now when small", () => {
    expect(resetAtMs("1800000000", 0)).toBe(1_800_000_000_000);
    expect(resetAtMs("3", 10_000)).toBe(13_000);
    expect(resetAtMs(" 2.5 ", 1_000)).toBe(3_500);
    expect(resetAtMs("soon")).toBeNull();
    expect(resetAtMs("-1")).toBeNull();
    expect(resetAtMs(null)).toBeNull();
  });

  it("sleep is cancelled by its signal, with the signal's reason", async () => {
    const c = new AbortController();
    const pending = sleep(60_000, c.signal);
    c.abort(new Error("left the page"));
    await expect(pending).rejects.toThrow("left the page");
    const already = new AbortController();
    already.abort(new Error("gone"));
    await expect(sleep(10, already.signal)).rejects.toThrow("gone");
  });

  it("sleep resolves after its time", async () => {
    const t0 = performance.now();
    await sleep(20);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
  });
});
