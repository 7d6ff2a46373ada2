import { describe, expect, it } from "vitest";
import { RateLimiter, RateLimitWaitTooLong, resetAtMs } from "../../lib/chekt/rate-limit";

const headers = (remaining: number, resetInMs: number) =>
  new Headers({ "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String((Date.now() + resetInMs) / 1000) });

describe("rate limiter", () => {
  it("lets everything through while CHeKT has said nothing", async () => {
    const l = new RateLimiter();
    const tickets = await Promise.all(Array.from({ length: 20 }, () => l.acquire(Date.now() + 1000)));
    expect(tickets.every((t) => t.waitedMs === 0 && !t.probe)).toBe(true);
  });

  it("holds calls when the budget is spent, sends one probe after the reset, then the rest in arrival order", async () => {
    const l = new RateLimiter();
    const first = await l.acquire(Date.now() + 5000);
    l.release(first, headers(0, 250));
    const order: string[] = [];
    const started = Date.now();
    const a = l.acquire(Date.now() + 5000).then((t) => (order.push("a"), t));
    const b = l.acquire(Date.now() + 5000).then((t) => (order.push("b"), t));
    const c = l.acquire(Date.now() + 5000).then((t) => (order.push("c"), t));
    const ta = await a;
    expect(Date.now() - started).toBeGreaterThanOrEqual(230);
    expect(ta.probe).toBe(true);
    // While the probe is out, nobody else goes.
    await new Promise((r) => setTimeout(r, 80));
    expect(order).toEqual(["a"]);
    l.release(ta, headers(5, 1000));
    await Promise.all([b, c]);
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("subtracts calls still in flight from the budget an answer announces", async () => {
    const l = new RateLimiter();
    const t1 = await l.acquire(Date.now() + 1000);
    const t2 = await l.acquire(Date.now() + 1000);
    const t3 = await l.acquire(Date.now() + 1000);
    // CHeKT says 2 left, but t2 and t3 are still out: nothing is left for a new call.
    l.release(t1, headers(2, 300));
    expect(l.delayFor(Date.now())).toBeGreaterThan(0);
    l.release(t2, null);
    l.release(t3, null);
  });

  it("a 429 blocks every call until Retry-After, and a wait past the deadline throws at once", async () => {
    const l = new RateLimiter();
    l.block(Date.now() + 2000);
    const started = Date.now();
    await expect(l.acquire(Date.now() + 500)).rejects.toBeInstanceOf(RateLimitWaitTooLong);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("reads X-RateLimit-Reset as unix seconds, or as seconds from now when small", () => {
    expect(resetAtMs("1800000000", 0)).toBe(1_800_000_000_000);
    expect(resetAtMs("3", 10_000)).toBe(13_000);
    expect(resetAtMs("soon")).toBeNull();
    expect(resetAtMs(null)).toBeNull();
  });
});
