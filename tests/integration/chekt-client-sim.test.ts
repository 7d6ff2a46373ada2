/**
 * The CHeKT client against the real simulator over HTTP: tokens that really expire, a JWT client
 * assertion checked with a registered public key, the simulator's own rate limiter and faults,
 * and its error bodies.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearSimFaults, simConfig, simFault, simNewDealer, simNewPartner } from "../support/sim-world";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DEMO } from "../../simulator/seed";
import type { ChektClientConfig } from "../../lib/chekt/client";
import { ChektError } from "../../lib/chekt/errors";
import { listQueryParams } from "../../lib/chekt/list-query";
import { caughtChektError, demoPartnerClient } from "../support/chekt";
import { SkipClock } from "../support/clock";

const client = (over: Partial<ChektClientConfig> = {}) => demoPartnerClient(sim.url, over);

let sim: RunningSimulator;

const ACME = DEMO.dealers.acme.id;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: "demo",
    config: { tokenTtlS: 2, rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 },
  });
});
afterAll(() => sim?.close());
beforeEach(async () => {
  await clearSimFaults(sim.url);
  await simConfig(sim.url, { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000, tokenTtlS: 3600 });
});

describe("against the simulator", () => {
  it("one token for 50 concurrent calls; each call's trace id is echoed; X-Total-Count is read", async () => {
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        c.request("GET", "/partner/v1/dealers/{dealerId}/sites", {
          params: { path: { dealerId: ACME }, query: listQueryParams({ limit: 2 }) },
        }),
      ),
    );
    expect(c.stats().tokenRequests).toBe(1);
    expect(c.stats().requests).toBe(51);
    expect(new Set(results.map((r) => r.traceId)).size).toBe(50);
    for (const r of results) {
      expect(r.data).toHaveLength(2);
      expect(r.totalCount).toBeGreaterThan(2);
    }
  });

  it("a token that expired on the simulator is replaced, and the call still succeeds", async () => {
    await simConfig(sim.url, { tokenTtlS: 2 });
    const clock = new SkipClock();
    const c = client({ clock });
    await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } });
    // 1.9 s pass on both sides: the simulator's tokens run out (as they would at 2 s) and the client's clock moves.
    clock.skip(1_900);
    for (const t of sim.state.tokens.values()) t.expires_at = Date.now() - 1;
    // Cached until 10% before its 2 s life: after that a new one is asked for, before CHeKT refuses it.
    const { data } = await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } });
    expect(data).toMatchObject({ dealer_id: ACME, external_dealer_id: "acme-security" });
    // token, GET, token, GET: no 401 met on the way.
    expect(c.stats()).toMatchObject({ tokenRequests: 2, requests: 4 });
  });

  it("a token the simulator forgot (401) is refreshed once, transparently", async () => {
    const c = client();
    await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } });
    sim.state.tokens.clear(); // e.g. CHeKT revoked every token
    const { data } = await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } });
    expect(data).toMatchObject({ dealer_id: ACME });
    // token, GET, GET → 401, token, GET
    expect(c.stats()).toMatchObject({ tokenRequests: 2, requests: 5 });
  });

  it("authenticates with an RS256 client assertion against a registered public key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const clientId = `jwt-partner-${randomUUID().slice(0, 8)}`;
    const partner = await simNewPartner(sim.url, {
      client_id: clientId,
      client_secret: null,
      public_key_pem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    });
    const dealer = await simNewDealer(sim.url, {
      company_name: "JWT Dealer",
      partner_id: partner.id,
      external_dealer_id: `ext-${clientId}`,
    });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    // As it would come from a one-line .env value.
    const c = client({ auth: { type: "private_key_jwt", clientId, privateKey: pem.replace(/\n/g, "\\n") } });
    const { data } = await c.request("GET", "/partner/v1/dealers/{dealerId}", {
      params: { path: { dealerId: dealer.dealer_id } },
    });
    expect(data).toMatchObject({ dealer_id: dealer.dealer_id, external_dealer_id: `ext-${clientId}` });
    // A second token request signs a new assertion (new jti): the simulator refuses reused ones.
    sim.state.tokens.clear();
    await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: dealer.dealer_id } } });
    expect(c.stats().tokenRequests).toBe(2);

    // The wrong key is refused as credentials, and no API call is made.
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const bad = client({ auth: { type: "private_key_jwt", clientId, privateKey: other } });
    const e = await caughtChektError(
      bad.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: dealer.dealer_id } } }),
    );
    expect(e.kind).toBe("unauthorized");
    expect(e.code).toBe("invalid_client");
    expect(bad.stats().requests).toBe(1);
    expect(e.toActionFailure().message).toMatch(/^CHeKT refused our credentials/);
  });

  it("an unreadable private key is a 'config' error before anything is sent", () => {
    expect(() => client({ auth: { type: "private_key_jwt", clientId: "x", privateKey: "not a pem" } })).toThrow(
      ChektError,
    );
    try {
      client({ auth: { type: "private_key_jwt", clientId: "x", privateKey: "not a pem" } });
    } catch (e) {
      expect((e as ChektError).kind).toBe("config");
      expect((e as ChektError).toActionFailure().message).toMatch(/not configured correctly/);
    }
  });

  it("wrong client secret → unauthorized", async () => {
    const e = await caughtChektError(
      client({ auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: "wrong" } }).request(
        "GET",
        "/partner/v1/dealers/{dealerId}",
        { params: { path: { dealerId: ACME } } },
      ),
    );
    expect(e.kind).toBe("unauthorized");
    expect(e.status).toBe(401);
  });

  it("maps real errors: 400 fields, 403 not connected, 404, 409 duplicate, 409 idempotency conflict", async () => {
    const c = client();
    const bad = await caughtChektError(
      c.request("POST", "/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: ACME } },
        body: { external_site_id: "x-1", name: "", timezone: "Not/AZone" },
      }),
    );
    expect(bad.kind).toBe("validation");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.fieldErrors)).toEqual(expect.arrayContaining(["name"]));
    expect(bad.toActionFailure().message).toBe("CHeKT did not accept the change (see the fields).");
    expect(bad.requestId).toMatch(/^req_/);

    const forbidden = await caughtChektError(
      c.request("GET", "/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: DEMO.dealers.coastal.id } },
      }),
    );
    expect(forbidden.kind).toBe("forbidden");
    expect(forbidden.status).toBe(403);

    const missing = await caughtChektError(
      c.request("GET", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
        params: { path: { dealerId: ACME, siteId: 999_999 } },
      }),
    );
    expect(missing.kind).toBe("not_found");

    const ext = `dup-${randomUUID().slice(0, 8)}`;
    const body = { external_site_id: ext, name: "Dup test", timezone: "UTC" };
    const created = await c.request("POST", "/partner/v1/dealers/{dealerId}/sites", {
      params: { path: { dealerId: ACME } },
      body,
    });
    expect(created.response.status).toBe(201);
    const dup = await caughtChektError(
      c.request("POST", "/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId: ACME } }, body }),
    );
    expect(dup.kind).toBe("conflict");

    const key = randomUUID();
    const siteId = (created.data as { site_id: number }).site_id;
    const put = (name: string) =>
      c.request(
        "PUT",
        "/partner/v1/dealers/{dealerId}/sites/{siteId}",
        { params: { path: { dealerId: ACME, siteId } }, body: { name } },
        { idempotencyKey: key },
      );
    const first = await put("Renamed once");
    const replay = await put("Renamed once");
    expect(replay.data).toEqual(first.data);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    const conflict = await caughtChektError(put("Renamed twice"));
    expect(conflict.kind).toBe("conflict");
    expect(conflict.code).toBe("idempotency_conflict");
  });

  it("reads the simulator's answers with the tolerant reader (dates ISO, IDs numbers)", async () => {
    const { data } = await client().request("GET", "/partner/v1/dealers/{dealerId}/sites", {
      params: { path: { dealerId: ACME }, query: listQueryParams({ limit: 3 }) },
    });
    for (const s of data as Array<{ site_id: unknown; created_at: unknown }>) {
      expect(typeof s.site_id).toBe("number");
      expect(s.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it("retries the simulator's injected 5xx and dropped connections, then succeeds", async () => {
    const siteList = { path: "/partner/v1/dealers/*/sites", method: "GET" };
    const c = client();
    const listSites = () =>
      c.request("GET", "/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId: ACME } } });
    await simFault(sim.url, { ...siteList, rate_5xx: 1, status_5xx: 500, count: 2 });
    expect((await listSites()).attempts).toBe(3);
    await simFault(sim.url, { ...siteList, drop_rate: 1, count: 1 });
    expect((await listSites()).attempts).toBe(2);
  });

  it("a write without a key is not resent after the simulator drops the connection", async () => {
    await simFault(sim.url, { path: "/partner/v1/dealers/*/sites/*", method: "PUT", drop_rate: 1, count: 1 });
    const e = await caughtChektError(
      client().request(
        "PUT",
        "/partner/v1/dealers/{dealerId}/sites/{siteId}",
        { params: { path: { dealerId: ACME, siteId: 1 } }, body: { name: "No key" } },
        { idempotencyKey: null },
      ),
    );
    expect(e.kind).toBe("network");
    expect(e.attempts).toBe(1);
    expect(e.mayHaveApplied).toBe(true);
  });

  it("times out on the simulator's 2 s delay", async () => {
    await simFault(sim.url, { path: "/partner/v1/dealers/*", method: "GET", delay_ms: 2_000 });
    const clock = new SkipClock();
    const e = await caughtChektError(
      client({ timeoutMs: 300, deadlineMs: 1_000, clock }).request("GET", "/partner/v1/dealers/{dealerId}", {
        params: { path: { dealerId: ACME } },
      }),
    );
    expect(e.kind).toBe("timeout");
    // Each attempt was cut at 300 ms (none waited for the 2 s answer), and the retries fit the 1 s deadline.
    expect(e.attempts).toBeGreaterThanOrEqual(1);
    expect((e.attempts - 1) * 300 + clock.slept).toBeLessThanOrEqual(1_000);
  });

  it("paces itself under the simulator's real token bucket: every call lands, few or no 429s", async () => {
    await simConfig(sim.url, { rateLimitPerMin: 600, rateLimitBurstPerS: 5 });
    const seen = { rateLimited: 0, refreshed: 0 };
    const c = client({
      deadlineMs: 20_000,
      onEvent: (e) => {
        if (e.type === "rate_limited") seen.rateLimited += 1;
        if (e.type === "token_refresh") seen.refreshed += 1;
      },
    });
    // The token, and the budget learnt from the answer's headers.
    await c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } });
    const statuses: number[] = [];
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } }).then((r) => {
          statuses.push(r.response.status);
          return r;
        }),
      ),
    );
    const took = Date.now() - started;
    expect(results).toHaveLength(20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const s = c.stats();
    // 5 burst + 10/s sustained: 20 calls cannot all go at once, so the limiter must have waited.
    expect(s.rateLimitWaitMs).toBeGreaterThan(0);
    // Paced by the headers, the 20 calls meet no 429 at all (allow one for clock granularity).
    expect(seen.rateLimited).toBeLessThanOrEqual(1);
    expect(s.requests).toBe(s.tokenRequests + 21 + seen.rateLimited + seen.refreshed);
    console.log(
      `[chekt-client-sim] 20 concurrent calls under 600/min burst 5: ${took} ms, ${seen.rateLimited} × 429, ` +
        `waits summed over calls ${s.rateLimitWaitMs} ms`,
    );
  });
});
