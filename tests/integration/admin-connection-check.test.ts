// The Settings connection check against the real simulator over HTTP: a good key, a revoked key,
// a key without a scope, a wrong base URL, an exhausted rate limit, an unreachable host — each
// must land in its own bucket with its own explanation.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import type { ConnectionConfig, Step } from "@/lib/settings/connection-check";
import type { ControlBody } from "@/simulator/control-body";
import type { RunningSimulator } from "@/simulator/server";
import { DEMO } from "@/simulator/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { simNewApp, simRevokeAppKey } from "../support/sim-world";
import { startTestSimulator } from "../support/simulator";

let checkConnection: typeof import("@/lib/settings/connection-check").checkConnection;
let db: TestDatabase;
let sim: RunningSimulator;
let html: Server;
let htmlUrl: string;

/** A new App of Acme's with these scopes, its key shown. */
function newApp(scopes: NonNullable<ControlBody<"app">["scopes"]>) {
  return simNewApp(sim.url, {
    dealer_id: DEMO.dealers.acme.id,
    scopes,
    name: `admin-test-${scopes.join("-") || "none"}`,
  });
}

const partner = (): ConnectionConfig => ({
  baseUrl: sim.url,
  clientId: DEMO.partner.clientId,
  clientSecret: DEMO.partner.clientSecret,
  chektDealerId: DEMO.dealers.acme.id,
  timeoutMs: 5000,
});

const diag = (s: Step | undefined) => {
  if (!s || !("diagnosis" in s)) throw new Error(`step ${s?.name} was skipped`);
  return s.diagnosis;
};

beforeAll(async () => {
  // The probes spend the shared budget in Postgres, as in the app: with no budget table they would
  // be paced by the local bucket a failing store falls back to, which starts nearly empty.
  db = await createTestDatabase("chekt_connection_check");
  process.env.DATABASE_URL = db.url;
  ({ checkConnection } = await import("@/lib/settings/connection-check"));
  // A roomier bucket than the free tier: each check spends two partner calls and up to five key
  // calls, and these tests run many checks in a few seconds. The rate-limit test still exhausts it.
  sim = await startTestSimulator({ config: { rateLimitBurstPerS: 20, rateLimitPerMin: 600 } });
  // Something that is not CHeKT: a web server answering every path with an HTML page.
  html = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><html><body>Welcome to nginx!</body></html>");
  });
  await new Promise<void>((r) => html.listen(0, "127.0.0.1", r));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sim?.close();
  await new Promise((r) => html?.close(r));
  await (await import("@/lib/db")).prisma.$disconnect().catch(() => undefined);
  await db?.drop();
});

describe("connection check against the simulator", () => {
  it("a good key: token, dealer and every probed scope granted", async () => {
    const r = await checkConnection({ ...partner(), apiKey: DEMO.app.apiKey });
    expect(r.partner.map((s) => diag(s).bucket)).toEqual(["ok", "ok"]);
    expect(diag(r.app[0])).toMatchObject({ ok: true, status: 200 });
    // Every probe reads as working, the snapshot probe's 404 for an id that cannot exist included.
    expect(r.app.map((s) => [s.label, diag(s).ok])).toEqual([
      ["GET /v1/devices", true],
      ["GET /v1/alarms", true],
      ["GET /v1/events", true],
      ["GET /v1/sites", true],
      ["GET /v1/snapshots/{id}", true],
    ]);
    expect(Object.fromEntries(r.scopes.map((s) => [s.scope, s.status]))).toEqual({
      "devices:read": "granted",
      "events:read": "granted",
      "sites:read": "granted",
      "snapshots:read": "granted",
    });
    expect(r.summary.ok).toBe(true);
  });

  it("a revoked key: invalid_api_key, and the scope probes are not run", async () => {
    const app = await newApp(["devices:read"]);
    await simRevokeAppKey(sim.url, app.id);
    const r = await checkConnection({ ...partner(), apiKey: app.api_key });
    expect(r.app).toHaveLength(1);
    const d = diag(r.app[0]);
    expect(d).toMatchObject({ ok: false, bucket: "invalid_api_key", status: 401, code: "invalid_api_key" });
    expect(d.detail).toMatch(/revoked/);
    expect(r.summary).toEqual({
      ok: false,
      text: "Partner API: works. CHeKT App key: API key not accepted (invalid_api_key).",
    });
  });

  it("a key without devices:read: permission_denied naming the scope, and the scopes it does hold", async () => {
    const app = await newApp(["events:read"]);
    const r = await checkConnection({ ...partner(), apiKey: app.api_key });
    const d = diag(r.app[0]);
    expect(d).toMatchObject({ bucket: "permission_denied", status: 403, code: "permission_denied" });
    expect(d.title).toBe("Missing scope devices:read (permission_denied)");
    expect(Object.fromEntries(r.scopes.map((s) => [s.scope, s.status]))).toEqual({
      "devices:read": "missing",
      "events:read": "granted",
      "sites:read": "missing",
      "snapshots:read": "missing",
    });
    expect(r.summary.text).toBe(
      "Partner API: works. CHeKT App key: accepted, missing devices:read, sites:read, snapshots:read.",
    );
  });

  it("a wrong base URL: a path that is not the API, and a host that is not CHeKT", async () => {
    const withPath = await checkConnection({ ...partner(), baseUrl: `${sim.url}/api`, apiKey: DEMO.app.apiKey });
    expect(diag(withPath.partner[0]).bucket).toBe("wrong_base_url");
    expect(diag(withPath.app[0])).toMatchObject({ bucket: "wrong_base_url", status: 404 });
    expect(diag(withPath.app[0]).detail).toContain(`${sim.url}/api`);

    const nginx = await checkConnection({ ...partner(), baseUrl: htmlUrl, apiKey: DEMO.app.apiKey });
    expect(diag(nginx.partner[0]).bucket).toBe("wrong_base_url");
    expect(diag(nginx.app[0])).toMatchObject({ bucket: "wrong_base_url", status: 200 });
    expect(diag(nginx.app[0]).detail).toMatch(/text\/html instead of JSON/);
  });

  it("an exhausted rate limit: rate_limited with the wait CHeKT asks for", async () => {
    // The free tier (60/min, 5/s burst): one token a second, so the check right after the
    // exhaustion meets an empty bucket even on a busy machine.
    const roomy = { perMin: sim.config.rateLimitPerMin, burst: sim.config.rateLimitBurstPerS };
    Object.assign(sim.config, { rateLimitPerMin: 60, rateLimitBurstPerS: 5 });
    onTestFinished(() => {
      Object.assign(sim.config, { rateLimitPerMin: roomy.perMin, rateLimitBurstPerS: roomy.burst });
    });
    const app = await newApp(["devices:read"]);
    // Spend the key's burst until CHeKT refuses.
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await fetch(`${sim.url}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${app.api_key}` } });
      refused = res.status === 429;
    }
    expect(refused).toBe(true);
    // App key only: the partner calls would spend the partner's bucket at the lowered rate.
    const r = await checkConnection({ baseUrl: sim.url, apiKey: app.api_key, timeoutMs: 5000 });
    const d = diag(r.app[0]);
    expect(d).toMatchObject({ bucket: "rate_limited", status: 429 });
    expect(d.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(d.detail).toMatch(/60 requests a minute/);
  });

  it("a rate limit that hits only the later probes leaves those scopes unknown and the check not ok", async () => {
    const roomy = { perMin: sim.config.rateLimitPerMin, burst: sim.config.rateLimitBurstPerS };
    Object.assign(sim.config, { rateLimitPerMin: 60, rateLimitBurstPerS: 5 });
    onTestFinished(() => {
      Object.assign(sim.config, { rateLimitPerMin: roomy.perMin, rateLimitBurstPerS: roomy.burst });
    });
    const app = await newApp(["devices:read", "events:read", "sites:read", "snapshots:read"]);
    // The in-process simulator's buckets read Date: faking Date alone (timers and I/O stay real)
    // stops them refilling while the test runs and lets it move time on without sleeping.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused =
        (await fetch(`${sim.url}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${app.api_key}` } }))
          .status === 429;
    }
    expect(refused).toBe(true);
    // One token a second: after a second exactly one call gets through.
    vi.setSystemTime(Date.now() + 1000);
    // App key only: the partner calls would spend the partner's bucket at the lowered rate.
    const r = await checkConnection({ baseUrl: sim.url, apiKey: app.api_key, timeoutMs: 5000 });
    expect(diag(r.app[0]).ok).toBe(true);
    expect(r.app.some((s) => diag(s).bucket === "rate_limited")).toBe(true);
    expect(r.scopes.some((s) => s.status === "unknown")).toBe(true);
    expect(r.summary.ok).toBe(false);
    expect(r.summary.text).toMatch(/not checked \(Rate limited\)\.$/);
  });

  it("bad client credentials and a dealer the partner does not reach", async () => {
    const bad = await checkConnection({ ...partner(), clientSecret: "not-the-secret-000000", apiKey: DEMO.app.apiKey });
    expect(diag(bad.partner[0])).toMatchObject({ bucket: "invalid_client", status: 401 });
    expect(bad.partner[1]).toMatchObject({ skipped: "Needs a token first." });

    const coastal = await checkConnection({ ...partner(), chektDealerId: DEMO.dealers.coastal.id });
    expect(diag(coastal.partner[1])).toMatchObject({ bucket: "no_dealer_access", status: 403 });
    expect(coastal.app[0]).toMatchObject({ skipped: expect.stringMatching(/No CHeKT App API key/) });
  });

  it("an unreachable host: network failure, not a CHeKT verdict", async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = await checkConnection({
      ...partner(),
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: DEMO.app.apiKey,
      timeoutMs: 2000,
    });
    expect(diag(r.partner[0])).toMatchObject({ bucket: "network", code: "ECONNREFUSED" });
    expect(diag(r.app[0])).toMatchObject({ bucket: "network", code: "ECONNREFUSED" });
  });
});
