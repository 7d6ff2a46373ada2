// The mirror against real Postgres and the real simulator over HTTP (docs/mirror.md): the sweep
// fills it, notices objects created, changed and deleted in CHeKT, resumes after a failure and
// rides out a 429 storm; a refresh that meets a 404 marks the row gone; a stale view queues one
// background refresh per object and the worker runs it; the site search runs in SQL.
import PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { simFile } from "../support/sim-file";

const world = simFile("chekt_mirror_it");
let sweep: typeof import("@/lib/mirror/sweep");
let refresh: typeof import("@/lib/mirror/refresh");
let read: typeof import("@/lib/mirror/read");
let worker: typeof import("@/lib/jobs/sync-worker");
let chektApi: typeof import("@/lib/chekt/api/sites");
let siteList: typeof import("@/lib/schemas/site-list").siteList;
let linkId: string;
let otherLinkId: string;
let scope: { dealerLinkId: string; dealerId: number };

const noSleep = async () => undefined;
const simSites = () => [...world.sim.state.sites.values()].filter((s) => s.dealer_id === 1);
const control = (path: string, method: string, body?: unknown) =>
  fetch(`${world.sim.url}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (r) => {
    expect(r.ok, `${method} ${path}: ${r.status}`).toBe(true);
    return r.json().catch(() => null);
  });
/** Requests the simulator answered since its stats were last cleared, for routes ending in `suffix` ("GET …/sites"). */
const routeCalls = async (method: string, suffix: string): Promise<number> => {
  const stats = (await control("/_sim/stats", "GET")) as { byRoute: Record<string, number> };
  return Object.entries(stats.byRoute)
    .filter(([k]) => k.startsWith(`${method} `) && k.endsWith(suffix))
    .reduce((n, [, v]) => n + v, 0);
};

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
  refresh = await import("@/lib/mirror/refresh");
  read = await import("@/lib/mirror/read");
  worker = await import("@/lib/jobs/sync-worker");
  chektApi = await import("@/lib/chekt/api/sites");
  siteList = (await import("@/lib/schemas/site-list")).siteList;
  linkId = world.linkId;
  otherLinkId = await connectDealerLink(world.prisma, NORTHWIND, {
    externalDealerId: "northwind",
    companyName: "Northwind",
  });
  scope = { dealerLinkId: linkId, dealerId: 1 };
  // Enough sites that the sweep pages (200 a page) and the children phase has real work.
  await control("/_sim/bulk-sites", "POST", { dealer_id: 1, count: 200, devices_per_site: 1, contacts_per_site: 1 });
});

describe("mirror: the sweep", () => {
  it("a first sweep mirrors the dealer, stations, every site and each site's contacts, devices, arming", async () => {
    const out = await sweep.sweepDealer(scope, { sleep: noSleep });
    const expected = simSites();
    expect(out.sites).toBe(expected.length);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: linkId, goneAt: null } })).toBe(
      expected.length,
    );
    expect(await world.prisma.mirrorDealer.findUnique({ where: { dealerLinkId: linkId } })).toMatchObject({
      chektDealerId: 1,
      goneAt: null,
    });
    const stations = [...world.sim.state.stations.values()].filter((s) => s.dealer_id === 1);
    expect(await world.prisma.mirrorStation.count({ where: { dealerLinkId: linkId } })).toBe(stations.length);
    const ids = new Set(expected.map((s) => s.site_id));
    const contacts = [...world.sim.state.contacts.values()].filter((c) => ids.has(c.site_id));
    const devices = [...world.sim.state.devices.values()].filter((d) => ids.has(d.site_id));
    expect(await world.prisma.mirrorContact.count({ where: { dealerLinkId: linkId } })).toBe(contacts.length);
    expect(await world.prisma.mirrorDevice.count({ where: { dealerLinkId: linkId } })).toBe(devices.length);
    expect(await world.prisma.mirrorArming.count({ where: { dealerLinkId: linkId } })).toBe(expected.length);
    const one = expected[0]!;
    expect(
      await world.prisma.mirrorArming.findUnique({
        where: { dealerLinkId_siteId: { dealerLinkId: linkId, siteId: one.site_id } },
      }),
    ).toMatchObject({ securityType: one.security_type });
    const sync = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } });
    expect(sync).toMatchObject({
      state: "idle",
      firstSync: false,
      phase: null,
      done: expected.length,
      total: expected.length,
      lastError: null,
    });
    expect(sync!.finishedAt).toBeInstanceOf(Date);
    // Nothing of dealer 1 leaked into another link.
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: otherLinkId } })).toBe(0);
  }, 120_000);

  it("notices a site created, one changed and one deleted in CHeKT (and the deleted site's children)", async () => {
    const [changed, deleted] = simSites().slice(3, 5);
    world.sim.state.sites.get(changed!.site_id)!.name = "Renamed In CHeKT";
    await chektApi.deleteSite(scope, deleted!.site_id); // in CHeKT only: the mirror is not told
    await control("/_sim/bulk-sites", "POST", { dealer_id: 1, count: 1 });
    const created = simSites().at(-1)!;

    await sweep.sweepDealer(scope, { sleep: noSleep });
    const rowOf = (id: number) =>
      world.prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId: linkId, chektId: id } } });
    const c = await rowOf(changed!.site_id);
    expect(c).toMatchObject({ name: "Renamed In CHeKT", goneAt: null });
    expect(c!.changedAt).toBeInstanceOf(Date);
    const d = await rowOf(deleted!.site_id);
    expect(d!.goneAt).toBeInstanceOf(Date);
    expect(
      await world.prisma.mirrorContact.count({
        where: { dealerLinkId: linkId, siteId: deleted!.site_id, goneAt: null },
      }),
    ).toBe(0);
    expect(
      await world.prisma.mirrorDevice.count({
        where: { dealerLinkId: linkId, siteId: deleted!.site_id, goneAt: null },
      }),
    ).toBe(0);
    expect(await rowOf(created.site_id)).toMatchObject({ name: created.name, goneAt: null, changedAt: null });
    // An unchanged site is not flagged.
    expect((await rowOf(simSites()[0]!.site_id))!.changedAt).toBeNull();
  }, 120_000);

  it("a failure in the children phase stops it with the reason; the next run resumes where it stopped", async () => {
    await control("/_sim/faults", "POST", {
      path: "/partner/v1/dealers/1/sites/*/contacts",
      rate_5xx: 1,
      status_5xx: 500,
    });
    await expect(sweep.sweepDealer(scope, { sleep: noSleep })).rejects.toThrow();
    const failed = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } });
    expect(failed).toMatchObject({ state: "failed", phase: "children" });
    expect(failed!.lastError).toMatch(/500|server/i);
    await control("/_sim/faults", "DELETE");

    await control("/_sim/stats", "DELETE");
    await sweep.sweepDealer(scope, { sleep: noSleep });
    // Resumed in the children phase: the dealer, stations and sites lists were not read again.
    expect(await routeCalls("GET", "Id/sites")).toBe(0);
    expect(await routeCalls("GET", "/monitoring-stations")).toBe(0);
    expect(await routeCalls("GET", "/contacts")).toBeGreaterThan(0);
    expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } })).toMatchObject({
      state: "idle",
      lastError: null,
    });
  }, 120_000);

  it("a 429 storm only delays it: the sweep waits and finishes with every site", async () => {
    await control("/_sim/stats", "DELETE");
    await control("/_sim/faults", "POST", {
      path: "/partner/v1/dealers/1/sites",
      method: "GET",
      rate_429: 1,
      count: 3,
    });
    const out = await sweep.sweepDealer(scope, { sleep: noSleep });
    const stats = (await control("/_sim/stats", "GET")) as { byStatus: Record<string, number> };
    expect(stats.byStatus["429"]).toBe(3);
    expect(out.sites).toBe(simSites().length);
    expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } })).toMatchObject({
      state: "idle",
      lastError: null,
    });
    await control("/_sim/faults", "DELETE");
  }, 120_000);
});

describe("mirror: refresh", () => {
  it("refreshNow re-reads a site at the read class; a 404 marks it gone and keeps the last copy", async () => {
    const site = simSites()[1]!;
    site.account_number = "REFRESHED-1";
    const [fresh] = await refresh.refreshNow(scope, { kind: "site", chektId: site.site_id });
    expect(fresh!.result).toBe("fresh");
    const row = await read.findMirrorSite(linkId, site.site_id);
    expect(row).toMatchObject({ accountNumber: "REFRESHED-1", goneAt: null });
    expect((row!.dto as { has_physical_bridge?: boolean }).has_physical_bridge).toBeTypeOf("boolean");

    await chektApi.deleteSite(scope, site.site_id);
    const [gone] = await refresh.refreshNow(scope, { kind: "site", chektId: site.site_id });
    expect(gone!.result).toBe("gone");
    const after = await read.findMirrorSite(linkId, site.site_id);
    expect(after!.goneAt).toBeInstanceOf(Date);
    expect(after!.name).toBe(site.name);
    // Gone rows leave the list and the counts.
    const page = await read.mirrorSitesPage(linkId, siteList.parse({ q: String(site.site_id), per: "100" }));
    expect(page.rows.map((r) => r.site_id)).not.toContain(site.site_id);
  });

  it("a refresh that meets 5xx throws and the mirror keeps what it had", async () => {
    const site = simSites()[2]!;
    const before = await read.findMirrorSite(linkId, site.site_id);
    site.name = "Never Seen";
    await control("/_sim/faults", "POST", {
      path: `/partner/v1/dealers/1/sites/${site.site_id}`,
      rate_5xx: 1,
      status_5xx: 500,
    });
    await expect(refresh.refreshNow(scope, { kind: "site", chektId: site.site_id })).rejects.toThrow();
    await control("/_sim/faults", "DELETE");
    const after = await read.findMirrorSite(linkId, site.site_id);
    expect(after!.name).toBe(before!.name);
    expect(after!.confirmedAt.getTime()).toBe(before!.confirmedAt.getTime());
  });

  it("the list view refresh re-reads only the page shown, in one CHeKT call", async () => {
    await control("/_sim/stats", "DELETE");
    const first = simSites().sort((a, b) => (a.name < b.name ? -1 : 1))[0]!;
    first.address1 = "1 Fresh Street";
    await refresh.refreshNow(scope, { kind: "sites", view: "sort=name&per=25" });
    expect(await routeCalls("GET", "Id/sites")).toBe(1);
    expect((await read.findMirrorSite(linkId, first.site_id))!.address1).toBe("1 Fresh Street");
  });

  it("stale-while-revalidate: a stale row queues one job per object, and the worker re-reads it", async () => {
    expect(refresh.isStale(new Date(Date.now() - 10 * 60_000), new Date(), 5 * 60_000)).toBe(true);
    expect(refresh.isStale(new Date(Date.now() - 60_000), new Date(), 5 * 60_000)).toBe(false);
    expect(refresh.isStale(null)).toBe(true);

    const site = simSites()[5]!;
    site.name = "Renamed While Stale";
    const boss = new PgBoss({ connectionString: world.db.url, max: 2 });
    await boss.start();
    await worker.createMirrorQueues(boss);
    for (let i = 0; i < 5; i++) await worker.queueMirrorRefresh(boss, linkId, { kind: "site", chektId: site.site_id });
    await worker.queueMirrorRefresh(boss, linkId, { kind: "stations" });
    const [{ n }] = await world.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${worker.REFRESH_QUEUE} AND state = 'created'`;
    expect(n).toBe(2);
    await boss.stop({ graceful: false, wait: true });

    // The sweep just finished, so the worker's tick queues no sweep; it only runs the refreshes.
    const running = await worker.startSyncWorker({
      connectionString: world.db.url,
      intervalS: 3600,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const deadline = Date.now() + 15_000;
      while ((await read.findMirrorSite(linkId, site.site_id))!.name !== "Renamed While Stale") {
        if (Date.now() > deadline) throw new Error("the queued refresh did not run");
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await running.stop();
    }
  }, 30_000);
});

describe("mirror: the site search (SQL over the mirror)", () => {
  it("finds a site by name, account number, address, our ID and CHeKT's ID, case-insensitively", async () => {
    const s = simSites().find((x) => x.account_number && x.address1 && x.site_id > 9)!;
    await refresh.refreshNow(scope, { kind: "site", chektId: s.site_id });
    const find = async (q: string) =>
      (await read.mirrorSitesPage(linkId, siteList.parse({ q, per: "100" }))).rows.map((r) => r.site_id);
    expect(await find(s.name.toUpperCase())).toContain(s.site_id);
    expect(await find(s.account_number!)).toContain(s.site_id);
    expect(await find(s.address1!.slice(0, 8))).toContain(s.site_id);
    expect(await find(s.external_site_id)).toContain(s.site_id);
    // A bare number also matches other sites' digits: the total is every row whose search text has it.
    const byId = await read.mirrorSitesPage(
      linkId,
      siteList.parse({ q: String(s.site_id), per: "100", sort: "created_at" }),
    );
    const expected = await world.prisma.mirrorSite.count({
      where: { dealerLinkId: linkId, goneAt: null, searchText: { contains: String(s.site_id) } },
    });
    expect(byId.total).toBe(expected);
    expect(byId.total).toBeGreaterThan(0);
  });

  it("takes %, _ and \\ literally, and never shows another dealer's sites", async () => {
    expect((await read.mirrorSitesPage(linkId, siteList.parse({ q: "%" }))).total).toBe(0);
    expect((await read.mirrorSitesPage(linkId, siteList.parse({ q: "_" }))).total).toBe(0);
    expect((await read.mirrorSitesPage(otherLinkId, siteList.parse({}))).total).toBe(0);
    expect(await read.findMirrorSite(otherLinkId, simSites()[0]!.site_id)).toBeNull();
  });

  it("pages, sorts and filters in SQL with the right total", async () => {
    const live = await world.prisma.mirrorSite.findMany({
      where: { dealerLinkId: linkId, goneAt: null, isActivated: false },
      orderBy: [{ accountNumber: { sort: "desc", nulls: "last" } }, { chektId: "desc" }],
    });
    const page = await read.mirrorSitesPage(
      linkId,
      siteList.parse({ active: "0", sort: "account_number", dir: "desc", page: "2", per: "25" }),
    );
    expect(page.total).toBe(live.length);
    expect(page.rows.map((r) => r.site_id)).toEqual(live.slice(25, 50).map((r) => r.chektId));
  });
});
