/**
 * The simulator takes the API keys the Settings form takes (API_KEY_PATTERN, lib/chekt/contract-lists.ts):
 * 32 characters or more, token characters after the prefix; a shorter key is malformed, both as a
 * control-API app's key and as a /v1 bearer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { sim as control } from "./simulator-helpers";

let s: RunningSimulator;
beforeAll(async () => {
  s = await startSimulator({ port: 0, config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 } });
});
afterAll(async () => s?.close());

const stamp = Date.now()
  .toString(36)
  .replace(/[^a-z0-9]/g, "");
const key = (tail: string) => `chekt_test_${tail}`;
const pad = (n: number) => `${stamp}${"k".repeat(n)}`.slice(0, n);

async function devices(token: string) {
  const res = await fetch(`${s.url}/v1/devices`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
}

describe("API key shape", () => {
  it("a key of 31 characters, or with a space after the prefix, is refused as an app's key", async () => {
    for (const k of [key(pad(20)), key(`${pad(10)} ${pad(11)}`)]) {
      const r = await control(s.url, "POST", "/_sim/apps", { dealer_id: 1, api_key: k });
      expect(r.status, k).toBe(400);
    }
  });

  it("a 31-character bearer is malformed, not merely unknown; 32 characters work", async () => {
    const short = await devices(key(pad(20)));
    expect(short.status).toBe(401);
    expect(short.body.error?.message).toMatch(/^malformed API key/);

    const k = key(pad(21));
    expect((await control(s.url, "POST", "/_sim/apps", { dealer_id: 1, api_key: k })).status).toBe(201);
    expect((await devices(k)).status).toBe(200);
  });
});
