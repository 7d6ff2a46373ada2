// The mirror against real Postgres and the real simulator over HTTP (docs/mirror.md): the sweep
// fills it, notices objects created, changed and deleted in CHeKT, resumes after a failure and
// rides out a 429 storm; a refresh that meets a 404 marks the row gone; a stale view queues one
// background refresh per object and the worker runs it; the site search runs in SQL.
import PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import type { MirrorTarget } from "@/lib/mirror/targets";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { simFile } from "../support/sim-file";
import { clearSimFaults, clearSimStats, simBulkSites, simRouteCalls, simStats } from "../support/sim-world";
import { until } from "../support/until";

// Every test starts with no fault left on the simulator, whatever an earlier one left when it failed.
const world = simFile("chekt_mirror_it", { faults: true });
let sweep: typeof import("@/lib/mirror/sweep");
let sweepProgress: typeof import("@/lib/mirror/sweep-progress");
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
/**
 * New sites of dealer 1 in CHeKT only (the mirror is not told), each with one contact and one camera: a test
 * that changes, deletes or refreshes sites works on its own, so it never depends on what another did to theirs.
 */
const newSimSites = async (count: number) => {
  const first = await simBulkSites(world.sim.url, { dealer_id: 1, count, devices_per_site: 1, contacts_per_site: 1 });
  return Array.from({ length: count }, (_, i) => world.sim.state.sites.get(first + i)!);
};
const newSimSite = async () => (await newSimSites(1))[0]!;
/** Empties the link's mirror, its sync row included, so its next sweep is a first sync. */
const emptyMirror = (dealerLinkId: string) => {
  const p = world.prisma;
  const where = { dealerLinkId };
  return p.$transaction([
    p.mirrorArming.deleteMany({ where }),
    p.mirrorDevice.deleteMany({ where }),
    p.mirrorContact.deleteMany({ where }),
    p.mirrorSite.deleteMany({ where }),
    p.mirrorStation.deleteMany({ where }),
    p.mirrorDealer.deleteMany({ where }),
    p.mirrorSync.deleteMany({ where }),
  ]);
};
const routeCalls = (method: string, suffix: string) => simRouteCalls(world.sim.url, method, suffix);

/** Runs the sync worker (its hourly sweep out of the way) until `done` holds, then stops it. */
async function workUntil(done: () => Promise<boolean>, what: string) {
  const running = await worker.startSyncWorker({
    connectionString: world.db.url,
    intervalS: 3600,
    pollingIntervalSeconds: 0.5,
  });
  try {
    await until(done, () => what, 200);
  } finally {
    await running.stop();
  }
}

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
  sweepProgress = await import("@/lib/mirror/sweep-progress");
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
  await simBulkSites(world.sim.url, { dealer_id: 1, count: 200, devices_per_site: 1, contacts_per_site: 1 });
});

describe("mirror: the sweep", () => {
  it("a first sweep mirrors the dealer, stations, every site and each site's contacts, devices, arming", async () => {
    // Another test's sweep or refresh may have run first: this one starts from an empty mirror.
    await emptyMirror(linkId);
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
    const [kept, changed, deleted] = (await newSimSites(3)).map((s) => s.site_id);
    // The mirror's copy before CHeKT changes: the three sites and their children, as a sweep leaves them.
    await refresh.refreshNow(
      scope,
      [kept!, changed!, deleted!].flatMap((id): MirrorTarget[] => [
        { kind: "site", chektId: id },
        { kind: "contacts", siteId: id },
        { kind: "devices", siteId: id },
      ]),
    );
    const liveChildren = async (siteId: number) => {
      const where = { dealerLinkId: linkId, siteId, goneAt: null };
      return [await world.prisma.mirrorContact.count({ where }), await world.prisma.mirrorDevice.count({ where })];
    };
    expect(await liveChildren(deleted!)).toEqual([1, 1]);
    world.sim.state.sites.get(changed!)!.name = "Renamed In CHeKT";
    await chektApi.deleteSite(scope, deleted!); // in CHeKT only: the mirror is not told
    const created = await newSimSite();

    await sweep.sweepDealer(scope, { sleep: noSleep });
    const rowOf = (id: number) =>
      world.prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId: linkId, chektId: id } } });
    const c = await rowOf(changed!);
    expect(c).toMatchObject({ name: "Renamed In CHeKT", goneAt: null });
    expect(c!.changedAt).toBeInstanceOf(Date);
    const d = await rowOf(deleted!);
    expect(d!.goneAt).toBeInstanceOf(Date);
    expect(await liveChildren(deleted!)).toEqual([0, 0]);
    expect(await rowOf(created.site_id)).toMatchObject({ name: created.name, goneAt: null, changedAt: null });
    // An unchanged site is not flagged.
    expect(await rowOf(kept!)).toMatchObject({ goneAt: null, changedAt: null });
  }, 120_000);

  it("a failure in the children phase stops it with the reason; the next run resumes where it stopped", async () => {
    await world.fault({
      path: "/partner/v1/dealers/1/sites/*/contacts",
      rate_5xx: 1,
      status_5xx: 500,
    });
    await expect(sweep.sweepDealer(scope, { sleep: noSleep })).rejects.toThrow();
    const failed = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } });
    expect(failed).toMatchObject({ state: "failed", phase: "children" });
    expect(failed!.lastError).toMatch(/500|server/i);
    await clearSimFaults(world.sim.url);

    await clearSimStats(world.sim.url);
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
    await clearSimStats(world.sim.url);
    await world.fault({
      path: "/partner/v1/dealers/1/sites",
      method: "GET",
      rate_429: 1,
      count: 3,
    });
    const out = await sweep.sweepDealer(scope, { sleep: noSleep });
    const stats = await simStats(world.sim.url);
    expect(stats.byStatus["429"]).toBe(3);
    expect(out.sites).toBe(simSites().length);
    expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } })).toMatchObject({
      state: "idle",
      lastError: null,
    });
    await clearSimFaults(world.sim.url);
  }, 120_000);

  it("one site that answers 500 every time is skipped and named; the sites after it are still read", async () => {
    // Newest ids, so the children phase reaches them last: X first, then the two after it.
    const [bad, after, deletedLater] = await newSimSites(3);
    await world.fault({
      path: `/partner/v1/dealers/1/sites/${bad!.site_id}/contacts`,
      rate_5xx: 1,
      status_5xx: 500,
    });
    const syncRow = () => world.prisma.mirrorSync.findUniqueOrThrow({ where: { dealerLinkId: linkId } });
    const seen = async (siteId: number) => ({
      site: (await read.findMirrorSite(linkId, siteId))?.confirmedAt.toISOString(),
      contact: (
        await world.prisma.mirrorContact.findFirst({ where: { dealerLinkId: linkId, siteId } })
      )?.confirmedAt.toISOString(),
    });
    try {
      // Two runs on clocks just after now (a row keeps its latest confirmation, so later tests' reads still land).
      const base = Date.now();
      for (const at of [new Date(base + 1).toISOString(), new Date(base + 2).toISOString()]) {
        // The second run: a site deleted in CHeKT meanwhile is noticed (the sites list is read again).
        if (at !== new Date(base + 1).toISOString()) await chektApi.deleteSite(scope, deletedLater!.site_id);
        await sweep.sweepDealer(scope, { sleep: noSleep, now: () => new Date(at) });
        const sync = await syncRow();
        expect(sync).toMatchObject({ state: "idle", skipped: 1, lastError: null });
        const said = sweepProgress.skippedText(sync) ?? "";
        expect(said.startsWith(`1 site could not be read: ${bad!.name} (#${bad!.site_id}) — `), said).toBe(true);
        expect(said).toMatch(/500|server/i);
        expect(await seen(after!.site_id)).toEqual({ site: at, contact: at });
      }
      expect((await read.findMirrorSite(linkId, deletedLater!.site_id))!.goneAt).toBeInstanceOf(Date);
    } finally {
      await clearSimFaults(world.sim.url);
    }
    // The fault gone, the next sweep reads the site and says nothing more.
    await sweep.sweepDealer(scope, { sleep: noSleep });
    expect(await syncRow()).toMatchObject({ state: "idle", skipped: 0, skippedNote: null });
  }, 120_000);
});

/**
 * Marks both links swept a moment ago, so the worker's tick finds none due (it queues no sweep, which would
 * read the sites too and fill Northwind's mirror), and queues these refreshes; returns how many jobs wait.
 */
async function queueRefreshes(targets: MirrorTarget[]): Promise<number> {
  const at = new Date();
  const justSwept = { state: "idle", phase: null, cursor: null, firstSync: false, startedAt: at, finishedAt: at };
  for (const dealerLinkId of [linkId, otherLinkId])
    await world.prisma.mirrorSync.upsert({
      where: { dealerLinkId },
      create: { dealerLinkId, ...justSwept },
      update: justSwept,
    });
  const boss = new PgBoss({ connectionString: world.db.url, max: 2 });
  await boss.start();
  try {
    await worker.createMirrorQueues(boss);
    for (const t of targets) await worker.queueMirrorRefresh(boss, linkId, t);
    const [{ n }] = await world.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${worker.REFRESH_QUEUE} AND state = 'created'`;
    return n;
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

describe("mirror: refresh", () => {
  it("refreshNow re-reads a site at the read class; a 404 marks it gone and keeps the last copy", async () => {
    const site = await newSimSite();
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
    const site = await newSimSite();
    await refresh.refreshNow(scope, { kind: "site", chektId: site.site_id });
    const before = await read.findMirrorSite(linkId, site.site_id);
    expect(before).toMatchObject({ name: site.name, goneAt: null });
    site.name = "Never Seen";
    await world.fault({
      path: `/partner/v1/dealers/1/sites/${site.site_id}`,
      rate_5xx: 1,
      status_5xx: 500,
    });
    await expect(refresh.refreshNow(scope, { kind: "site", chektId: site.site_id })).rejects.toThrow();
    await clearSimFaults(world.sim.url);
    const after = await read.findMirrorSite(linkId, site.site_id);
    expect(after!.name).toBe(before!.name);
    expect(after!.confirmedAt.getTime()).toBe(before!.confirmedAt.getTime());
  });

  it("the list view refresh re-reads only the page shown, in one CHeKT call", async () => {
    await clearSimStats(world.sim.url);
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

    const site = await newSimSite();
    await refresh.refreshNow(scope, { kind: "site", chektId: site.site_id });
    site.name = "Renamed While Stale";
    const n = await queueRefreshes([
      ...Array.from({ length: 5 }, (): MirrorTarget => ({ kind: "site", chektId: site.site_id })),
      { kind: "stations" },
    ]);
    expect(n).toBe(2);

    await workUntil(
      async () => (await read.findMirrorSite(linkId, site.site_id))!.name === "Renamed While Stale",
      "the queued refresh to rename the site",
    );
    const [{ sweeps }] = await world.prisma.$queryRaw<
      { sweeps: number }[]
    >`SELECT count(*)::int AS sweeps FROM pgboss.job WHERE name = ${worker.SYNC_QUEUE}`;
    expect(sweeps).toBe(0);
  }, 30_000);

  it("a queued refresh runs at the sync class and is retried once: a 5xx outage costs at most 8 calls", async () => {
    const site = await newSimSite();
    const path = `/partner/v1/dealers/1/sites/${site.site_id}`;
    await world.fault({ path, rate_5xx: 1, status_5xx: 500 });
    await clearSimStats(world.sim.url);
    await world.prisma.chektBudgetUsage.deleteMany({});
    await queueRefreshes([{ kind: "site", chektId: site.site_id }]);
    const jobRow = async () =>
      (
        await world.prisma.$queryRaw<{ state: string; retry_limit: number; retry_count: number }[]>`
          SELECT state, retry_limit, retry_count FROM pgboss.job WHERE name = ${worker.REFRESH_QUEUE}
            AND data->'targets'->0->>'chektId' = ${String(site.site_id)}`
      )[0]!;
    expect((await jobRow()).retry_limit).toBe(1);

    // The first try over (pg-boss then holds the job for its retry delay): what one try cost.
    await workUntil(
      async () => ["retry", "failed"].includes((await jobRow()).state),
      "the queued refresh's first try to end",
    );
    await clearSimFaults(world.sim.url);
    const stats = await simStats(world.sim.url);
    const perTry = stats.byStatus["500"] ?? 0;
    expect(perTry).toBeGreaterThan(0);
    expect(perTry * (1 + (await jobRow()).retry_limit)).toBeLessThanOrEqual(8);
    const byClass = await world.prisma.chektBudgetUsage.groupBy({ by: ["budgetClass"], _sum: { calls: true } });
    // Its calls are the sweep's class, none the interactive "read" (the token's fetch is counted apart).
    expect(byClass.map((r) => r.budgetClass)).toContain("sync");
    expect(byClass.map((r) => r.budgetClass)).not.toContain("read");
  }, 60_000);
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
    // A row of Acme's that a wildcard would match and that Northwind's link must not show.
    const site = await newSimSite();
    await refresh.refreshNow(scope, { kind: "site", chektId: site.site_id });
    expect(await read.findMirrorSite(linkId, site.site_id)).not.toBeNull();
    expect((await read.mirrorSitesPage(linkId, siteList.parse({ q: "%" }))).total).toBe(0);
    expect((await read.mirrorSitesPage(linkId, siteList.parse({ q: "_" }))).total).toBe(0);
    expect((await read.mirrorSitesPage(otherLinkId, siteList.parse({}))).total).toBe(0);
    expect(await read.findMirrorSite(otherLinkId, site.site_id)).toBeNull();
  });

  it("pages, sorts and filters in SQL with the right total", async () => {
    // Every site of the dealer in the mirror, so page 2 of the inactive ones is a full page.
    await refresh.refreshNow(scope, { kind: "sites" });
    const live = await world.prisma.mirrorSite.findMany({
      where: { dealerLinkId: linkId, goneAt: null, isActivated: false },
      orderBy: [{ accountNumber: { sort: "desc", nulls: "last" } }, { chektId: "desc" }],
    });
    const page = await read.mirrorSitesPage(
      linkId,
      siteList.parse({ active: "0", sort: "account_number", dir: "desc", page: "2", per: "25" }),
    );
    expect(live.length).toBeGreaterThan(50);
    expect(page.total).toBe(live.length);
    expect(page.rows.map((r) => r.site_id)).toEqual(live.slice(25, 50).map((r) => r.chektId));
  });
});
