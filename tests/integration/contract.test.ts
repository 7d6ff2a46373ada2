/**
 * The contract test: every operation of lib/chekt/openapi.yaml is called through a client typed
 * by the generated schema.d.ts against a running simulator, and every answer (status, JSON body,
 * headers) is checked against the document with an ajv of its own. The last test fails when an
 * operation of the document was not called: it runs every other test's steps itself. Each test works
 * on a dealer of its own (a new one from the simulator's control API) and makes what it builds on.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { paths } from "../../lib/chekt/schema";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DEMO } from "../../simulator/seed";
import { simNewDealer, simPatchApp, simRaiseAlarm } from "../support/sim-world";
import { allOperations, checkResponse, keyPartner, partnerToken } from "./simulator-helpers";

let s: RunningSimulator;
let api: ReturnType<typeof createClient<paths>>;
let token = "";
const covered = new Set<string>();
const problems: string[] = [];

type Answered = { response: Response; data?: unknown; error?: unknown };

/**
 * Check one answer against the document and count its operation as covered. Returns the success body
 * as the client's types (from the same document) describe it; an error body is the call's `error`.
 */
async function check<R extends Answered>(
  method: string,
  template: string,
  r: R,
  expectStatus: number,
  opts: { projected?: boolean } = {},
): Promise<NonNullable<R["data"]>> {
  const body = r.data ?? r.error;
  expect(r.response.status, `${method} ${template}: ${JSON.stringify(body)}`).toBe(expectStatus);
  const ct = r.response.headers.get("content-type") ?? "";
  const { operationId, errors } = checkResponse(
    method,
    template,
    r.response.status,
    ct.includes("json") ? body : undefined,
    opts,
  );
  if (errors.length) problems.push(`${operationId} ${r.response.status}: ${errors.join("; ")}`);
  expect(errors, `${operationId} answer must match the document`).toEqual([]);
  expect(r.response.headers.get("x-partner-trace-id"), "trace id on every answer").toBeTruthy();
  expect(r.response.headers.get("x-ratelimit-limit"), "rate-limit headers on every answer").toMatch(/^\d+$/);
  expect(r.response.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
  expect(r.response.headers.get("x-ratelimit-reset")).toMatch(/^\d+$/);
  covered.add(operationId);
  // openapi-fetch leaves data undefined only for error answers and bodiless ones (204), which callers do not read.
  return r.data as NonNullable<R["data"]>;
}

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const idem = () => ({ "Idempotency-Key": randomUUID() });

beforeAll(async () => {
  s = await startSimulator({
    port: 0,
    seed: "demo",
    config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000, webhookRetryScale: 0.001 },
  });
  api = createClient<paths>({ baseUrl: s.url });
  // No receiver is needed here; keep deliveries from hitting localhost:3000.
  await simPatchApp(s.url, "app_1", { webhook_url: null });
  // The partner's client-credentials token (its own test checks the answer).
  token = await partnerToken(s.url, DEMO.partner.clientId, DEMO.partner.clientSecret);
});

afterAll(async () => {
  await s?.close();
});

let dealers = 0;
/** A new dealer in the simulator, its admin, and (unless `connected` is false) its link to the demo partner. */
async function newDealer(connected = true): Promise<{ dealerId: number; admin: { email: string; password: string } }> {
  const n = ++dealers;
  const link = connected ? { client_id: DEMO.partner.clientId, external_dealer_id: `contract-dealer-${n}` } : {};
  const made = await simNewDealer(s.url, {
    company_name: `Contract Dealer ${n}`,
    admin_email: `admin+contract-${n}@dealer.example`,
    ...link,
  });
  return { dealerId: made.dealer_id, admin: made.admin };
}

/** CHeKT's approval page, the dealer admin's approval and the code's exchange (PKCE): the answers. */
async function approveConnection(admin: { email: string; password: string }) {
  const pkce = { verifier: randomBytes(40).toString("base64url"), state: randomUUID() };
  const redirect = "http://127.0.0.1:1/api/dealers/connect/callback";
  const challenge = createHash("sha256").update(pkce.verifier).digest("base64url");
  const authorize = {
    response_type: "code",
    client_id: DEMO.partner.clientId,
    redirect_uri: redirect,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: pkce.state,
  } as const;
  const page = await api.GET("/oauth/authorize", {
    params: { query: authorize },
    parseAs: "text",
  });
  await check("get", "/oauth/authorize", page, 200);

  const approve = await api.POST("/oauth/authorize", {
    body: { ...authorize, email: admin.email, password: admin.password, decision: "approve" },
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  await check("post", "/oauth/authorize", approve, 302);
  const location = new URL(approve.response.headers.get("location")!);
  const code = location.searchParams.get("code")!;

  const r = await api.POST("/oauth/token", {
    body: {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirect,
      code_verifier: pkce.verifier,
      client_id: DEMO.partner.clientId,
    },
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const body = await check("post", "/oauth/token", r, 200);
  return { page, state: pkce.state, location, body };
}

/** A monitoring station of the dealer's, made as the stations test makes it. */
async function createStation(dealerId: number): Promise<number> {
  const c = await api.POST("/partner/v1/dealers/{dealerId}/monitoring-stations", {
    params: { path: { dealerId } },
    body: { external_monitoring_station_id: "ms-contract", name: "Contract Station", prefix: "CT" },
    headers: { ...bearer(token), ...idem() },
  });
  return (await check("post", "/partner/v1/dealers/{dealerId}/monitoring-stations", c, 201)).monitoring_station_id;
}

/** "Contract Site" on the station, made as the sites test makes it: CHeKT's answer. */
async function createSite(dealerId: number, stationId: number) {
  const c = await api.POST("/partner/v1/dealers/{dealerId}/sites", {
    params: { path: { dealerId } },
    body: {
      external_site_id: "contract-site-1",
      name: "Contract Site",
      timezone: "America/Chicago",
      monitoring_station_id: stationId,
      account_number: "9001",
      address1: "1 Test Way",
    },
    headers: { ...bearer(token), ...idem() },
  });
  return check("post", "/partner/v1/dealers/{dealerId}/sites", c, 201);
}

/** A new dealer's station and site, which most tests below work on. */
async function dealerSite(): Promise<{ dealerId: number; stationId: number; siteId: number }> {
  const { dealerId } = await newDealer();
  const stationId = await createStation(dealerId);
  return { dealerId, stationId, siteId: (await createSite(dealerId, stationId)).site_id };
}

/** Ana Lopez, a contact of the site, made as the contacts test makes her. */
async function createContact(dealerId: number, siteId: number): Promise<number> {
  const c = await api.POST("/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", {
    params: { path: { dealerId, siteId } },
    body: {
      external_contact_id: "ct-1",
      first_name: "Ana",
      last_name: "Lopez",
      phone_number: "+1-555-0100",
      email: "ana@example.com",
    },
    headers: { ...bearer(token), ...idem() },
  });
  return (await check("post", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", c, 201)).contact_id;
}

/** The devices test's bulk create: a camera, a bridge and a nameless camera CHeKT refuses; CHeKT's answer. */
async function createDevices(dealerId: number, siteId: number) {
  const c = await api.POST("/partner/v1/dealers/{dealerId}/sites/{siteId}/devices", {
    params: { path: { dealerId, siteId } },
    body: [
      { external_device_id: "cam-a", device_type: "camera", name: "Gate", zone_number: "001" },
      { external_device_id: "brg-a", device_type: "bridge", name: "Bridge" },
      { external_device_id: "cam-b", device_type: "camera", name: "" },
    ],
    headers: { ...bearer(token), ...idem() },
  });
  return check("post", "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices", c, 201);
}

/** Each test's steps, by the test's name: the coverage test runs them all again. */
const steps: Record<string, () => Promise<void>> = {
  "OAuth: client credentials with a secret": async () => {
    const r = await api.POST("/oauth/token", {
      body: {
        grant_type: "client_credentials",
        client_id: DEMO.partner.clientId,
        client_secret: DEMO.partner.clientSecret,
      },
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const body = await check("post", "/oauth/token", r, 200);
    expect(body.token_type).toBe("Bearer");
    token = body.access_token;
  },

  "OAuth: client credentials with an RS256 client assertion": async () => {
    const assertion = await (await keyPartner(s.url, "Assertion partner")).assertion();
    const r = await api.POST("/oauth/token", {
      body: {
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      },
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect((await check("post", "/oauth/token", r, 200)).scope).toBe("partner");
  },

  "OAuth: approval page, approve, authorization code with PKCE": async () => {
    const { page, state, location, body } = await approveConnection({
      email: DEMO.dealers.coastal.admin,
      password: DEMO.password,
    });
    expect(page.response.headers.get("content-type")).toContain("text/html");
    expect(String(page.data)).toContain('name="password"');
    expect(location.searchParams.get("state")).toBe(state);
    expect(body.scope).toBe("dealer:connect");
    expect(body.dealer_id).toBe(DEMO.dealers.coastal.id);
  },

  "Dealers: connect (user token), get, update": async () => {
    // A dealer not yet connected, whose admin approves the connection.
    const { dealerId, admin } = await newDealer(false);
    const userToken = (await approveConnection(admin)).body.access_token;
    const externalId = `coastal-guard-${dealerId}`;
    const r = await api.PUT("/partner/v1/dealers/connect", {
      body: { external_dealer_id: externalId, company_name: "Coastal Guard LLC" },
      headers: { ...bearer(userToken), ...idem() },
    });
    const d = await check("put", "/partner/v1/dealers/connect", r, 200);
    expect(d).toMatchObject({ dealer_id: dealerId, external_dealer_id: externalId, is_connected: true });
    const g = await api.GET("/partner/v1/dealers/{dealerId}", {
      params: { path: { dealerId } },
      headers: bearer(token),
    });
    expect((await check("get", "/partner/v1/dealers/{dealerId}", g, 200)).company_name).toBe("Coastal Guard LLC");
    const u = await api.PUT("/partner/v1/dealers/{dealerId}", {
      params: { path: { dealerId } },
      body: { company_phone_number: "+1-631-555-0100" },
      headers: { ...bearer(token), ...idem() },
    });
    expect((await check("put", "/partner/v1/dealers/{dealerId}", u, 200)).company_phone_number).toBe("+1-631-555-0100");
  },

  "Monitoring stations: create, list, get, update": async () => {
    const { dealerId } = await newDealer();
    // Another station first, so the list has more than one to sort.
    const other = await api.POST("/partner/v1/dealers/{dealerId}/monitoring-stations", {
      params: { path: { dealerId } },
      body: { external_monitoring_station_id: "ms-other", name: "Another Station" },
      headers: { ...bearer(token), ...idem() },
    });
    await check("post", "/partner/v1/dealers/{dealerId}/monitoring-stations", other, 201);
    const stationId = await createStation(dealerId);
    const l = await api.GET("/partner/v1/dealers/{dealerId}/monitoring-stations", {
      params: { path: { dealerId }, query: { sort: "name" } },
      headers: bearer(token),
    });
    expect((await check("get", "/partner/v1/dealers/{dealerId}/monitoring-stations", l, 200)).length).toBeGreaterThan(
      1,
    );
    expect(l.response.headers.get("x-total-count")).toMatch(/^\d+$/);
    const g = await api.GET("/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}", {
      params: { path: { dealerId, monitoringStationId: stationId } },
      headers: bearer(token),
    });
    await check("get", "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}", g, 200);
    const u = await api.PUT("/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}", {
      params: { path: { dealerId, monitoringStationId: stationId } },
      body: { linecard: "LC-9" },
      headers: { ...bearer(token), ...idem() },
    });
    expect(
      (await check("put", "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}", u, 200)).linecard,
    ).toBe("LC-9");
  },

  "Sites: create, list, get, update, activation": async () => {
    const { dealerId } = await newDealer();
    const site = await createSite(dealerId, await createStation(dealerId));
    expect(site.is_activated).toBe(0);
    const siteId = site.site_id;
    const l = await api.GET("/partner/v1/dealers/{dealerId}/sites", {
      params: {
        path: { dealerId },
        query: {
          fields: "site_id,name,timezone",
          filter: ["timezone,America/.*,regex"],
          sort: "created_at",
          dir: "desc",
          limit: 50,
          offset: 0,
        },
      },
      headers: { ...bearer(token), "x-partner-trace-id": "550e8400-e29b-41d4-a716-123456789000" },
    });
    const rows = await check("get", "/partner/v1/dealers/{dealerId}/sites", l, 200, { projected: true });
    expect(l.response.headers.get("x-partner-trace-id")).toBe("550e8400-e29b-41d4-a716-123456789000");
    expect(rows[0]).toEqual({ site_id: siteId, name: "Contract Site", timezone: "America/Chicago" });
    const g = await api.GET("/partner/v1/dealers/{dealerId}/sites/{siteId}", {
      params: { path: { dealerId, siteId } },
      headers: bearer(token),
    });
    expect((await check("get", "/partner/v1/dealers/{dealerId}/sites/{siteId}", g, 200)).has_physical_bridge).toBe(
      false,
    );
    const u = await api.PUT("/partner/v1/dealers/{dealerId}/sites/{siteId}", {
      params: { path: { dealerId, siteId } },
      body: { name: "Contract Site (renamed)" },
      headers: { ...bearer(token), ...idem() },
    });
    const updated = await check("put", "/partner/v1/dealers/{dealerId}/sites/{siteId}", u, 200);
    expect(updated).toMatchObject({ name: "Contract Site (renamed)", account_number: "9001" });
    const a = await api.PUT("/partner/v1/dealers/{dealerId}/sites/{siteId}/activation-status", {
      params: { path: { dealerId, siteId } },
      body: { is_activated: 1 },
      headers: { ...bearer(token), ...idem() },
    });
    expect(
      (await check("put", "/partner/v1/dealers/{dealerId}/sites/{siteId}/activation-status", a, 200)).is_activated,
    ).toBe(1);
  },

  "Contacts: create, list, get, update": async () => {
    const base = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts" as const;
    const { dealerId, siteId } = await dealerSite();
    const contactId = await createContact(dealerId, siteId);
    const l = await api.GET(base, { params: { path: { dealerId, siteId } }, headers: bearer(token) });
    expect(await check("get", base, l, 200)).toHaveLength(1);
    const g = await api.GET(`${base}/{contactId}`, {
      params: { path: { dealerId, siteId, contactId } },
      headers: bearer(token),
    });
    await check("get", `${base}/{contactId}`, g, 200);
    const u = await api.PUT(`${base}/{contactId}`, {
      params: { path: { dealerId, siteId, contactId } },
      body: { phone_number: null },
      headers: { ...bearer(token), ...idem() },
    });
    expect((await check("put", `${base}/{contactId}`, u, 200)).phone_number).toBeNull();
  },

  "Devices: bulk create, list, get, bulk update": async () => {
    const base = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices" as const;
    const { dealerId, siteId } = await dealerSite();
    const bulk = await createDevices(dealerId, siteId);
    expect(bulk).toMatchObject({ success_count: 2, failure_count: 1 });
    expect(bulk.results[2]).toMatchObject({
      is_successful: false,
      status_code: 400,
      error_message: "name must not be empty",
    });
    const deviceIds = bulk.results.filter((x) => x.is_successful).map((x) => x.res!.device_id);
    const l = await api.GET(base, {
      params: { path: { dealerId, siteId }, query: { filter: ["device_type,camera,eq"] } },
      headers: bearer(token),
    });
    expect(await check("get", base, l, 200)).toHaveLength(1);
    const g = await api.GET(`${base}/{deviceId}`, {
      params: { path: { dealerId, siteId, deviceId: deviceIds[0]! } },
      headers: bearer(token),
    });
    expect((await check("get", `${base}/{deviceId}`, g, 200)).name).toBe("Gate");
    const u = await api.PUT(base, {
      params: { path: { dealerId, siteId } },
      body: [
        { device_id: deviceIds[0]!, name: "Main Gate" },
        { device_id: 999_999, name: "Nope" },
      ],
      headers: { ...bearer(token), ...idem() },
    });
    const up = await check("put", base, u, 200);
    expect(up).toMatchObject({ success_count: 1, failure_count: 1 });
    expect(up.results[1].status_code).toBe(404);
    const site = await api.GET("/partner/v1/dealers/{dealerId}/sites/{siteId}", {
      params: { path: { dealerId, siteId } },
      headers: bearer(token),
    });
    expect((await check("get", "/partner/v1/dealers/{dealerId}/sites/{siteId}", site, 200)).has_physical_bridge).toBe(
      true,
    );
  },

  "Arming settings: get, patch": async () => {
    const p = "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings" as const;
    const { dealerId, siteId } = await dealerSite();
    const g = await api.GET(p, { params: { path: { dealerId, siteId } }, headers: bearer(token) });
    expect((await check("get", p, g, 200)).security_type).toBe(3);
    const u = await api.PATCH(p, {
      params: { path: { dealerId, siteId } },
      body: { security_type: 4 },
      headers: { ...bearer(token), ...idem() },
    });
    expect((await check("patch", p, u, 200)).security_type).toBe(4);
  },

  "Alarm verification: answer (dispatch)": async () => {
    const { dealerId, siteId } = await dealerSite();
    const contactId = await createContact(dealerId, siteId);
    const made = await simRaiseAlarm(s.url, { site_id: siteId, contact_id: contactId });
    const vid = made.verification.verification_id;
    const p = "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}" as const;
    const r = await api.PATCH(p, {
      params: { path: { dealerId, siteId, verificationId: vid } },
      body: { verification_id: vid, contact_id: contactId, action: "dispatch", responded_at: new Date().toISOString() },
      headers: { ...bearer(token), ...idem() },
    });
    expect(await check("patch", p, r, 200)).toMatchObject({
      verification_id: vid,
      contact_id: contactId,
      action: "dispatch",
    });
  },

  "CHeKT Apps /v1: devices, snapshots, alarms, events, sites": async () => {
    const key = bearer(DEMO.app.apiKey);
    const made = await simRaiseAlarm(s.url, { site_id: 1 });
    const alarmId = made.alarm.id;
    const deviceId = made.alarm.device_id;
    if (!deviceId) throw new Error("the alarm at site 1 came from no device");
    const snapId = made.snapshot.id;

    const devs = await api.GET("/v1/devices", { params: { query: { limit: 5 } }, headers: key });
    const page1 = await check("get", "/v1/devices", devs, 200);
    expect(page1.data).toHaveLength(5);
    expect(page1.has_more).toBe(true);
    const devs2 = await api.GET("/v1/devices", {
      params: { query: { limit: 5, cursor: page1.next_cursor ?? undefined } },
      headers: key,
    });
    const page2 = await check("get", "/v1/devices", devs2, 200);
    expect(page2.data[0].id).not.toBe(page1.data[0].id);
    const dev = await api.GET("/v1/devices/{id}", { params: { path: { id: deviceId } }, headers: key });
    expect((await check("get", "/v1/devices/{id}", dev, 200)).id).toBe(deviceId);
    const snaps = await api.GET("/v1/devices/{id}/snapshots", { params: { path: { id: deviceId } }, headers: key });
    expect((await check("get", "/v1/devices/{id}/snapshots", snaps, 200)).data[0].id).toBe(snapId);
    const alarms = await api.GET("/v1/alarms", { params: { query: { order: "desc", limit: 10 } }, headers: key });
    expect((await check("get", "/v1/alarms", alarms, 200)).data[0].id).toBe(alarmId);
    const alarm = await api.GET("/v1/alarms/{id}", { params: { path: { id: alarmId } }, headers: key });
    expect((await check("get", "/v1/alarms/{id}", alarm, 200)).status).toBe("open");
    const ack = await api.POST("/v1/alarms/{id}/acknowledge", {
      params: { path: { id: alarmId } },
      body: { reason: "seen" },
      headers: { ...key, ...idem() },
    });
    expect((await check("post", "/v1/alarms/{id}/acknowledge", ack, 200)).status).toBe("acknowledged");
    const events = await api.GET("/v1/events", { params: { query: { type: "alarm.acknowledged" } }, headers: key });
    expect((await check("get", "/v1/events", events, 200)).data.at(-1)).toMatchObject({
      type: "alarm.acknowledged",
      data: { alarm_id: alarmId },
    });
    // annotate (events:write): the stored annotation comes back; one without note, verdict or outcome is refused.
    const ann = await api.POST("/v1/alarms/{id}/annotate", {
      params: { path: { id: alarmId } },
      body: { source: "contract-test", outcome: "police dispatched", note: "steps: called keyholder" },
      headers: { ...key, ...idem() },
    });
    expect(await check("post", "/v1/alarms/{id}/annotate", ann, 201)).toMatchObject({
      alarm_id: alarmId,
      source: "contract-test",
      outcome: "police dispatched",
      note: "steps: called keyholder",
      verdict: null,
    });
    const bare = await api.POST("/v1/alarms/{id}/annotate", {
      params: { path: { id: alarmId } },
      body: { source: "contract-test" },
      headers: { ...key, ...idem() },
    });
    await check("post", "/v1/alarms/{id}/annotate", bare, 400);
    expect(bare.error?.error).toMatchObject({
      code: "validation_failed",
      message: "an annotation needs at least one of note, verdict or outcome",
    });
    const esc = await api.POST("/v1/alarms/{id}/escalate", {
      params: { path: { id: alarmId } },
      body: { source: "contract-test", reason: "unclaimed for 60 s" },
      headers: { ...key, ...idem() },
    });
    expect(await check("post", "/v1/alarms/{id}/escalate", esc, 201)).toMatchObject({
      alarm_id: alarmId,
      reason: "unclaimed for 60 s",
    });
    const noReason = await api.POST("/v1/alarms/{id}/escalate", {
      params: { path: { id: alarmId } },
      body: { source: "contract-test", reason: "" },
      headers: { ...key, ...idem() },
    });
    await check("post", "/v1/alarms/{id}/escalate", noReason, 400);
    const snap = await api.GET("/v1/snapshots/{id}", { params: { path: { id: snapId } }, headers: key });
    const snapBody = await check("get", "/v1/snapshots/{id}", snap, 200);
    const img = await api.GET("/v1/snapshots/{id}/image", {
      params: { path: { id: snapId } },
      headers: key,
      parseAs: "arrayBuffer",
    });
    await check("get", "/v1/snapshots/{id}/image", img, 200);
    expect(img.response.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(img.data as ArrayBuffer)
        .subarray(0, 8)
        .toString("hex"),
    ).toBe("89504e470d0a1a0a");
    // The URL in the object works without the key (signed).
    const viaUrl = await fetch(snapBody.url);
    expect(viaUrl.status).toBe(200);
    const sites = await api.GET("/v1/sites", { params: { query: { limit: 100 } }, headers: key });
    expect((await check("get", "/v1/sites", sites, 200)).data.length).toBe(7);
  },

  "Deletes and disconnect": async () => {
    const { dealerId, stationId, siteId } = await dealerSite();
    const contactId = await createContact(dealerId, siteId);
    const bulk = await createDevices(dealerId, siteId);
    const deviceIds = bulk.results.filter((x) => x.is_successful).map((x) => x.res!.device_id);
    const dv = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/bulk-delete" as const;
    const d = await api.POST(dv, {
      params: { path: { dealerId, siteId } },
      body: { deviceIds: [deviceIds[0]!, 424242] },
      headers: { ...bearer(token), ...idem() },
    });
    expect(await check("post", dv, d, 200)).toMatchObject({ success_count: 1, failure_count: 1 });
    const ct = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}" as const;
    await check(
      "delete",
      ct,
      await api.DELETE(ct, {
        params: { path: { dealerId, siteId, contactId } },
        headers: { ...bearer(token), ...idem() },
      }),
      204,
    );
    const st = "/partner/v1/dealers/{dealerId}/sites/{siteId}" as const;
    await check(
      "delete",
      st,
      await api.DELETE(st, { params: { path: { dealerId, siteId } }, headers: { ...bearer(token), ...idem() } }),
      204,
    );
    await check("get", st, await api.GET(st, { params: { path: { dealerId, siteId } }, headers: bearer(token) }), 404);
    const ms = "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}" as const;
    await check(
      "delete",
      ms,
      await api.DELETE(ms, {
        params: { path: { dealerId, monitoringStationId: stationId } },
        headers: { ...bearer(token), ...idem() },
      }),
      204,
    );
    const dis = "/partner/v1/dealers/{dealerId}/disconnect" as const;
    const r = await api.POST(dis, { params: { path: { dealerId } }, headers: { ...bearer(token), ...idem() } });
    expect(await check("post", dis, r, 200)).toMatchObject({ external_dealer_id: null, is_connected: false });
    await check(
      "get",
      "/partner/v1/dealers/{dealerId}",
      await api.GET("/partner/v1/dealers/{dealerId}", { params: { path: { dealerId } }, headers: bearer(token) }),
      403,
    );
  },

  "error answers match the document too": async () => {
    await check(
      "get",
      "/partner/v1/dealers/{dealerId}/sites",
      await api.GET("/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId: 1 } } }),
      401,
    );
    await check(
      "get",
      "/partner/v1/dealers/{dealerId}/sites",
      await api.GET("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: 1 }, query: { sort: "nope" } },
        headers: bearer(token),
      }),
      400,
    );
    await check(
      "get",
      "/v1/alarms",
      await api.GET("/v1/alarms", { headers: bearer("chekt_test_unknownunknownunknown000") }),
      401,
    );
    await check(
      "post",
      "/partner/v1/dealers/{dealerId}/sites",
      await api.POST("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: 1 } },
        body: { external_site_id: "seed-site-1", name: "Dup", timezone: "UTC" },
        headers: bearer(token),
      }),
      409,
    );
  },

  "the NestJS-style error body (errorShape: nest) is also a documented answer": async () => {
    s.config.errorShape = "nest";
    try {
      const r = await api.POST("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: 1 } },
        body: { name: "" } as never,
        headers: bearer(token),
      });
      await check("post", "/partner/v1/dealers/{dealerId}/sites", r, 400);
      const body = r.error;
      expect(body).toMatchObject({
        statusCode: 400,
        error: "Bad Request",
        message: expect.arrayContaining(["name must not be empty", "external_site_id is required"]),
      });
      await check(
        "get",
        "/partner/v1/dealers/{dealerId}",
        await api.GET("/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: 3 } }, headers: bearer(token) }),
        403,
      );
    } finally {
      s.config.errorShape = "envelope";
    }
  },
};

describe("contract: every operation against the simulator", () => {
  for (const [name, step] of Object.entries(steps)) it(name, step);

  it("covers every operation in the document", async () => {
    // Every test's steps again, in order, each on dealers of its own: what they call is what is covered.
    covered.clear();
    problems.length = 0;
    for (const step of Object.values(steps)) await step();
    const missing = [...allOperations.keys()].filter((id) => !covered.has(id));
    console.log(`[contract] operations in document: ${allOperations.size}; covered by this test: ${covered.size}`);
    expect(problems).toEqual([]);
    expect(missing).toEqual([]);
  });
});
