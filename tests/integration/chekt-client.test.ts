/**
 * The CHeKT client against a scripted HTTP server (real sockets) so each test can play an exact
 * sequence of 401 / 429 / 5xx / silence / dropped connections. The client's waits (backoff,
 * Retry-After, pacing, token expiry) go by a SkipClock: they cost no wall time, and the tests
 * assert what that clock says (the server stamps requests with it too), never elapsed wall time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createChektClient, type ChektClientConfig } from "../../lib/chekt/client";
import { waitSeconds } from "../../lib/chekt/errors";
import { caughtChektError } from "../support/chekt";
import { SkipClock } from "../support/clock";

type Recorded = {
  method: string;
  url: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
};
type Handler = (req: Recorded, res: ServerResponse, n: number) => unknown;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

class Scripted {
  server!: Server;
  url = "";
  requests: Recorded[] = [];
  private routes: Array<{ method: string; path: RegExp; handler: Handler; count: number }> = [];
  tokenCount = 0;
  tokens: string[] = [];
  tokenTtlS = 3600;
  /** A slow token endpoint widens the window in which concurrent refreshes could pile up. */
  tokenDelayMs = 0;
  /** Drop every token request's connection (CHeKT's token endpoint unreachable mid-way). */
  tokenDrop = false;

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = req.url ?? "/";
        const rec: Recorded = {
          method: req.method ?? "GET",
          url,
          path: url.split("?")[0],
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: clock.now(),
        };
        this.requests.push(rec);
        if (rec.method === "POST" && rec.path === "/oauth/token") return this.token(rec, res);
        const route = this.routes.find((r) => r.method === rec.method && r.path.test(rec.path));
        if (!route)
          return json(
            res,
            404,
            { error: { code: "not_found", message: `no script for ${rec.method} ${rec.path}` } },
            rec,
          );
        route.count += 1;
        void route.handler(rec, res, route.count);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private token(rec: Recorded, res: ServerResponse) {
    this.tokenCount += 1;
    if (this.tokenDrop) return void res.socket?.destroy();
    const t = `tok-${this.tokenCount}`;
    this.tokens.push(t);
    if (this.tokenDelayMs > 0)
      return void setTimeout(
        () =>
          json(res, 200, { access_token: t, token_type: "Bearer", expires_in: this.tokenTtlS, scope: "partner" }, rec),
        this.tokenDelayMs,
      );
    json(res, 200, { access_token: t, token_type: "Bearer", expires_in: this.tokenTtlS, scope: "partner" }, rec);
  }

  on(method: string, path: RegExp, handler: Handler) {
    this.routes.push({ method, path, handler, count: 0 });
  }

  api(predicate: (r: Recorded) => boolean = () => true) {
    return this.requests.filter((r) => r.path !== "/oauth/token" && predicate(r));
  }

  reset() {
    this.routes = [];
    this.requests = [];
    this.tokenCount = 0;
    this.tokens = [];
    this.tokenTtlS = 3600;
    this.tokenDelayMs = 0;
    this.tokenDrop = false;
  }

  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  req?: Recorded,
  headers: Record<string, string> = {},
) {
  const trace = (req?.headers["x-partner-trace-id"] as string | undefined) ?? "server-made-trace";
  res.writeHead(status, { "content-type": "application/json", "x-partner-trace-id": trace, ...headers });
  res.end(status === 204 ? undefined : JSON.stringify(body));
}

const srv = new Scripted();
let clock = new SkipClock();
beforeAll(() => srv.start());
afterAll(() => srv.close());
afterEach(() => {
  srv.reset();
  clock = new SkipClock();
});

const SITES = /^\/partner\/v1\/dealers\/\d+\/sites$/;
const SITE = /^\/partner\/v1\/dealers\/\d+\/sites\/\d+$/;

function client(over: Partial<ChektClientConfig> = {}) {
  return createChektClient({
    baseUrl: srv.url,
    auth: { type: "client_secret", clientId: "cid", clientSecret: "secret" },
    timeoutMs: 2_000,
    deadlineMs: 8_000,
    backoffBaseMs: 20,
    backoffMaxMs: 100,
    clock,
    ...over,
  });
}

const listSites = (c: ReturnType<typeof client>, opts = {}) =>
  c.request("GET", "/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId: 1 } } }, opts);
const updateSite = (c: ReturnType<typeof client>, opts = {}) =>
  c.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}",
    { params: { path: { dealerId: 1, siteId: 2 } }, body: { name: "New name" } },
    opts,
  );

describe("token", () => {
  it("asks for one token for 50 concurrent calls and sends it on each; every call has its own trace id", async () => {
    srv.on("GET", SITES, (r, res) => json(res, 200, [], r, { "x-total-count": "0" }));
    srv.tokenDelayMs = 100;
    const c = client();
    const results = await Promise.all(Array.from({ length: 50 }, () => listSites(c)));
    expect(srv.tokenCount).toBe(1);
    const calls = srv.api();
    expect(calls).toHaveLength(50);
    for (const r of calls) expect(r.headers.authorization).toBe("Bearer tok-1");
    const sent = calls.map((r) => r.headers["x-partner-trace-id"] as string);
    for (const t of sent) expect(t).toMatch(UUID_RE);
    expect(new Set(sent).size).toBe(50);
    // The trace id is read back from the answer.
    expect(new Set(results.map((r) => r.traceId))).toEqual(new Set(sent));
    expect(results[0].totalCount).toBe(0);
    // The token request itself is the form CHeKT documents.
    const form = new URLSearchParams(srv.requests.find((r) => r.path === "/oauth/token")!.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "client_credentials",
      client_id: "cid",
      client_secret: "secret",
    });
    expect(srv.requests.find((r) => r.path === "/oauth/token")!.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(c.stats().tokenRequests).toBe(1);
  });

  it("keeps the token until shortly before expires_in ends, then asks again", async () => {
    srv.tokenTtlS = 1;
    srv.on("GET", SITES, (r, res) => json(res, 200, [], r));
    const c = client();
    await listSites(c);
    await listSites(c);
    expect(srv.tokenCount).toBe(1);
    clock.skip(950); // refreshed 10% before the 1 s life ends
    await listSites(c);
    expect(srv.tokenCount).toBe(2);
    expect(srv.api().map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("on a 401 refreshes once and retries once — even a write, since CHeKT did nothing", async () => {
    srv.on("PUT", SITE, (r, res) =>
      r.headers.authorization === "Bearer tok-1"
        ? json(res, 401, { error: { code: "invalid_token", message: "expired" } }, r)
        : json(res, 200, { site_id: 2, name: "New name" }, r),
    );
    const c = client();
    const { data } = await updateSite(c, { idempotencyKey: null });
    expect(data).toMatchObject({ site_id: 2 });
    expect(srv.tokenCount).toBe(2);
    const puts = srv.api();
    expect(puts.map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
    // One logical call: the same trace id on both attempts.
    expect(puts[0].headers["x-partner-trace-id"]).toBe(puts[1].headers["x-partner-trace-id"]);
  });

  it("gives up after one refresh when CHeKT keeps saying 401", async () => {
    srv.on("GET", SITES, (r, res) => json(res, 401, { error: { code: "invalid_token", message: "token revoked" } }, r));
    const c = client();
    const e = await caughtChektError(listSites(c));
    expect(e.kind).toBe("unauthorized");
    expect(e.status).toBe(401);
    expect(srv.api()).toHaveLength(2);
    expect(srv.tokenCount).toBe(2);
    expect(e.toActionFailure().message).toMatch(/^CHeKT refused our credentials/);
  });

  it("50 calls that all meet an expired token cause one refresh, not fifty", async () => {
    let revoked = false;
    srv.on("GET", SITES, async (r, res) => {
      await new Promise((ok) => setTimeout(ok, 20));
      if (revoked && r.headers.authorization === "Bearer tok-1")
        return json(res, 401, { error: { code: "invalid_token", message: "expired" } }, r);
      json(res, 200, [], r);
    });
    const c = client();
    await listSites(c);
    revoked = true;
    srv.tokenDelayMs = 150;
    await Promise.all(Array.from({ length: 50 }, () => listSites(c)));
    expect(srv.tokenCount).toBe(2);
    expect(srv.api((r) => r.headers.authorization === "Bearer tok-2")).toHaveLength(50);
  });

  it("a refused token request is an 'unauthorized' ChektError and the API is never called", async () => {
    const c = client({ auth: { type: "client_secret", clientId: "cid", clientSecret: "wrong" } });
    srv.on("GET", SITES, (r, res) => json(res, 200, [], r));
    // Replace the token endpoint's answer for this test.
    const original = srv.server.listeners("request")[0] as (req: IncomingMessage, res: ServerResponse) => void;
    srv.server.removeAllListeners("request");
    srv.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === "/oauth/token") {
        req.resume();
        return req.on("end", () =>
          json(res, 401, { error: { code: "invalid_client", message: "client authentication failed" } }),
        );
      }
      original(req, res);
    });
    try {
      const e = await caughtChektError(listSites(c));
      expect(e.kind).toBe("unauthorized");
      expect(e.code).toBe("invalid_client");
      // Reported as the failure of the call that needed the token.
      expect(e.path).toBe("/partner/v1/dealers/{dealerId}/sites");
      expect(e.message).toMatch(/^Getting a CHeKT access token failed: client authentication failed/);
      expect(srv.api()).toHaveLength(0);
    } finally {
      srv.server.removeAllListeners("request");
      srv.server.on("request", original);
    }
  });

  it("a token request that keeps breaking fails the write as 'Could not reach CHeKT. Nothing was saved.'", async () => {
    srv.tokenDrop = true;
    srv.on("PUT", SITE, (r, res) => json(res, 200, { site_id: 2 }, r));
    const e = await caughtChektError(updateSite(client({ maxAttempts: 2 })));
    expect(srv.tokenCount).toBe(2); // the token request itself is retried (asking twice is harmless)
    expect(srv.api()).toHaveLength(0);
    expect(e.kind).toBe("network");
    expect(e.method).toBe("PUT");
    expect(e.mayHaveApplied).toBe(false);
    expect(e.toActionFailure().message).toBe("Could not reach CHeKT. Nothing was saved.");
  });

  it("a user bearer (dealers/connect) and an API key are sent as given and never refreshed", async () => {
    srv.on("PUT", /^\/partner\/v1\/dealers\/connect$/, (r, res) =>
      json(res, 401, { error: { code: "invalid_token", message: "user token expired" } }, r),
    );
    const c = client();
    const e = await caughtChektError(
      c.request(
        "PUT",
        "/partner/v1/dealers/connect",
        { body: { external_dealer_id: "coastal-guard", company_name: "Coastal Guard" } },
        { bearer: "user-token-1" },
      ),
    );
    expect(e.kind).toBe("unauthorized");
    expect(srv.tokenCount).toBe(0);
    expect(srv.api().map((r) => r.headers.authorization)).toEqual(["Bearer user-token-1"]);

    srv.on("GET", /^\/v1\/devices$/, (r, res) => json(res, 200, { data: [], has_more: false, next_cursor: null }, r));
    const app = client({ auth: { type: "api_key", apiKey: "chekt_test_abcdefghijklmnopqrstuvwxyz012345" } });
    const { data } = await app.request("GET", "/v1/devices", { params: { query: { limit: 10 } } });
    expect(data).toEqual({ data: [], has_more: false, next_cursor: null });
    expect(srv.api((r) => r.path === "/v1/devices")[0].headers.authorization).toBe(
      "Bearer chekt_test_abcdefghijklmnopqrstuvwxyz012345",
    );
    expect(srv.api((r) => r.path === "/v1/devices")[0].url).toBe("/v1/devices?limit=10");
    expect(srv.tokenCount).toBe(0);
  });
});

describe("rate limit", () => {
  it("on a 429 waits Retry-After, then retries (a write too: CHeKT did not process it)", async () => {
    srv.on("PUT", SITE, (r, res, n) =>
      n === 1
        ? json(res, 429, { error: { code: "rate_limited", message: "slow down" } }, r, { "retry-after": "1" })
        : json(res, 200, { site_id: 2 }, r),
    );
    const c = client();
    await updateSite(c, { idempotencyKey: null });
    const [first, second] = srv.api();
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_000);
    // It waited the Retry-After and no more (the pacing sleeps end at the block's end).
    expect(clock.slept).toBeGreaterThan(0);
    expect(clock.slept).toBeLessThanOrEqual(1_000);
    expect(c.stats().rateLimitWaitMs).toBeGreaterThanOrEqual(950);
  });

  it("a 429 whose Retry-After does not fit the deadline fails at once, saying how long to wait", async () => {
    srv.on("GET", SITES, (r, res) =>
      json(res, 429, { error: { code: "rate_limited", message: "slow down" } }, r, { "retry-after": "30" }),
    );
    const c = client({ deadlineMs: 2_000 });
    const e = await caughtChektError(listSites(c));
    expect(clock.sleeps).toEqual([]); // failed without waiting
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterS).toBe(30);
    expect(e.toActionFailure().message).toBe("CHeKT is busy (rate limit); gave up. Try again in 30 s.");
    // The next call on this client does not hammer CHeKT either: it knows it must wait.
    const again = await caughtChektError(listSites(c));
    expect(again.kind).toBe("rate_limited");
    expect(srv.api()).toHaveLength(1);
  });

  it("a 429 storm: waits each Retry-After within the deadline and reports how long it waited", async () => {
    srv.on("GET", SITES, (r, res) =>
      json(res, 429, { error: { code: "rate_limited", message: "slow down" } }, r, { "retry-after": "1" }),
    );
    const c = client({ deadlineMs: 2_600 });
    const e = await caughtChektError(listSites(c));
    expect(e.kind).toBe("rate_limited");
    expect(srv.api().length).toBeGreaterThanOrEqual(2);
    expect(srv.api().length).toBeLessThanOrEqual(3);
    expect(e.waitedMs).toBeGreaterThanOrEqual(1900);
    expect(e.waitedMs).toBeLessThanOrEqual(2_600);
    // Said by the one rule for waits a dealer sees (rounded up): two 1 s waits and the requests' own milliseconds on
    // the test's clock read "3 s" as soon as they pass 2,000 ms, as a busy machine makes them.
    const said = waitSeconds(e.waitedMs);
    expect(e.toActionFailure().message).toMatch(
      new RegExp(`^CHeKT is busy \\(rate limit\\); waited ${said} s and gave up\\.`),
    );
  });

  it("paces by X-RateLimit-Remaining: with nothing left, the next call waits a token, not the Reset", async () => {
    let resetS = 0;
    srv.on("GET", SITES, (r, res, n) => {
      // Reset is when CHeKT's bucket is full again (five tokens at 60 a minute), not the next token.
      if (n === 1) resetS = Math.ceil(clock.now() / 1000) + 5;
      json(res, 200, [], r, {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": n === 1 ? "0" : "5",
        "x-ratelimit-reset": String(resetS),
      });
    });
    const c = client();
    await listSites(c);
    await listSites(c);
    const [first, second] = srv.api();
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.at).toBeLessThan(resetS * 1000 - 3_000);
    expect(clock.slept).toBeGreaterThan(0);
    expect(clock.slept).toBeLessThanOrEqual(1_000);
    // With budget left, calls go straight out.
    const slept = clock.slept;
    await listSites(c);
    expect(clock.slept).toBe(slept);
  });

  it("a burst never overshoots the budget CHeKT announced", async () => {
    let reset = 0;
    srv.on("GET", SITES, (r, res, n) => {
      if (reset === 0) reset = Math.ceil(clock.now() / 1000) + 1;
      // CHeKT allows 3 now; the answer counts the calls it has seen.
      json(res, 200, [], r, {
        "x-ratelimit-remaining": String(Math.max(0, 3 - n)),
        "x-ratelimit-reset": String(reset),
      });
    });
    const c = client();
    await listSites(c); // learn: 2 left
    await Promise.all(Array.from({ length: 5 }, () => listSites(c)));
    const calls = srv.api();
    const beforeReset = calls.filter((r) => r.at < reset * 1000 - 5);
    expect(beforeReset.length).toBeLessThanOrEqual(3);
    expect(calls).toHaveLength(6);
  });
});

describe("retries", () => {
  it("retries a GET on 500 and then succeeds, with the same trace id", async () => {
    srv.on("GET", SITES, (r, res, n) =>
      n < 3
        ? json(res, 500, { error: { code: "internal_error", message: "boom" } }, r)
        : json(res, 200, [{ site_id: "7", created_at: "2025-01-01 00:00:00" }], r),
    );
    const c = client();
    const { data, attempts } = await listSites(c);
    expect(attempts).toBe(3);
    // Tolerant reader: string IDs and the space date format come back normalized.
    expect(data).toEqual([{ site_id: 7, created_at: "2025-01-01T00:00:00.000Z" }]);
    expect(new Set(srv.api().map((r) => r.headers["x-partner-trace-id"])).size).toBe(1);
    expect(c.stats().retries).toBe(2);
  });

  it("retries a write with an Idempotency-Key on 503, resending the same key and body", async () => {
    srv.on("PUT", SITE, (r, res, n) =>
      n === 1
        ? json(res, 503, { error: { code: "service_unavailable", message: "later" } }, r)
        : json(res, 200, { site_id: 2 }, r),
    );
    const c = client();
    await updateSite(c);
    const [a, b] = srv.api();
    expect(a.headers["idempotency-key"]).toMatch(UUID_RE);
    expect(b.headers["idempotency-key"]).toBe(a.headers["idempotency-key"]);
    expect(JSON.parse(b.body)).toEqual({ name: "New name" });
    expect(b.body).toBe(a.body);
  });

  it("sends a fresh Idempotency-Key on every write by default and the caller's stable one when given", async () => {
    srv.on("PUT", SITE, (r, res) => json(res, 200, { site_id: 2 }, r));
    srv.on("DELETE", SITE, (r, res) => json(res, 204, null, r));
    srv.on("GET", SITES, (r, res) => json(res, 200, [], r));
    const c = client();
    await updateSite(c);
    await updateSite(c);
    await updateSite(c, { idempotencyKey: "bulk-job-9-chunk-2", traceId: "my-trace" });
    const del = await c.request("DELETE", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
      params: { path: { dealerId: 1, siteId: 2 } },
    });
    expect(del.data).toBeUndefined();
    await listSites(c);
    const keys = srv.api().map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(UUID_RE);
    expect(keys[1]).toMatch(UUID_RE);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe("bulk-job-9-chunk-2");
    expect(srv.api()[2].headers["x-partner-trace-id"]).toBe("my-trace");
    expect(keys[3]).toMatch(UUID_RE);
    expect(keys[4]).toBeUndefined(); // reads carry none
  });

  it("retries after a dropped connection (socket hang up)", async () => {
    srv.on("GET", SITES, (r, res, n) => (n === 1 ? res.socket?.destroy() : json(res, 200, [], r)));
    srv.on("PUT", SITE, (r, res, n) => (n === 1 ? res.socket?.destroy() : json(res, 200, { site_id: 2 }, r)));
    const c = client();
    expect((await listSites(c)).attempts).toBe(2);
    expect((await updateSite(c)).attempts).toBe(2);
    const puts = srv.api((r) => r.method === "PUT");
    expect(puts[1].headers["idempotency-key"]).toBe(puts[0].headers["idempotency-key"]);
  });

  it("retries a connection dropped halfway through the body", async () => {
    srv.on("GET", SITES, (r, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('[{"site_id": 1');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      json(res, 200, [{ site_id: 1 }], r);
    });
    const { data, attempts } = await listSites(client());
    expect(attempts).toBe(2);
    expect(data).toEqual([{ site_id: 1 }]);
  });

  it("never retries a write without an Idempotency-Key and says it may have been saved", async () => {
    srv.on("PUT", SITE, (r, res) => json(res, 500, { error: { code: "internal_error", message: "boom" } }, r));
    const c = client();
    const e = await caughtChektError(updateSite(c, { idempotencyKey: null }));
    expect(srv.api()).toHaveLength(1);
    expect(srv.api()[0].headers["idempotency-key"]).toBeUndefined();
    expect(e.kind).toBe("server");
    expect(e.mayHaveApplied).toBe(true);
    expect(e.toActionFailure().message).toMatch(/may or may not have been saved — refresh to check/);

    srv.reset();
    srv.on("POST", SITES, (r, res) => res.socket?.destroy());
    const e2 = await caughtChektError(
      c.request(
        "POST",
        "/partner/v1/dealers/{dealerId}/sites",
        { params: { path: { dealerId: 1 } }, body: { external_site_id: "s-1", name: "A", timezone: "UTC" } },
        { idempotencyKey: null },
      ),
    );
    expect(srv.api()).toHaveLength(1);
    expect(e2.kind).toBe("network");
    expect(e2.mayHaveApplied).toBe(true);
  });

  it("stops retrying at the deadline", async () => {
    srv.on("GET", SITES, (r, res) => json(res, 503, { error: { code: "service_unavailable", message: "down" } }, r));
    const c = client({ deadlineMs: 600, backoffBaseMs: 100, backoffMaxMs: 200, maxAttempts: 50 });
    const e = await caughtChektError(listSites(c));
    // No backoff starts that would leave less than 250 ms of the deadline for its attempt.
    expect(clock.slept).toBeLessThanOrEqual(600 - 250);
    expect(e.attempts).toBeLessThan(50);
    expect(e.kind).toBe("server");
    expect(e.status).toBe(503);
    expect(e.mayHaveApplied).toBe(false);
    expect(e.attempts).toBe(srv.api().length);
    expect(srv.api().length).toBeGreaterThanOrEqual(2);
  });

  it("stops after maxAttempts", async () => {
    srv.on("GET", SITES, (r, res) => json(res, 502, "Bad Gateway", r));
    const e = await caughtChektError(listSites(client({ maxAttempts: 3 })));
    expect(srv.api()).toHaveLength(3);
    expect(e.status).toBe(502);
  });
});

describe("timeouts and unreachable", () => {
  it("a GET that gets no answer times out per attempt, is retried, and fails by the deadline", async () => {
    srv.on("GET", SITES, () => undefined); // never answers
    const c = client({ timeoutMs: 200, deadlineMs: 900, maxAttempts: 50 });
    const started = clock.now();
    const e = await caughtChektError(listSites(c));
    expect(e.kind).toBe("timeout");
    expect(e.mayHaveApplied).toBe(false);
    expect(srv.api().length).toBeGreaterThanOrEqual(2);
    expect(clock.now() - started).toBeGreaterThanOrEqual(380);
    // By the deadline: each attempt but the last got its full 200 ms and the backoffs fit between them
    // (each timer fires no earlier than asked, so only the last attempt's may have been cut short).
    expect((e.attempts - 1) * 200 + clock.slept).toBeLessThanOrEqual(900);
    expect(e.attempts).toBeLessThanOrEqual(4);
    expect(e.toActionFailure().message).toBe("CHeKT did not answer in time. Try again shortly.");
  });

  it("a write without a key that times out is not resent and says the change may have been saved", async () => {
    srv.on("PUT", SITE, () => undefined);
    const e = await caughtChektError(updateSite(client({ timeoutMs: 200 }), { idempotencyKey: null }));
    expect(srv.api()).toHaveLength(1);
    expect(e.kind).toBe("timeout");
    expect(e.toActionFailure().message).toBe(
      "CHeKT did not answer in time; the change may or may not have been saved — refresh to check before trying again.",
    );
  });

  it("a per-call timeout overrides the client's", async () => {
    srv.on("GET", SITES, (r, res) => setTimeout(() => json(res, 200, [], r), 300));
    const c = client({ timeoutMs: 100, deadlineMs: 250 });
    expect((await caughtChektError(listSites(c))).kind).toBe("timeout");
    expect((await listSites(c, { timeoutMs: 1000, deadlineMs: 2000 })).data).toEqual([]);
  });

  it("a caller's AbortSignal cancels the call (and its retries) with an 'aborted' ChektError", async () => {
    const ac = new AbortController();
    // Cancelled while CHeKT holds the request (it never answers): not a timeout 5 s later.
    srv.on("GET", SITES, () => ac.abort());
    const e = await caughtChektError(listSites(client({ timeoutMs: 5_000 }), { signal: ac.signal }));
    expect(e.kind).toBe("network");
    expect(e.code).toBe("aborted");
    // Not resent after the abort, and no backoff begun.
    expect(srv.api()).toHaveLength(1);
    expect(e.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("an abort during the backoff between retries is an 'aborted' ChektError too", async () => {
    srv.on("GET", SITES, (r, res) => json(res, 503, { error: { code: "service_unavailable", message: "down" } }, r));
    const ac = new AbortController();
    const c = client({ backoffBaseMs: 2_000, backoffMaxMs: 2_000 });
    clock.hold = true;
    const backoff = clock.nextSleep();
    const p = caughtChektError(listSites(c, { signal: ac.signal }));
    await backoff;
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1_000);
    ac.abort();
    const e = await p;
    expect(e.code).toBe("aborted");
    expect(srv.api()).toHaveLength(1);
  });

  it("a closed port is 'Could not reach CHeKT. Nothing was saved.' — even for a write", async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const c = createChektClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { type: "api_key", apiKey: "k" },
      deadlineMs: 500,
      backoffBaseMs: 20,
    });
    const e = await caughtChektError(
      c.request(
        "PUT",
        "/partner/v1/dealers/{dealerId}/sites/{siteId}",
        { params: { path: { dealerId: 1, siteId: 2 } }, body: { name: "x" } },
        { idempotencyKey: null },
      ),
    );
    expect(e.kind).toBe("network");
    expect(e.code).toBe("econnrefused");
    expect(e.mayHaveApplied).toBe(false);
    expect(e.toActionFailure().message).toBe("Could not reach CHeKT. Nothing was saved.");
    // Never sent, so resending was safe: it tried more than once within the deadline.
    expect(e.attempts).toBeGreaterThan(1);
  });
});

describe("error mapping", () => {
  const envelope = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
    error: { code, message, request_id: "req_abc", ...extra },
  });
  const nest = (status: number, error: string, message: string | string[]) => ({ statusCode: status, error, message });
  const cases: Array<{
    status: number;
    body: unknown;
    kind: string;
    code: string;
    fieldErrors?: Record<string, string>;
    words: RegExp;
  }> = [
    {
      status: 400,
      body: envelope("validation_failed", "name is required", { field: "name" }),
      kind: "validation",
      code: "validation_failed",
      fieldErrors: { name: "name is required" },
      words: /see the fields/,
    },
    {
      status: 400,
      body: nest(400, "Bad Request", ["name must not be empty", "timezone must be a valid IANA time zone"]),
      kind: "validation",
      code: "bad_request",
      fieldErrors: { name: "name must not be empty", timezone: "timezone must be a valid IANA time zone" },
      words: /see the fields/,
    },
    {
      status: 401,
      body: envelope("invalid_api_key", "key revoked"),
      kind: "unauthorized",
      code: "invalid_api_key",
      words: /refused our credentials/,
    },
    {
      status: 401,
      body: nest(401, "Unauthorized", "Unauthorized"),
      kind: "unauthorized",
      code: "unauthorized",
      words: /refused our credentials/,
    },
    {
      status: 403,
      body: envelope("permission_denied", "dealer 3 is not connected to this partner"),
      kind: "forbidden",
      code: "permission_denied",
      words: /reconnect it on the Dealer page/,
    },
    {
      status: 403,
      body: nest(403, "Forbidden", "Forbidden resource"),
      kind: "forbidden",
      code: "forbidden",
      words: /CHeKT refused access/,
    },
    {
      status: 404,
      body: envelope("not_found", "site 2 not found"),
      kind: "not_found",
      code: "not_found",
      words: /could not find it: site 2 not found/,
    },
    {
      status: 404,
      body: nest(404, "Not Found", "Site not found"),
      kind: "not_found",
      code: "not_found",
      words: /could not find it/,
    },
    {
      status: 409,
      body: envelope("conflict", "external_site_id already exists", { field: "external_site_id" }),
      kind: "conflict",
      code: "conflict",
      fieldErrors: { external_site_id: "external_site_id already exists" },
      words: /duplicate/,
    },
    {
      status: 409,
      body: envelope("idempotency_conflict", "different body"),
      kind: "conflict",
      code: "idempotency_conflict",
      words: /same request key/,
    },
    {
      status: 409,
      body: nest(409, "Conflict", "external_site_id already exists"),
      kind: "conflict",
      code: "conflict",
      fieldErrors: { external_site_id: "external_site_id already exists" },
      words: /duplicate/,
    },
    {
      status: 422,
      body: envelope("validation_failed", "bad", { details: [{ field: "security_type", message: "must be 1..4" }] }),
      kind: "validation",
      code: "validation_failed",
      fieldErrors: { security_type: "must be 1..4" },
      words: /see the fields/,
    },
    {
      status: 422,
      body: nest(422, "Unprocessable Entity", ["security_type must be one of 1, 2, 3, 4"]),
      kind: "validation",
      code: "unprocessable_entity",
      fieldErrors: { security_type: "security_type must be one of 1, 2, 3, 4" },
      words: /see the fields/,
    },
    {
      status: 429,
      body: envelope("rate_limited", "too many requests"),
      kind: "rate_limited",
      code: "rate_limited",
      words: /CHeKT is busy \(rate limit\)/,
    },
    {
      status: 429,
      body: nest(429, "Too Many Requests", "ThrottlerException: Too Many Requests"),
      kind: "rate_limited",
      code: "too_many_requests",
      words: /CHeKT is busy/,
    },
    {
      status: 500,
      body: envelope("internal_error", "boom"),
      kind: "server",
      code: "internal_error",
      words: /CHeKT had a problem \(HTTP 500\)/,
    },
    {
      status: 500,
      body: nest(500, "Internal Server Error", "Internal server error"),
      kind: "server",
      code: "internal_server_error",
      words: /HTTP 500/,
    },
    { status: 503, body: "Service Unavailable", kind: "server", code: "server_error", words: /HTTP 503/ },
  ];

  const shape = (body: unknown) =>
    typeof body === "object" && body && "statusCode" in body
      ? "NestJS"
      : typeof body === "string"
        ? "text"
        : "envelope";
  for (const c of cases) {
    it(`${c.status} ${shape(c.body)} body → ${c.kind} (${c.code})`, async () => {
      srv.on("PUT", SITE, (r, res) =>
        typeof c.body === "string"
          ? (res.writeHead(c.status, {
              "content-type": "text/plain",
              "x-partner-trace-id": r.headers["x-partner-trace-id"] as string,
            }),
            res.end(c.body))
          : json(res, c.status, c.body, r, c.status === 429 ? { "retry-after": "60" } : {}),
      );
      const e = await caughtChektError(
        updateSite(client({ maxAttempts: 1, deadlineMs: 1000 }), { traceId: "trace-xyz" }),
      );
      expect(e.status).toBe(c.status);
      expect(e.kind).toBe(c.kind);
      expect(e.code).toBe(c.code);
      expect(e.fieldErrors).toEqual(c.fieldErrors ?? {});
      expect(e.traceId).toBe("trace-xyz");
      expect(e.method).toBe("PUT");
      expect(e.path).toBe("/partner/v1/dealers/{dealerId}/sites/{siteId}");
      const f = e.toActionFailure();
      expect(f.message).toMatch(c.words);
      expect(f.traceId).toBe("trace-xyz");
      if (c.fieldErrors) expect(f.fieldErrors).toEqual(c.fieldErrors);
      // Never a stack trace, a token or a secret in what reaches the user.
      expect(JSON.stringify(f)).not.toMatch(/tok-\d|secret|at .*\.ts/);
    });
  }

  it("a 2xx body that is not JSON is a 'server' ChektError, not a crash", async () => {
    srv.on("GET", SITES, (r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html>gateway</html>");
    });
    const e = await caughtChektError(listSites(client()));
    expect(e.kind).toBe("server");
    expect(e.code).toBe("unreadable_response");
  });
});
