// The sites table of a 2,000-site dealer: the page, order and total the console shows come from
// CHeKT's own list controls (fields, filter, sort, dir, limit, offset, X-Total-Count), driven by
// the URL state. Checked against the simulator's own records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSimulator } from "../support/simulator";
import { simBulkSites } from "../support/sim-world";
import type { RunningSimulator } from "@/simulator/server";
import type { Site } from "@/simulator/store";
import { siteList, siteListControls } from "@/lib/schemas/site-list";

let sim: RunningSimulator;
let listSites: typeof import("@/lib/chekt/api/sites").listSites;
const scope = {
  dealerLinkId: "n/a",
  dealerId: 2,
  externalDealerId: "northwind-alarms",
  companyName: "Northwind Alarms",
};
let all: Site[];

beforeAll(async () => {
  sim = await startTestSimulator({ config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 } });
  process.env.CHEKT_API_BASE_URL = sim.url;
  // lib/env validates every variable on import; this file never touches Postgres.
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/unused";
  await simBulkSites(sim.url, { dealer_id: 2, count: 2000 });
  listSites = (await import("@/lib/chekt/api/sites")).listSites;
  all = [...sim.state.sites.values()].filter((s) => s.dealer_id === 2);
  expect(all.length).toBeGreaterThanOrEqual(2000);
});

afterAll(async () => {
  await sim?.close();
});

const page = (params: Record<string, string>) => listSites(scope, siteListControls(siteList.parse(params)));
const ids = (rows: { site_id: number }[]) => rows.map((r) => r.site_id);

describe("a 2,000-site dealer, paged, sorted and filtered by CHeKT", () => {
  it("page 7 of 50 sorted by account number, descending, with the full total", async () => {
    const expected = [...all].sort((a, b) => (a.account_number! < b.account_number! ? 1 : -1)).slice(300, 350);
    const got = await page({ sort: "account_number", dir: "desc", page: "7", per: "50" });
    expect(got.total).toBe(all.length);
    expect(ids(got.rows)).toEqual(ids(expected));
  });

  it("only the chosen columns are fetched", async () => {
    const got = await page({ cols: "timezone", per: "25" });
    expect(got.rows).toHaveLength(25);
    for (const r of got.rows) expect(Object.keys(r).sort()).toEqual(["name", "site_id", "timezone"]);
  });

  it("inactive sites in Seoul, by name descending, page 2", async () => {
    const match = all.filter(
      (s) => s.is_activated === 0 && s.timezone === "Asia/Seoul" && s.name.startsWith("Bulk Site"),
    );
    const expected = match.sort((a, b) => (a.name < b.name ? 1 : -1)).slice(25, 50);
    const got = await page({ active: "0", tz: "Asia/Seoul", q: "bulk site", sort: "name", dir: "desc", page: "2" });
    expect(got.total).toBe(match.length);
    expect(got.total).toBeGreaterThan(50);
    expect(ids(got.rows)).toEqual(ids(expected));
  });

  it("text search is literal and ignores case", async () => {
    const needle = "site 0012";
    const match = all.filter((s) => s.name.toLowerCase().includes(needle));
    const got = await page({ q: "SITE 0012", per: "100" });
    expect(got.total).toBe(match.length);
    expect(got.total).toBeGreaterThan(0);
    expect(new Set(ids(got.rows))).toEqual(new Set(ids(match).slice(0, 100)));
    // Regex syntax typed by a user is matched literally, not interpreted.
    expect((await page({ q: "Bulk.Site" })).total).toBe(0);
    expect((await page({ q: "(" })).total).toBe(all.filter((s) => s.name.includes("(")).length);
  });

  it("a page past the end is empty but still knows the total", async () => {
    const got = await page({ page: "999", per: "100" });
    expect(got.rows).toEqual([]);
    expect(got.total).toBe(all.length);
  });
});
