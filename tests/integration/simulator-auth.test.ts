/** The simulator's credential rules: partner tokens, user tokens (code + PKCE), client assertions, API keys. */
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DEMO } from "../../simulator/seed";
import { keyPartner, partnerToken, sim as control } from "./simulator-helpers";

let s: RunningSimulator;
const form = (body: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(body),
});
async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const res = await fetch(`${s.url}${path}`, { ...init, headers, redirect: "manual" });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON off the wire, asserted on by shape
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* html */
  }
  return { status: res.status, body, headers: res.headers };
}

beforeAll(async () => {
  s = await startSimulator({
    port: 0,
    config: { validateResponses: true, rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 },
  });
  await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
});
afterAll(async () => s?.close());
/**
 * The simulator runs in this process and reads the time from Date, so a test that needs time to
 * pass fakes Date alone (timers and I/O stay real) and moves it on instead of sleeping.
 */
function advanceClock(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}
/** Runs `fn` with the simulator's `lifetime` setting at `seconds` and Date faked, then puts both back. */
async function withLifetime(
  lifetime: "tokenTtlS" | "authCodeTtlS" | "keyGraceS",
  seconds: number,
  fn: () => Promise<void>,
) {
  const before = s.config[lifetime];
  s.config[lifetime] = seconds;
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    await fn();
  } finally {
    vi.useRealTimers();
    s.config[lifetime] = before;
  }
}

describe("partner tokens", () => {
  it("refuses a missing, malformed or unknown token with 401 invalid_token", async () => {
    for (const token of [undefined, "not-a-token"]) {
      const r = await call("/partner/v1/dealers/1/sites", { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("invalid_token");
      expect(r.body.error.request_id).toMatch(/^req_/);
    }
  });

  it("refuses a wrong client secret and an unknown client with 401 invalid_client", async () => {
    const wrong = await call(
      "/oauth/token",
      form({ grant_type: "client_credentials", client_id: DEMO.partner.clientId, client_secret: "nope" }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_client");
    const unknown = await call(
      "/oauth/token",
      form({ grant_type: "client_credentials", client_id: "who", client_secret: "x" }),
    );
    expect(unknown.status).toBe(401);
    const missing = await call(
      "/oauth/token",
      form({ grant_type: "client_credentials", client_id: DEMO.partner.clientId }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "validation_failed", field: "client_secret" });
    const grant = await call("/oauth/token", form({ grant_type: "password" }));
    expect(grant.body.error.code).toBe("unsupported_grant_type");
  });

  it("expires tokens after tokenTtlS and then answers 401", async () => {
    await withLifetime("tokenTtlS", 1, async () => {
      const t = await partnerToken(s.url);
      expect((await call("/partner/v1/dealers/1", { token: t })).status).toBe(200);
      advanceClock(1100);
      const r = await call("/partner/v1/dealers/1", { token: t });
      expect(r.status).toBe(401);
      expect(r.body.error.message).toContain("expired");
    });
  });

  it("reaches only dealers connected to its partner (403), unknown dealers are 404", async () => {
    const t = await partnerToken(s.url);
    // A dealer of its own, connected to no partner: the seeded Coastal dealer is connected by another test.
    const alone = await control(s.url, "POST", "/_sim/dealers", { company_name: "Nobody's dealer" });
    expect(alone.status).toBe(201);
    expect((await call(`/partner/v1/dealers/${alone.body.dealer_id}/sites`, { token: t })).status).toBe(403);
    expect((await call("/partner/v1/dealers/999/sites", { token: t })).status).toBe(404);
    const other = await control(s.url, "POST", "/_sim/partners", { name: "Other partner" });
    const ot = await partnerToken(s.url, other.body.client_id, other.body.client_secret);
    const r = await call("/partner/v1/dealers/1/sites", { token: ot });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("permission_denied");
    // A dealer connected to the other partner is reachable by it and not by the demo partner.
    const d = await control(s.url, "POST", "/_sim/dealers", {
      company_name: "Other's dealer",
      client_id: other.body.client_id,
      external_dealer_id: "o-1",
    });
    expect((await call(`/partner/v1/dealers/${d.body.dealer_id}`, { token: ot })).status).toBe(200);
    expect((await call(`/partner/v1/dealers/${d.body.dealer_id}`, { token: t })).status).toBe(403);
  });

  it("accepts a client assertion signed with the registered key, rejects another key and a replayed jti", async () => {
    const partner = await keyPartner(s.url);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const body = (a: string) =>
      form({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: a,
      });
    const good = await partner.assertion();
    expect((await call("/oauth/token", body(good))).status).toBe(200);
    const replay = await call("/oauth/token", body(good));
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toContain("jti");
    const forged = await call("/oauth/token", body(await partner.assertion(otherKey)));
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("invalid_client");
  });
});

describe("authorization code + PKCE", () => {
  const redirect = "http://127.0.0.1:9/callback";
  const start = (verifier: string, state: string) => ({
    response_type: "code",
    client_id: DEMO.partner.clientId,
    redirect_uri: redirect,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
  });
  async function approve(
    verifier: string,
    state: string,
    email: string = DEMO.dealers.coastal.admin,
    password = DEMO.password,
  ) {
    return call("/oauth/authorize", form({ ...start(verifier, state), email, password, decision: "approve" }));
  }
  const exchange = (code: string, verifier: string) =>
    call(
      "/oauth/token",
      form({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
        client_id: DEMO.partner.clientId,
      }),
    );

  it("shows the approval page; a bad request shows an error page, never a redirect", async () => {
    const v = randomBytes(40).toString("base64url");
    const ok = await call(`/oauth/authorize?${new URLSearchParams(start(v, "s1"))}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("Sign in and approve");
    const bad = await call(
      `/oauth/authorize?${new URLSearchParams({ ...start(v, "s1"), code_challenge_method: "plain" })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("location")).toBeNull();
    expect(bad.body).toContain("code_challenge_method must be one of S256");
  });

  it("passes state through, issues a single-use code checked against the verifier", async () => {
    const v = randomBytes(40).toString("base64url");
    const a = await approve(v, "state-123");
    expect(a.status).toBe(302);
    const loc = new URL(a.headers.get("location")!);
    expect(loc.origin + loc.pathname).toBe(redirect);
    expect(loc.searchParams.get("state")).toBe("state-123");
    const code = loc.searchParams.get("code")!;
    const wrong = await exchange(code, randomBytes(40).toString("base64url"));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("invalid_grant");
    // The failed attempt used the code up.
    expect((await exchange(code, v)).status).toBe(400);

    const v2 = randomBytes(40).toString("base64url");
    const code2 = new URL((await approve(v2, "s")).headers.get("location")!).searchParams.get("code")!;
    expect((await exchange(code2, v2)).status).toBe(200);
    const again = await exchange(code2, v2);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain("already used");
  });

  it("expires codes after authCodeTtlS", async () => {
    await withLifetime("authCodeTtlS", 0.2, async () => {
      const v = randomBytes(40).toString("base64url");
      const code = new URL((await approve(v, "s")).headers.get("location")!).searchParams.get("code")!;
      advanceClock(300);
      const r = await exchange(code, v);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain("expired");
    });
  });

  it("refuses a wrong password and a non-admin user on the page; deny redirects with access_denied", async () => {
    const v = randomBytes(40).toString("base64url");
    const wrong = await approve(v, "s", DEMO.dealers.coastal.admin, "bad");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain("Wrong email or password");
    const staff = await approve(v, "s", DEMO.staffUser);
    expect(staff.status).toBe(401);
    expect(staff.body).toContain("Only a dealer admin");
    const deny = await call("/oauth/authorize", form({ ...start(v, "keep-me"), decision: "deny" }));
    expect(deny.status).toBe(302);
    const loc = new URL(deny.headers.get("location")!);
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("state")).toBe("keep-me");
  });

  it("a user token only works for PUT /dealers/connect, for its user's dealer; a partner token cannot", async () => {
    const v = randomBytes(40).toString("base64url");
    const code = new URL((await approve(v, "s")).headers.get("location")!).searchParams.get("code")!;
    const user = (await exchange(code, v)).body.access_token as string;
    const partner = await partnerToken(s.url);
    const body = JSON.stringify({ external_dealer_id: "coastal-guard", company_name: "Coastal Guard" });
    const json = { "content-type": "application/json" };
    const viaPartner = await call("/partner/v1/dealers/connect", {
      method: "PUT",
      body,
      headers: json,
      token: partner,
    });
    expect(viaPartner.status).toBe(401);
    expect((await call("/partner/v1/dealers/3/sites", { token: user })).status).toBe(401);
    const c = await call("/partner/v1/dealers/connect", { method: "PUT", body, headers: json, token: user });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ dealer_id: 3, external_dealer_id: "coastal-guard" });
    expect((await call("/partner/v1/dealers/3/sites", { token: partner })).status).toBe(200);
    const bad = await call("/partner/v1/dealers/connect", {
      method: "PUT",
      body: JSON.stringify({ external_dealer_id: "" }),
      headers: json,
      token: user,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      "company_name",
      "external_dealer_id",
    ]);
    // Another dealer cannot take an external id that is already connected.
    const v2 = randomBytes(40).toString("base64url");
    const code2 = new URL(
      (await approve(v2, "s", DEMO.dealers.northwind.admin)).headers.get("location")!,
    ).searchParams.get("code")!;
    const user2 = (await exchange(code2, v2)).body.access_token as string;
    const dup = await call("/partner/v1/dealers/connect", { method: "PUT", body, headers: json, token: user2 });
    expect(dup.status).toBe(409);
  });
});

describe("API keys (/v1)", () => {
  it("refuses missing, malformed and unknown keys with 401 invalid_api_key", async () => {
    for (const token of [undefined, "abc", "chekt_live_doesnotexist00000000000000"]) {
      const r = await call("/v1/devices", { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("invalid_api_key");
    }
  });

  it("refuses an operation whose scope the app lacks with 403 permission_denied", async () => {
    const app = await control(s.url, "POST", "/_sim/apps", { dealer_id: 1, scopes: ["devices:read"] });
    expect(app.status).toBe(201);
    expect(app.body.api_key).toMatch(/^chekt_test_/);
    expect((await call("/v1/devices", { token: app.body.api_key })).status).toBe(200);
    for (const p of ["/v1/alarms", "/v1/events", "/v1/sites", "/v1/snapshots/snap_1"]) {
      const r = await call(p, { token: app.body.api_key });
      expect(r.status, p).toBe(403);
      expect(r.body.error.code).toBe("permission_denied");
    }
  });

  it("scopes the key to its dealer: another dealer's device is 404 device_not_found", async () => {
    const app = await control(s.url, "POST", "/_sim/apps", { dealer_id: 2, scopes: ["devices:read"] });
    const r = await call("/v1/devices/dev_1", { token: app.body.api_key });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("device_not_found");
    const list = await call("/v1/devices?limit=100", { token: app.body.api_key });
    expect(list.body.data.every((d: { site_id: string }) => ["site_8", "site_9", "site_10"].includes(d.site_id))).toBe(
      true,
    );
  });

  it("after a rotation the old key works for the grace period, then is refused; revoke is immediate", async () => {
    const app = await control(s.url, "POST", "/_sim/apps", { dealer_id: 1, scopes: ["devices:read"] });
    const old = app.body.api_key as string;
    await withLifetime("keyGraceS", 2, async () => {
      const rot = await control(s.url, "POST", `/_sim/apps/${app.body.id}/rotate-key`, {});
      expect(rot.status).toBe(200);
      const fresh = rot.body.api_key as string;
      expect(fresh).not.toBe(old);
      expect((await call("/v1/devices", { token: old })).status).toBe(200);
      expect((await call("/v1/devices", { token: fresh })).status).toBe(200);
      advanceClock(2100);
      expect((await call("/v1/devices", { token: old })).status).toBe(401);
      expect((await call("/v1/devices", { token: fresh })).status).toBe(200);
      await control(s.url, "POST", `/_sim/apps/${app.body.id}/revoke-key`, {});
      const revoked = await call("/v1/devices", { token: fresh });
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.message).toContain("revoked");
    });
  });

  it("the default grace after a rotation is 24 hours", async () => {
    const app = await control(s.url, "POST", "/_sim/apps", { dealer_id: 1 });
    const before = Date.now();
    const rot = await control(s.url, "POST", `/_sim/apps/${app.body.id}/rotate-key`, {});
    const graceMs = Date.parse(rot.body.previous_key_expires_at) - before;
    expect(graceMs).toBeGreaterThan(24 * 3600 * 1000 - 5000);
    expect(graceMs).toBeLessThan(24 * 3600 * 1000 + 5000);
  });
});
