/**
 * Partner API rules in the simulator: validation messages, list controls, bulk, rate limit, idempotency, tracing,
 * verifications.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { partnerToken, sim as control } from "./simulator-helpers";

let s: RunningSimulator;
let token = "";

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/**
 * The demo world as the simulator seeds it, its app sending no webhooks, and a partner token for it (a reset
 * forgets the tokens it gave).
 */
async function demoWorld() {
  expect((await control(s.url, "POST", "/_sim/reset", { seed: "demo" })).status).toBe(200);
  await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
  token = await partnerToken(s.url);
}

beforeAll(async () => {
  s = await startSimulator({
    port: 0,
    config: { validateResponses: true, rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000, maxBulk: 5 },
  });
  await demoWorld();
});
afterAll(async () => s?.close());

describe("request validation", () => {
  it("answers 400 validation_failed with one message per field", async () => {
    const tzToo = await call("POST", "/partner/v1/dealers/1/sites", { name: "", timezone: "Mars/Olympus" });
    expect(tzToo.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      "external_site_id",
      "name",
      "timezone",
    ]);
    const r = await call("POST", "/partner/v1/dealers/1/sites", { name: "", timezone: 5, color: "red" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.field).toBeTruthy();
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "external_site_id", message: "external_site_id is required" },
        { field: "name", message: "name must not be empty" },
        { field: "timezone", message: "timezone must be string" },
        { field: "color", message: "color is not an allowed field" },
      ]),
    );
  });

  it("checks what the schema cannot: time zone, station of the dealer, duplicate external ids", async () => {
    const create = (body: Record<string, unknown>) => call("POST", "/partner/v1/dealers/1/sites", body);
    const tz = await create({ external_site_id: "v-1", name: "V", timezone: "Mars/Olympus" });
    expect(tz.status).toBe(400);
    expect(tz.body.error.field).toBe("timezone");
    const st = await create({ external_site_id: "v-1", name: "V", timezone: "UTC", monitoring_station_id: 3 });
    expect(st.status).toBe(400);
    expect(st.body.error.field).toBe("monitoring_station_id");
    const dup = await create({ external_site_id: "seed-site-1", name: "V", timezone: "UTC" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", field: "external_site_id" });
    expect(dup.body.error.message).toMatch(/^external_site_id seed-site-1 is already used by site \d+$/);
  });

  for (const c of [
    {
      kind: "station",
      list: "/partner/v1/dealers/1/monitoring-stations",
      field: "external_monitoring_station_id",
      idKey: "monitoring_station_id",
      row: { name: "Dup" },
    },
    {
      kind: "contact",
      list: "/partner/v1/dealers/1/sites/1/contacts",
      field: "external_contact_id",
      idKey: "contact_id",
      row: { first_name: "Dup", last_name: "Licate" },
    },
  ]) {
    it(`refuses a ${c.kind}'s external id taken in its scope, and lets the row keep its own`, async () => {
      const ext = `dup-${c.kind}-${randomUUID()}`;
      const body = { ...c.row, [c.field]: ext };
      const first = await call("POST", c.list, body);
      expect(first.status).toBe(201);
      const id = first.body[c.idKey];
      const again = await call("POST", c.list, body);
      expect([again.status, again.body.error.field, again.body.error.message]).toEqual([
        409,
        c.field,
        `${c.field} ${ext} is already used by ${c.kind} ${id}`,
      ]);
      expect((await call("PUT", `${c.list}/${id}`, body)).status).toBe(200);
      expect((await call("DELETE", `${c.list}/${id}`)).status).toBe(204);
    });
  }

  it("rejects non-integer path ids, bad JSON and a missing body", async () => {
    const id = await call("GET", "/partner/v1/dealers/abc/sites");
    expect(id.status).toBe(400);
    expect(id.body.error.field).toBe("dealerId");
    const json = await call("POST", "/partner/v1/dealers/1/sites", "{not json");
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain("not valid JSON");
    const none = await call("PATCH", "/partner/v1/dealers/1/sites/1/arming-settings", undefined, {
      "content-type": "application/json",
    });
    expect(none.status).toBe(400);
    const arming = await call("PATCH", "/partner/v1/dealers/1/sites/1/arming-settings", { security_type: 9 });
    expect(arming.body.error.message).toBe("security_type must be one of 1, 2, 3, 4");
  });

  it("takes a time zone only as IANA spells it (the app's isValidTimeZone), on create and on update", async () => {
    const create = (timezone: string) =>
      call("POST", "/partner/v1/dealers/1/sites", { external_site_id: `tz-${randomUUID()}`, name: "TZ", timezone });
    for (const timezone of ["america/new_york", "AMERICA/NEW_YORK", "asia/kolkata"]) {
      const r = await create(timezone);
      expect(r.status, timezone).toBe(400);
      expect(r.body.error).toMatchObject({
        field: "timezone",
        message: `timezone "${timezone}" is not an IANA time zone (e.g. America/New_York)`,
      });
    }
    const made = await create("America/New_York");
    expect(made.status).toBe(201);
    const path = `/partner/v1/dealers/1/sites/${made.body.site_id}`;
    expect((await call("PUT", path, { timezone: "america/chicago" })).status).toBe(400);
    expect((await call("GET", path)).body.timezone).toBe("America/New_York");
  });

  it("keeps fields left out of a PUT (partial update)", async () => {
    const before = (await call("GET", "/partner/v1/dealers/1/sites/2")).body;
    const r = await call("PUT", "/partner/v1/dealers/1/sites/2", { address2: "Suite 9" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: before.name,
      timezone: before.timezone,
      account_number: before.account_number,
      address2: "Suite 9",
    });
  });

  it.each([
    "/partner/v1/dealers/1/sites/9999",
    "/partner/v1/dealers/1/sites/8",
    "/partner/v1/dealers/1/sites/1/contacts/9999",
    "/partner/v1/dealers/1/monitoring-stations/3",
    "/partner/v1/dealers/1/sites/1/devices/9999",
  ])("answers 404 for an unknown id or an id of another site: %s", async (p) => {
    expect((await call("GET", p)).status).toBe(404);
  });

  it("answers 404 not_found for an unknown route", async () => {
    expect((await call("GET", "/partner/v1/nothing")).body.error.code).toBe("not_found");
  });
});

describe("list controls", () => {
  // These count and name the seeded rows: other tests of the file create sites, contacts and stations.
  beforeEach(demoWorld);
  const sites = (q: string) => call("GET", `/partner/v1/dealers/1/sites?${q}`);
  it("filters with AND, sorts, pages and counts", async () => {
    const all = await sites("");
    expect(all.headers.get("x-total-count")).toBe("7");
    const active = await sites("filter=is_activated,1,eq&filter=timezone,^America/,regex&sort=name&dir=desc");
    expect(active.headers.get("x-total-count")).toBe("3");
    expect(active.body.map((r: { name: string }) => r.name)).toEqual([
      "Red Rock Storage",
      "Maple Street Pharmacy",
      "Harbor Logistics Warehouse",
    ]);
    const page = await sites("sort=site_id&limit=2&offset=2");
    expect(page.body.map((r: { site_id: number }) => r.site_id)).toEqual([3, 4]);
    expect(page.headers.get("x-total-count")).toBe("7");
    const gt = await sites("filter=site_id,5,gte&filter=site_id,6,lte");
    expect(gt.body.map((r: { site_id: number }) => r.site_id)).toEqual([5, 6]);
    const neq = await sites("filter=is_activated,1,neq");
    expect(neq.body).toHaveLength(2);
    const eqDefault = await sites("filter=name,Red Rock Storage");
    expect(eqDefault.body).toHaveLength(1);
  });

  it("projects fields, with or without the table name", async () => {
    const r = await sites("fields=sites.site_id,name&limit=1");
    expect(r.body).toEqual([{ site_id: 1, name: "Harbor Logistics Warehouse" }]);
  });

  it.each([
    "filter=colour,red",
    "filter=name,x,like",
    "fields=name,secret",
    "sort=nope",
    "fields=devices.name",
    "filter=name,(unclosed,regex",
    "filter=site_id,abc,gt",
    "filter=justone",
    "dir=sideways",
    "limit=0",
    "offset=-1",
    "limit=abc",
  ])("answers 400, never 500, for an unknown column, operator or table, a bad regex or a non-number: %s", async (q) => {
    const r = await sites(q);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.message.length).toBeGreaterThan(5);
  });

  it("applies to every list endpoint", async () => {
    const st = await call("GET", "/partner/v1/dealers/1/monitoring-stations?filter=prefix,W2");
    expect(st.body).toHaveLength(1);
    const ct = await call("GET", "/partner/v1/dealers/1/sites/1/contacts?fields=contact_id&sort=contact_id&dir=desc");
    expect(ct.body).toEqual([{ contact_id: 2 }, { contact_id: 1 }]);
    const dv = await call("GET", "/partner/v1/dealers/1/sites/1/devices?filter=device_type,bridge");
    expect(dv.body).toHaveLength(1);
    expect((await call("GET", "/partner/v1/dealers/1/sites/1/devices?filter=zone,1")).status).toBe(400);
  });
});

describe("bulk devices", () => {
  const dv = "/partner/v1/dealers/1/sites/2/devices";
  it("refuses more than CHEKT_MAX_BULK items as a whole", async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      external_device_id: `over-${i}`,
      device_type: "camera",
      name: `C${i}`,
    }));
    const r = await call("POST", dv, items);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("at most 5");
    expect((await call("GET", `${dv}?filter=external_device_id,^over-,regex`)).body).toHaveLength(0);
    expect((await call("POST", `${dv}/bulk-delete`, { deviceIds: [1, 2, 3, 4, 5, 6] })).status).toBe(400);
    expect((await call("POST", dv, [])).status).toBe(400);
    expect((await call("POST", dv, { not: "an array" })).status).toBe(400);
  });

  it("creates what is valid and reports each failure: empty name, bad type, duplicate external id", async () => {
    const r = await call("POST", dv, [
      { external_device_id: "b-1", device_type: "camera", name: "Ok" },
      { external_device_id: "b-2", device_type: "camera", name: "" },
      { external_device_id: "b-3", device_type: "toaster", name: "Bad" },
      { external_device_id: "b-1", device_type: "camera", name: "Dup in batch" },
      { external_device_id: "seed-dev-1", device_type: "camera", name: "Dup existing" },
    ]);
    expect(r.status).toBe(201);
    expect(r.body.success_count).toBe(1);
    expect(r.body.failure_count).toBe(4);
    const [ok, empty, type, dupBatch, dupOld] = r.body.results;
    expect(ok).toMatchObject({ is_successful: true, res: { external_device_id: "b-1" } });
    expect(empty).toMatchObject({
      is_successful: false,
      status_code: 400,
      error_message: "name must not be empty",
      req: { external_device_id: "b-2" },
    });
    expect(type).toMatchObject({
      is_successful: false,
      status_code: 400,
      error_message: "device_type must be one of camera, bridge",
    });
    expect(dupBatch).toMatchObject({ is_successful: false, status_code: 409 });
    expect(dupOld).toMatchObject({ is_successful: false, status_code: 409 });
  });

  it("updates per item (unknown device_id fails alone) and deletes per id", async () => {
    const created = await call("POST", dv, [{ external_device_id: "u-1", device_type: "camera", name: "Before" }]);
    const id = created.body.results[0].res.device_id as number;
    const up = await call("PUT", dv, [
      { device_id: id, name: "After" },
      { device_id: 777777, name: "x" },
      { name: "no id" },
      { device_id: id, external_device_id: "seed-dev-2" },
    ]);
    expect(up.status).toBe(200);
    expect(up.body.results.map((x: { is_successful: boolean; status_code?: number }) => x.status_code ?? 200)).toEqual([
      200, 404, 400, 409,
    ]);
    expect((await call("GET", `${dv}/${id}`)).body.name).toBe("After");
    const del = await call("POST", `${dv}/bulk-delete`, { deviceIds: [id, 888888] });
    expect(del.body).toMatchObject({ success_count: 1, failure_count: 1 });
    expect((await call("GET", `${dv}/${id}`)).status).toBe(404);
  });
});

describe("idempotency and tracing", () => {
  it("replays the first answer for the same key and body, 409 for another body", async () => {
    const key = randomUUID();
    const body = { external_site_id: `idem-${key}`, name: "Idem", timezone: "UTC" };
    const a = await call("POST", "/partner/v1/dealers/1/sites", body, { "idempotency-key": key });
    const b = await call("POST", "/partner/v1/dealers/1/sites", body, { "idempotency-key": key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.site_id).toBe(a.body.site_id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    const c = await call("POST", "/partner/v1/dealers/1/sites", { ...body, name: "Other" }, { "idempotency-key": key });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe("idempotency_conflict");
    const d = await call(
      "POST",
      "/partner/v1/dealers/1/sites",
      { ...body, external_site_id: `idem2-${key}` },
      { "idempotency-key": randomUUID() },
    );
    expect(d.body.site_id).not.toBe(a.body.site_id);
    expect((await call("GET", `/partner/v1/dealers/1/sites?filter=name,Idem`)).body).toHaveLength(2);
  });

  it("replays deletes too, so a retried DELETE does not turn into 404", async () => {
    const site = await call("POST", "/partner/v1/dealers/1/sites", {
      external_site_id: `del-${randomUUID()}`,
      name: "Del",
      timezone: "UTC",
    });
    const key = randomUUID();
    expect(
      (await call("DELETE", `/partner/v1/dealers/1/sites/${site.body.site_id}`, undefined, { "idempotency-key": key }))
        .status,
    ).toBe(204);
    expect(
      (await call("DELETE", `/partner/v1/dealers/1/sites/${site.body.site_id}`, undefined, { "idempotency-key": key }))
        .status,
    ).toBe(204);
    expect((await call("DELETE", `/partner/v1/dealers/1/sites/${site.body.site_id}`)).status).toBe(404);
  });

  it("echoes x-partner-trace-id and makes a UUID when none is sent", async () => {
    const t = randomUUID();
    expect(
      (await call("GET", "/partner/v1/dealers/1", undefined, { "x-partner-trace-id": t })).headers.get(
        "x-partner-trace-id",
      ),
    ).toBe(t);
    expect((await call("GET", "/partner/v1/dealers/1")).headers.get("x-partner-trace-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await call("GET", "/partner/v1/dealers/999", undefined, { "x-partner-trace-id": t })).headers.get(
        "x-partner-trace-id",
      ),
    ).toBe(t);
  });
});

describe("alarm verifications", () => {
  const answer = (siteId: number, vid: string, contactId: number, extra: Record<string, unknown> = {}) =>
    call("PATCH", `/partner/v1/dealers/1/sites/${siteId}/alarm-verifications/${vid}`, {
      verification_id: vid,
      contact_id: contactId,
      action: "disregard",
      responded_at: new Date().toISOString(),
      ...extra,
    });

  it("accepts one answer, then 404; a contact of another site is 400", async () => {
    const made = await control(s.url, "POST", "/_sim/alarms", { site_id: 1 });
    const vid = made.body.verification.verification_id as string;
    const wrongContact = await answer(1, vid, 3);
    expect(wrongContact.status).toBe(400);
    expect(wrongContact.body.error.field).toBe("contact_id");
    const mismatch = await answer(1, vid, 1, { verification_id: randomUUID() });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.field).toBe("verification_id");
    const ok = await answer(1, vid, 1);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verification_id: vid, contact_id: 1, action: "disregard" });
    const twice = await answer(1, vid, 1);
    expect(twice.status).toBe(404);
    expect(twice.body.error.message).toContain("already answered");
    const alarm = await fetch(`${s.url}/v1/alarms/${made.body.alarm.id}`, {
      headers: {
        authorization: `Bearer ${process.env.CHEKT_API_KEY ?? "chekt_test_demo0000000000000000000000000001"}`,
      },
    });
    expect(((await alarm.json()) as { status: string }).status).toBe("resolved");
  });

  it("is 404 once expired, and for unknown ids or another site", async () => {
    const made = await control(s.url, "POST", "/_sim/alarms", { site_id: 1, expires_in_s: 0.3 });
    const vid = made.body.verification.verification_id as string;
    expect((await answer(2, vid, 3)).status).toBe(404);
    // Real time on purpose: the simulator expires alarms on its wall clock (no clock to inject).
    await new Promise((r) => setTimeout(r, 400));
    const late = await answer(1, vid, 1);
    expect(late.status).toBe(404);
    expect(late.body.error.message).toContain("expired");
    expect((await answer(1, randomUUID(), 1)).status).toBe(404);
    expect((await answer(1, "not-a-uuid", 1)).status).toBe(400);
  });
});

describe("rate limit", () => {
  it("spends a bucket per client, answers 429 with Retry-After, refills over time", async () => {
    // 30/min = one token back every 2 s, so the burst below is spent long before a refill even on a busy machine.
    const r = await startSimulator({ port: 0, config: { rateLimitPerMin: 30, rateLimitBurstPerS: 3 } });
    try {
      await control(r.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
      const t = await partnerToken(r.url); // costs one token of the demo client's bucket
      const get = () => fetch(`${r.url}/partner/v1/dealers/1`, { headers: { authorization: `Bearer ${t}` } });
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.headers.get("x-ratelimit-limit")).toBe("30");
      expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
      expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect((await get()).status).toBe(200);
      const limited = await get();
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
      expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      // Another key has its own bucket.
      const key = await fetch(`${r.url}/v1/devices`, {
        headers: { authorization: "Bearer chekt_test_demo0000000000000000000000000001" },
      });
      expect(key.status).toBe(200);
      // Real time on purpose: the refill over the wall clock is what is tested, as a client sees it.
      await new Promise((res) => setTimeout(res, retryAfter * 1000 + 100));
      expect((await get()).status).toBe(200);
    } finally {
      await r.close();
    }
  });
});
