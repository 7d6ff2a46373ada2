/**
 * The app's default clients (`chekt`, `chektApp`) read lib/env and talk to the configured base URL:
 * a real call against a small HTTP server proves the configuration reaches the wire. They send
 * through the runtime's own fetch, past the wrapper Next installs over globalThis.fetch in the
 * server (lib/chekt/index.ts runtimeFetch): a stand-in wrapper, marked as Next marks its own, must
 * see none of the calls.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";

let server: Server;
let db: TestDatabase;
const KEYS = [
  "CHEKT_API_BASE_URL",
  "CHEKT_CLIENT_ID",
  "CHEKT_CLIENT_SECRET",
  "CHEKT_PRIVATE_KEY",
  "DATABASE_URL",
] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
const seen: Array<{ url: string; auth?: string; body: string }> = [];
const original = globalThis.fetch;
const wrapped: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", auth: req.headers.authorization, body });
      res.setHeader("content-type", "application/json");
      if (req.url === "/oauth/token")
        return res.end(
          JSON.stringify({ access_token: "env-token", token_type: "Bearer", expires_in: 3600, scope: "partner" }),
        );
      if (req.url?.startsWith("/v1/devices"))
        return res.end(JSON.stringify({ data: [], has_more: false, next_cursor: null }));
      res.end(JSON.stringify({ dealer_id: 1, external_dealer_id: "acme-security", company_name: "Acme" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.CHEKT_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.CHEKT_CLIENT_ID = "env-client";
  process.env.CHEKT_CLIENT_SECRET = "env-secret";
  delete process.env.CHEKT_PRIVATE_KEY;
  // The clients keep CHeKT's rate budget in Postgres: a database of this file's own, not the run's one that
  // another file running beside it could reach.
  db = await createTestDatabase("chekt_index");
  process.env.DATABASE_URL = db.url;
  globalThis.fetch = Object.assign(
    (input: RequestInfo | URL, init?: RequestInit) => {
      wrapped.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    },
    { _nextOriginalFetch: original },
  );
});
afterAll(async () => {
  globalThis.fetch = original;
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await new Promise<void>((r) => server.close(() => r()));
  await db?.drop();
});

it("chekt uses CHEKT_API_BASE_URL and the env's client credentials; chektApp one client per key", async () => {
  const { chekt, chektApp } = await import("../../lib/chekt");
  expect(seen).toHaveLength(0); // nothing happens at import
  const { data } = await chekt.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: 1 } } });
  expect(data).toMatchObject({ dealer_id: 1 });
  expect(chekt.baseUrl).toBe(process.env.CHEKT_API_BASE_URL);
  expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({
    grant_type: "client_credentials",
    client_id: "env-client",
    client_secret: "env-secret",
  });
  expect(seen[1]).toMatchObject({ url: "/partner/v1/dealers/1", auth: "Bearer env-token" });

  const key = "chekt_test_abcdefghijklmnopqrstuvwxyz0123";
  expect(chektApp(key)).toBe(chektApp(key));
  expect(chektApp(key)).not.toBe(chektApp(`${key}x`));
  await chektApp(key).get("/v1/devices", { params: { query: { limit: 5 } } });
  expect(seen[2]).toMatchObject({ url: "/v1/devices?limit=5", auth: `Bearer ${key}` });
  expect(chekt.stats().tokenRequests).toBe(1);
  expect(wrapped).toEqual([]); // all three reached the server past the wrapper
});
