/**
 * The app's default clients send through the runtime's own fetch, not through the wrapper Next
 * installs over globalThis.fetch in the server (lib/chekt/index.ts runtimeFetch): a stand-in
 * wrapper, marked the way Next marks its own, must see none of the calls, while the real server
 * below gets them all.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";

let server: Server;
const KEYS = ["CHEKT_API_BASE_URL", "CHEKT_CLIENT_ID", "CHEKT_CLIENT_SECRET", "CHEKT_PRIVATE_KEY", "DATABASE_URL"];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
const original = globalThis.fetch;
const seen: string[] = [];
const wrapped: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? "");
    res.setHeader("content-type", "application/json");
    if (req.url === "/oauth/token")
      return res.end(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 3600, scope: "partner" }));
    if (req.url?.startsWith("/v1/devices")) return res.end(JSON.stringify({ data: [], has_more: false }));
    res.end(JSON.stringify({ dealer_id: 1, external_dealer_id: "acme", company_name: "Acme" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.CHEKT_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.CHEKT_CLIENT_ID = "env-client";
  process.env.CHEKT_CLIENT_SECRET = "env-secret";
  delete process.env.CHEKT_PRIVATE_KEY;
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/unused";
  const wrapper = Object.assign(
    (input: RequestInfo | URL, init?: RequestInit) => {
      wrapped.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    },
    { _nextOriginalFetch: original },
  );
  globalThis.fetch = wrapper;
});
afterAll(async () => {
  globalThis.fetch = original;
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await new Promise<void>((r) => server.close(() => r()));
});

it("chekt and chektApp call CHeKT past Next's fetch wrapper", async () => {
  const { chekt, chektApp } = await import("../../lib/chekt");
  const { data } = await chekt.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: 1 } } });
  expect(data).toMatchObject({ dealer_id: 1 });
  await chektApp("chekt_test_abcdefghijklmnopqrstuvwxyz0123").get("/v1/devices", { params: { query: { limit: 5 } } });
  expect(seen).toEqual(["/oauth/token", "/partner/v1/dealers/1", "/v1/devices?limit=5"]);
  expect(wrapped).toEqual([]);
});
