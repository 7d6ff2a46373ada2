/** The control API (/_sim): faults, admin token, reset, persistence, scale; and a clean close(). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { partnerToken, sim as control } from "./simulator-helpers";
import { cpuMsSince } from "../support/cpu";
import { until } from "../support/until";

let s: RunningSimulator;
let token = "";
const get = (p: string, t = token) => fetch(`${s.url}${p}`, { headers: { authorization: `Bearer ${t}` } });

beforeAll(async () => {
  s = await startSimulator({ port: 0, config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 } });
  await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
  token = await partnerToken(s.url);
});
afterAll(async () => s?.close());

describe("faults", () => {
  it("injects 429 and 5xx answers on matching paths only, for `count` requests", async () => {
    const f = await control(s.url, "POST", "/_sim/faults", {
      path: "/partner/v1/dealers/*/sites",
      rate_429: 1,
      count: 2,
    });
    expect(f.status).toBe(201);
    const a = await get("/partner/v1/dealers/1/sites");
    expect(a.status).toBe(429);
    expect(a.headers.get("retry-after")).toBe("1");
    expect((await get("/partner/v1/dealers/1")).status).toBe(200);
    expect((await get("/partner/v1/dealers/1/sites")).status).toBe(429);
    expect((await get("/partner/v1/dealers/1/sites")).status).toBe(200);
    await control(s.url, "POST", "/_sim/faults", { path: "/partner/**", rate_5xx: 1, status_5xx: 502, method: "GET" });
    const b = await get("/partner/v1/dealers/1/sites/1/devices");
    expect(b.status).toBe(502);
    expect(((await b.json()) as { error: { code: string } }).error.code).toBe("internal_error");
    expect(b.headers.get("x-partner-trace-id")).toBeTruthy();
    expect((await control(s.url, "DELETE", "/_sim/faults")).status).toBe(200);
    expect((await get("/partner/v1/dealers/1/sites/1/devices")).status).toBe(200);
  });

  it("adds delay and drops connections without an answer", async () => {
    await control(s.url, "POST", "/_sim/faults", { path: "/partner/v1/dealers/1", delay_ms: 300 });
    const t0 = Date.now();
    expect((await get("/partner/v1/dealers/1")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const drop = await control(s.url, "POST", "/_sim/faults", { path: "/v1/devices", drop_rate: 1 });
    await expect(get("/v1/devices", "chekt_test_demo0000000000000000000000000001")).rejects.toThrow();
    expect((await control(s.url, "DELETE", `/_sim/faults/${drop.body.id}`)).status).toBe(200);
    expect((await get("/v1/devices", "chekt_test_demo0000000000000000000000000001")).status).toBe(200);
    await control(s.url, "DELETE", "/_sim/faults");
  });

  it("with when=after, applies the write then loses or spoils the answer; the same key replays it", async () => {
    const post = (key: string, name: string) =>
      fetch(`${s.url}/partner/v1/dealers/1/sites`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ external_site_id: `after-${key}`, name, timezone: "UTC" }),
      });
    const count = async () => Number((await get("/partner/v1/dealers/1/sites?limit=1")).headers.get("x-total-count"));
    const before = await count();
    await control(s.url, "POST", "/_sim/faults", {
      path: "/partner/v1/dealers/*/sites",
      method: "POST",
      drop_rate: 1,
      when: "after",
      count: 1,
    });
    await expect(post("k-drop", "Dropped answer")).rejects.toThrow();
    expect(await count()).toBe(before + 1); // CHeKT applied it
    const retry = await post("k-drop", "Dropped answer");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(before + 1);

    await control(s.url, "POST", "/_sim/faults", {
      path: "/partner/v1/dealers/*/sites",
      method: "POST",
      rate_5xx: 1,
      when: "after",
      count: 1,
    });
    const spoiled = await post("k-503", "Spoiled answer");
    expect(spoiled.status).toBe(503);
    expect(await count()).toBe(before + 2);
    const again = await post("k-503", "Spoiled answer");
    expect(again.status).toBe(201);
    expect(await count()).toBe(before + 2);
  });

  it("refuses bad fault definitions with field messages", async () => {
    const r = await control(s.url, "POST", "/_sim/faults", { path: "/x", rate_429: 0.8, rate_5xx: 0.5 });
    expect(r.status).toBe(400);
    const bad = await control(s.url, "POST", "/_sim/faults", { rate_429: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["path", "rate_429"]);
  });
});

describe("control API", () => {
  it("needs the admin token when one is configured", async () => {
    const guarded = await startSimulator({ port: 0, seed: "empty", config: { adminToken: "sekret" } });
    try {
      expect((await fetch(`${guarded.url}/_sim/health`)).status).toBe(200);
      expect((await fetch(`${guarded.url}/_sim/reset`, { method: "POST" })).status).toBe(401);
      expect((await fetch(`${guarded.url}/_sim`)).status).toBe(401);
      expect(
        (await fetch(`${guarded.url}/_sim/reset`, { method: "POST", headers: { authorization: "Bearer wrong" } }))
          .status,
      ).toBe(401);
      const ok = await fetch(`${guarded.url}/_sim/reset`, {
        method: "POST",
        headers: { authorization: "Bearer sekret", "content-type": "application/json" },
        body: "{}",
      });
      expect(ok.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it("reset empties and re-seeds; tokens issued before are gone", async () => {
    await control(s.url, "POST", "/_sim/bulk-sites", { dealer_id: 1, count: 3 });
    const r = await control(s.url, "POST", "/_sim/reset", { seed: "demo" });
    expect(r.status).toBe(200);
    expect(s.state.sites.size).toBe(12);
    expect((await get("/partner/v1/dealers/1")).status).toBe(401);
    token = await partnerToken(s.url);
    await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
    const empty = await control(s.url, "POST", "/_sim/reset", { seed: "empty" });
    expect(empty.status).toBe(200);
    expect(s.state.sites.size).toBe(0);
    await control(s.url, "POST", "/_sim/reset", {});
    await control(s.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
    token = await partnerToken(s.url);
  });

  it("creates dealers connected or not, and alarms with field errors for bad input", async () => {
    const d = await control(s.url, "POST", "/_sim/dealers", { company_name: "Fresh Dealer" });
    expect(d.status).toBe(201);
    expect(d.body.is_connected).toBe(false);
    expect(d.body.admin.email).toContain("@");
    expect((await get(`/partner/v1/dealers/${d.body.dealer_id}`)).status).toBe(403);
    const c = await control(s.url, "POST", "/_sim/dealers", {
      company_name: "Linked",
      client_id: "demo-partner",
      external_dealer_id: "linked-1",
    });
    expect((await get(`/partner/v1/dealers/${c.body.dealer_id}`)).status).toBe(200);
    expect((await control(s.url, "POST", "/_sim/alarms", { site_id: 1 })).status).toBe(201);
    const bad = await control(s.url, "POST", "/_sim/alarms", { site_id: 1, contact_id: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("contact_id");
    expect(bad.body.error.message).toBe("contact 5 is not on site 1");
    const badDevice = await control(s.url, "POST", "/_sim/alarms", { site_id: 1, device_id: 999_999 });
    expect([badDevice.status, badDevice.body.error.field, badDevice.body.error.message]).toEqual([
      400,
      "device_id",
      "device 999999 is not on site 1",
    ]);
    expect((await control(s.url, "POST", "/_sim/alarms", {})).status).toBe(400);
    // No test of this file makes that many sites (the scale test makes 5,000), whatever the order.
    expect((await control(s.url, "POST", "/_sim/alarms", { site_id: 987_654_321 })).status).toBe(404);
  });
});

describe("scale", () => {
  // The simulator runs in this process: its CPU time is what a slow store would spend.
  it("creates 5,000 sites fast and still answers lookups and pages quickly", async () => {
    // Other tests of the file may have made sites of dealer 1 before this one runs.
    const before = Number((await get("/partner/v1/dealers/1/sites?limit=1")).headers.get("x-total-count"));
    expect(before).toBeGreaterThan(0);
    const t0 = process.cpuUsage();
    const r = await control(s.url, "POST", "/_sim/bulk-sites", {
      dealer_id: 1,
      count: 5000,
      devices_per_site: 2,
      contacts_per_site: 1,
    });
    const createMs = cpuMsSince(t0);
    expect(r.status).toBe(201);
    expect(createMs).toBeLessThan(5000);
    const t1 = process.cpuUsage();
    const one = await get(`/partner/v1/dealers/1/sites/${r.body.last_site_id}`);
    expect(one.status).toBe(200);
    const page = await get("/partner/v1/dealers/1/sites?limit=50&offset=4000&sort=name");
    expect(page.headers.get("x-total-count")).toBe(String(before + 5000));
    const dev = await get(`/partner/v1/dealers/1/sites/${r.body.last_site_id}/devices`);
    expect(((await dev.json()) as unknown[]).length).toBe(2);
    const lookupMs = cpuMsSince(t1);
    expect(lookupMs).toBeLessThan(3000);
    console.log(
      `[sim scale] 5000 sites + 10000 devices + 5000 contacts: ${createMs.toFixed(0)} ms; ` +
        `get + sorted page + devices: ${lookupMs.toFixed(0)} ms (CPU time)`,
    );
  });
});

describe("persistence and close", () => {
  it("saves state on change and loads it at the next start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chekt-sim-"));
    const file = path.join(dir, "state.json");
    try {
      const a = await startSimulator({
        port: 0,
        dataFile: file,
        config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 1000 },
      });
      const t = await partnerToken(a.url);
      const created = await fetch(`${a.url}/partner/v1/dealers/1/sites`, {
        method: "POST",
        headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
        body: JSON.stringify({ external_site_id: "persist-1", name: "Persisted", timezone: "Europe/Paris" }),
      });
      const site = (await created.json()) as { site_id: number };
      // The save is debounced: poll the file instead of guessing a delay.
      const persisted = () => {
        try {
          return JSON.parse(readFileSync(file, "utf8")).sites.some((x: { name: string }) => x.name === "Persisted");
        } catch {
          return false;
        }
      };
      await until(persisted, () => `${file} to hold the new site`);
      expect(persisted()).toBe(true);
      await a.close();
      const b = await startSimulator({ port: 0, dataFile: file });
      try {
        const r = await fetch(`${b.url}/partner/v1/dealers/1/sites/${site.site_id}`, {
          headers: { authorization: `Bearer ${t}` },
        });
        expect(r.status).toBe(200); // the token survived the restart too
        expect(((await r.json()) as { name: string }).name).toBe("Persisted");
        const next = await fetch(`${b.url}/partner/v1/dealers/1/sites`, {
          method: "POST",
          headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
          body: JSON.stringify({ external_site_id: "persist-2", name: "After restart", timezone: "UTC" }),
        });
        expect(((await next.json()) as { site_id: number }).site_id).toBe(site.site_id + 1);
      } finally {
        await b.close();
      }
      // The demo app moved to another port and .env has a new key: the saved app follows the environment.
      const saved = { APP_URL: process.env.APP_URL, CHEKT_API_KEY: process.env.CHEKT_API_KEY };
      process.env.APP_URL = "http://localhost:3999";
      process.env.CHEKT_API_KEY = "chekt_test_rotatedinenv000000000000000001";
      try {
        const c = await startSimulator({ port: 0, dataFile: file });
        try {
          expect(c.state.apps.get("app_1")!.webhook_url).toBe("http://localhost:3999/api/webhooks/chekt/acme-security");
          expect(
            (
              await fetch(`${c.url}/v1/devices`, {
                headers: { authorization: "Bearer chekt_test_rotatedinenv000000000000000001" },
              })
            ).status,
          ).toBe(200);
        } finally {
          await c.close();
        }
      } finally {
        for (const [k, v] of Object.entries(saved))
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("raises demo alarms on a timer and close() stops it", async () => {
    const d = await startSimulator({ port: 0, demoAlarmEveryS: 0.1 });
    await control(d.url, "PATCH", "/_sim/apps/app_1", { webhook_url: null });
    await until(
      () => d.state.alarms.size >= 2,
      () => "two demo alarms",
    );
    const n = d.state.alarms.size;
    expect(n).toBeGreaterThanOrEqual(2);
    await d.close();
    // Real time on purpose: the simulator's own timer (no clock to inject) had 2.5 periods to raise one more.
    await new Promise((r) => setTimeout(r, 250));
    expect(d.state.alarms.size).toBe(n);
    await expect(fetch(`${d.url}/`)).rejects.toThrow();
  });
});
