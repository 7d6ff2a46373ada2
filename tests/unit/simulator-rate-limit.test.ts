import { describe, expect, it } from "vitest";
import { globToRegExp } from "../../simulator/faults";
import { RateLimiter } from "../../simulator/rate-limit";

describe("simulator token bucket", () => {
  it("allows the burst, then one request per 1/rate, per key", () => {
    const rl = new RateLimiter(
      () => 60,
      () => 5,
    );
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) expect(rl.take("a", t).allowed).toBe(true);
    const refused = rl.take("a", t);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1, limit: 60 });
    expect(rl.take("b", t).allowed).toBe(true);
    expect(rl.take("a", t + 999).allowed).toBe(false);
    expect(rl.take("a", t + 1000).allowed).toBe(true);
    // Full again 5 s after empty.
    expect(rl.peek("a", t + 1000).reset).toBe(Math.ceil((t + 1000 + 5000) / 1000));
  });

  it("never holds more than the burst after a long idle time", () => {
    const rl = new RateLimiter(
      () => 600,
      () => 3,
    );
    rl.take("k", 0);
    expect(rl.peek("k", 3_600_000).remaining).toBe(3);
  });
});

describe("fault path globs", () => {
  it("matches one segment with * and anything with **", () => {
    expect(globToRegExp("/partner/v1/dealers/*/sites").test("/partner/v1/dealers/12/sites")).toBe(true);
    expect(globToRegExp("/partner/v1/dealers/*/sites").test("/partner/v1/dealers/12/sites/3")).toBe(false);
    expect(globToRegExp("/partner/**").test("/partner/v1/dealers/12/sites/3")).toBe(true);
    expect(globToRegExp("/v1/devices").test("/v1/devicesX")).toBe(false);
  });
});
