// The connection check's probe (lib/chekt/api/diagnostics.ts) names the wait a 429 asks as the CHeKT
// client's errors do (retryAfterFor): Retry-After, else one token's refill at X-RateLimit-Limit (never
// until X-RateLimit-Reset, when CHeKT's bucket is full again), and the same wait the budget now holds.
import "../support/no-postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { probeChekt } from "@/lib/chekt/api/diagnostics";
import { CallBudget } from "@/lib/chekt/budget";

const request = {
  baseUrl: "https://api.chekt.test",
  method: "GET" as const,
  path: "/v1/devices?limit=1",
  timeoutMs: 3000,
  credential: { type: "api_key" as const, apiKey: "k-unit" },
};

function answering(status: number, headers: Record<string, string>) {
  vi.stubGlobal("fetch", async () => new Response('{"error":{"code":"rate_limited"}}', { status, headers }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("probeChekt's retryAfterS", () => {
  it("a 429 without Retry-After names one token's refill, not the reset, and the budget holds as long", async () => {
    answering(429, { "x-ratelimit-limit": "12", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 25) });
    const budget = new CallBudget("probe-unit-reset", { limits: { perMin: 60, burst: 5 } });
    const a = await probeChekt(request, budget);
    if (a.kind !== "http") throw new Error(`expected an answer, got ${a.kind}`);
    expect(a.status).toBe(429);
    expect(a.retryAfterS).toBe(5);
    const blocked = (await budget.view(0)).blockedForMs;
    expect(Math.abs(a.retryAfterS! * 1000 - blocked)).toBeLessThanOrEqual(2_000);
  });

  it("a 429's Retry-After wins over the reset", async () => {
    answering(429, { "retry-after": "7", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 40) });
    const a = await probeChekt(request, new CallBudget("probe-unit-both", { limits: { perMin: 60, burst: 5 } }));
    expect(a).toMatchObject({ kind: "http", status: 429, retryAfterS: 7 });
  });

  it("another status names only its own Retry-After, never a reset", async () => {
    answering(503, { "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 25) });
    const a = await probeChekt(request, new CallBudget("probe-unit-503", { limits: { perMin: 60, burst: 5 } }));
    if (a.kind !== "http") throw new Error(`expected an answer, got ${a.kind}`);
    expect(a.retryAfterS).toBeUndefined();
  });
});
