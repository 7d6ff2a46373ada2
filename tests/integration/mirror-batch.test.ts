// The mirror's read path writes a page in ONE statement (lib/mirror/batch.ts), against real
// Postgres and the real simulator over HTTP: statements counted at the pg driver grow with pages,
// not rows; a row changed in CHeKT is updated and flagged while an unchanged one keeps its
// updated_at; another dealer's rows are never touched; a page Postgres refuses leaves nothing of
// that page written, and the sweep resumes at that page. A device read online is last seen at the
// read's time, unless a newer offline report holds the row (also one sent before the row existed).
// An offline spell survives CHeKT saying offline again, by answer or by webhook.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { freshDealer } from "../support/fresh-dealer";
import { simFile } from "../support/sim-file";
import { clearSimStats, simBulkSites, simRouteCalls } from "../support/sim-world";

const world = simFile("chekt_mirror_batch_it");
let pull: typeof import("@/lib/mirror/pull");
let sweep: typeof import("@/lib/mirror/sweep");
let otherLinkId: string;

type Scope = { dealerLinkId: string; dealerId: number };
const PAGE = 200;
const noSleep = async () => undefined;
const sitesOf = (scope: Scope) =>
  [...world.sim.state.sites.values()]
    .filter((s) => s.dealer_id === scope.dealerId)
    .sort((a, b) => a.site_id - b.site_id);

/** Every statement this process sends to Postgres (Prisma's included: its adapter runs on pg's Client). */
const sent: string[] = [];
let onStatement: (text: string) => void = () => undefined;
const originalQuery = Reflect.get(pg.Client.prototype, "query");
function statementText(arg: unknown): string {
  if (typeof arg === "string") return arg;
  const text: unknown = arg && typeof arg === "object" ? Reflect.get(arg, "text") : undefined;
  return typeof text === "string" ? text : "";
}
/** Statements that read or write the mirror's object tables (not the sweep's progress, not the budget). */
const mirrorStatements = () => sent.filter((t) => /\bmirror_(stations|sites|contacts|devices|arming)\b/.test(t));

const sitesListCalls = () => simRouteCalls(world.sim.url, "GET", "Id/sites");

/**
 * A dealer of the test's own with `count` generated sites (no children, so a sweep's children phase stays short)
 * and our link to it: its mirror starts empty, and no other test reads or changes its sites.
 */
async function ownDealer(count: number): Promise<Scope> {
  const { seed } = await freshDealer(world.sim.url, "Batch Dealer");
  const scope = { dealerLinkId: await connectDealerLink(world.prisma, seed), dealerId: seed.chektDealerId };
  if (count > 0) await simBulkSites(world.sim.url, { dealer_id: scope.dealerId, count });
  return scope;
}

/** One more site of the dealer's, with `contacts` contacts and `devices` cameras: its last site. */
async function siteWithChildren(scope: Scope, contacts: number, devices: number): Promise<number> {
  const body = { dealer_id: scope.dealerId, count: 1, contacts_per_site: contacts, devices_per_site: devices };
  await simBulkSites(world.sim.url, body);
  return sitesOf(scope).at(-1)!.site_id;
}

beforeAll(async () => {
  Reflect.set(pg.Client.prototype, "query", function (this: unknown, ...args: unknown[]) {
    const text = statementText(args[0]);
    sent.push(text);
    onStatement(text);
    return Reflect.apply(originalQuery, this, args);
  });
  pull = await import("@/lib/mirror/pull");
  sweep = await import("@/lib/mirror/sweep");
  otherLinkId = await connectDealerLink(world.prisma, NORTHWIND, {
    externalDealerId: "northwind",
    companyName: "Northwind",
  });
});

afterAll(() => {
  Reflect.set(pg.Client.prototype, "query", originalQuery);
});

beforeEach(() => {
  sent.length = 0;
  onStatement = () => undefined;
});

describe("mirror: one statement per page", () => {
  it("a page Postgres refuses writes none of its rows; the next sweep resumes at that page", async () => {
    // Three pages of sites (200 a page).
    const scope = await ownDealer(2 * PAGE + 50);
    const linkId = scope.dealerLinkId;
    const sites = sitesOf(scope);
    const pageTwo = sites.slice(PAGE, 2 * PAGE);
    // A NUL character: Postgres refuses it in jsonb, so the second page's statement fails.
    const bad = world.sim.state.sites.get(pageTwo[150]!.site_id)!;
    const address2 = bad.address2;
    bad.address2 = "suite \u0000";
    await expect(sweep.sweepDealer(scope, { sleep: noSleep })).rejects.toThrow();
    const failed = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: linkId } });
    expect(failed).toMatchObject({ state: "failed", phase: "sites", cursor: sites[PAGE - 1]!.site_id, done: PAGE });
    const mirrored = await world.prisma.mirrorSite.findMany({
      where: { dealerLinkId: linkId },
      select: { chektId: true },
    });
    // Page one whole, nothing of page two (not even the 150 rows before the bad one).
    expect(mirrored.map((r) => r.chektId).sort((a, b) => a - b)).toEqual(sites.slice(0, PAGE).map((s) => s.site_id));

    bad.address2 = address2;
    await clearSimStats(world.sim.url);
    const stop = new AbortController();
    // Stop once the children phase begins: the sites phase is what is checked here.
    onStatement = (text) => void (/mirror_contacts/.test(text) && stop.abort());
    await expect(sweep.sweepDealer(scope, { sleep: noSleep, signal: stop.signal })).rejects.toThrow(sweep.SweepAborted);
    // Resumed after page one: pages two and three only.
    expect(await sitesListCalls()).toBe(2);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: linkId, goneAt: null } })).toBe(sites.length);
  }, 180_000);

  it("a whole list of sites costs one statement a page (and one for the gone mark), however many rows", async () => {
    const scope = await ownDealer(2 * PAGE + 50);
    const pages = Math.floor(sitesOf(scope).length / PAGE) + 1;
    await pull.pullSites(scope, { budgetClass: "sync" });
    expect(pages).toBe(3);
    expect(mirrorStatements()).toHaveLength(pages + 1);
  }, 60_000);

  it("a site's 10 contacts and 40 devices cost one statement each", async () => {
    const scope = await ownDealer(0);
    const linkId = scope.dealerLinkId;
    const siteId = await siteWithChildren(scope, 10, 40);
    await pull.pullSite(scope, siteId, { budgetClass: "sync" });
    sent.length = 0;
    expect(await pull.pullContacts(scope, siteId, { budgetClass: "sync" })).toBe("fresh");
    expect(await pull.pullDevices(scope, siteId, { budgetClass: "sync" })).toBe("fresh");
    expect(mirrorStatements()).toHaveLength(2);
    expect(await world.prisma.mirrorContact.count({ where: { dealerLinkId: linkId, siteId } })).toBe(10);
    expect(await world.prisma.mirrorDevice.count({ where: { dealerLinkId: linkId, siteId } })).toBe(40);
  }, 60_000);

  it("a row changed in CHeKT between reads is updated and flagged; an unchanged one keeps its updated_at", async () => {
    const scope = await ownDealer(12);
    const linkId = scope.dealerLinkId;
    const siteId = await siteWithChildren(scope, 0, 2);
    // Two reads an hour apart, both earlier than the real clock.
    const t1 = new Date(Date.now() - 2 * 3600_000);
    const t2 = new Date(Date.now() - 3600_000);
    const [changed, same] = sitesOf(scope).slice(10, 12);
    const device = [...world.sim.state.devices.values()].find((d) => d.site_id === siteId)!;
    const otherDevice = [...world.sim.state.devices.values()].find((d) => d.site_id === siteId && d !== device)!;
    const read = async (at: Date) => {
      await pull.pullSites(scope, { budgetClass: "sync", now: () => at });
      await pull.pullDevices(scope, siteId, { budgetClass: "sync", now: () => at });
    };
    const site = (id: number) =>
      world.prisma.mirrorSite.findUniqueOrThrow({
        where: { dealerLinkId_chektId: { dealerLinkId: linkId, chektId: id } },
      });
    const dev = (id: number) =>
      world.prisma.mirrorDevice.findUniqueOrThrow({
        where: { dealerLinkId_chektId: { dealerLinkId: linkId, chektId: id } },
      });
    await read(t1);
    const sameBefore = await site(same!.site_id);
    const otherDeviceBefore = await dev(otherDevice.device_id);
    world.sim.state.sites.get(changed!.site_id)!.name = "Renamed in CHeKT";
    device.name = "Lobby (renamed in CHeKT)";
    await read(t2);

    expect(await site(changed!.site_id)).toMatchObject({
      name: "Renamed in CHeKT",
      searchText: expect.stringContaining("renamed in chekt"),
      changedAt: t2,
      confirmedAt: t2,
      updatedAt: t2,
      goneAt: null,
    });
    expect(await site(same!.site_id)).toEqual({ ...sameBefore, confirmedAt: t2 });
    expect(await dev(device.device_id)).toMatchObject({ name: device.name, changedAt: t2, updatedAt: t2 });
    // Still online when read again: seen then, which is no change of CHeKT's copy (updated_at stays).
    expect(await dev(otherDevice.device_id)).toEqual({ ...otherDeviceBefore, confirmedAt: t2, lastSeenAt: t2 });
  }, 120_000);

  it("another dealer's rows with the same CHeKT ids are never read, written or marked gone", async () => {
    const { sql } = await import("@/lib/db");
    const batch = await import("@/lib/mirror/batch");
    const at = new Date("2029-06-01T00:00:00.000Z");
    const scope = await ownDealer(3);
    const linkId = scope.dealerLinkId;
    const siteId = await siteWithChildren(scope, 0, 2);
    const sites = sitesOf(scope).slice(0, 3);
    const devices = [...world.sim.state.devices.values()].filter((d) => d.site_id === siteId);
    // This dealer's mirror already holds its sites and devices, as after a sweep.
    await pull.pullSites(scope, { budgetClass: "sync" });
    await pull.pullDevices(scope, siteId, { budgetClass: "sync" });
    // The other link's copies: same ids, other names, confirmed long ago.
    await sql(
      batch.sitesReadSql(
        otherLinkId,
        sites.map((s) => ({ ...s, name: `Northwind ${s.site_id}` })),
        at,
      ),
    );
    await sql(
      batch.devicesReadSql(
        otherLinkId,
        siteId,
        devices.map((d) => ({ ...d, name: `Northwind ${d.device_id}` })),
        at,
      ),
    );
    const snapshot = async () => ({
      sites: await world.prisma.mirrorSite.findMany({
        where: { dealerLinkId: otherLinkId },
        orderBy: { chektId: "asc" },
      }),
      devices: await world.prisma.mirrorDevice.findMany({
        where: { dealerLinkId: otherLinkId },
        orderBy: { chektId: "asc" },
      }),
    });
    const before = await snapshot();
    expect(before.sites).toHaveLength(3);

    // This test's dealer: one of those sites deleted in CHeKT, a site and a device renamed, all re-read.
    const { deleteSite } = await import("@/lib/chekt/api/sites");
    await deleteSite(scope, sites[0]!.site_id);
    world.sim.state.sites.get(sites[1]!.site_id)!.name = "Renamed in CHeKT";
    devices[0]!.name = "Camera renamed in CHeKT";
    await pull.pullSites(scope, { budgetClass: "sync" });
    await pull.pullDevices(scope, siteId, { budgetClass: "sync" });
    await pull.pullSite(scope, sites[1]!.site_id, { budgetClass: "sync" });

    const acmeGone = await world.prisma.mirrorSite.findUniqueOrThrow({
      where: { dealerLinkId_chektId: { dealerLinkId: linkId, chektId: sites[0]!.site_id } },
    });
    expect(acmeGone.goneAt).toBeInstanceOf(Date);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});

describe("mirror: last seen from CHeKT's answers (a read is when CHeKT said the device was online)", () => {
  type SimDevice = ReturnType<typeof world.sim.state.devices.get> & object;
  /** Minutes before the real clock: every time here is in the past, so no report or read is in the future. */
  const ago = (min: number) => new Date(Date.now() - min * 60_000);
  let seq = 0;

  /** A site of its own dealer with two cameras CHeKT last changed 3 h ago (answers older than every read). */
  async function twoCameras() {
    const scope = await ownDealer(0);
    const siteId = await siteWithChildren(scope, 0, 2);
    const [a, b] = [...world.sim.state.devices.values()].filter((d) => d.site_id === siteId);
    for (const d of [a!, b!]) d.updated_at = ago(180).toISOString();
    const read = (at: Date) => pull.pullDevices(scope, siteId, { budgetClass: "sync", now: () => at });
    const dev = (d: SimDevice) =>
      world.prisma.mirrorDevice.findUniqueOrThrow({
        where: { dealerLinkId_chektId: { dealerLinkId: scope.dealerLinkId, chektId: d.device_id } },
      });
    /** A device.* webhook of this dealer's, as the receiver stores and applies it. */
    const deliver = async (type: string, d: SimDevice, at: Date) => {
      const { parseEvent } = await import("@/lib/webhooks/events");
      const { storeAndApply } = await import("@/lib/webhooks/store");
      const env = {
        id: `evt_mb_${++seq}`,
        type,
        created_at: at.toISOString(),
        data: { device_id: d.device_id, at: at.toISOString() },
      };
      const parsed = parseEvent(env);
      if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
      await storeAndApply(scope.dealerLinkId, parsed, env, "webhook");
    };
    return { a: a!, b: b!, read, dev, deliver };
  }

  it("an online answer sets last seen to the read's time, a later read moves it on; an offline one never", async () => {
    const { a, b, read, dev } = await twoCameras();
    b.status = "offline";
    const [t1, t2, t3] = [ago(120), ago(60), ago(30)];
    await read(t1);
    // The status began when CHeKT last changed the record; last seen is when we asked.
    expect(await dev(a)).toMatchObject({ status: "online", statusAt: new Date(a.updated_at), lastSeenAt: t1 });
    expect(await dev(b)).toMatchObject({ status: "offline", lastSeenAt: null });
    await read(t2);
    expect(await dev(a)).toMatchObject({ status: "online", lastSeenAt: t2, updatedAt: t1 });
    expect(await dev(b)).toMatchObject({ status: "offline", lastSeenAt: null });
    // A goes offline in CHeKT: the read after that keeps the last time it was seen online.
    a.status = "offline";
    a.updated_at = ago(45).toISOString();
    await read(t3);
    expect(await dev(a)).toMatchObject({ status: "offline", statusAt: new Date(a.updated_at), lastSeenAt: t2 });
  }, 60_000);

  it("an offline webhook newer than the answer keeps the row offline; the online answer does not count", async () => {
    const { a, read, dev, deliver } = await twoCameras();
    const [t1, offlineAt, t2] = [ago(120), ago(90), ago(60)];
    await read(t1);
    await deliver("device.offline", a, offlineAt);
    // CHeKT still answers "online", last changed 3 h ago: older than the report, so the report stands.
    await read(t2);
    expect(await dev(a)).toMatchObject({ status: "offline", statusAt: offlineAt, lastSeenAt: t1 });
  }, 60_000);

  it("CHeKT saying offline again, in a newer answer or a second webhook, keeps when the spell began", async () => {
    const { a, read, dev, deliver } = await twoCameras();
    const [t1, offlineAt, t2, repeatAt] = [ago(150), ago(120), ago(60), ago(50)];
    await read(t1);
    await deliver("device.offline", a, offlineAt);
    // CHeKT's record of the device changed since (offline, updated 100 min ago): the same spell.
    a.status = "offline";
    a.updated_at = ago(100).toISOString();
    await read(t2);
    expect(await dev(a)).toMatchObject({ status: "offline", statusAt: offlineAt });
    await deliver("device.offline", a, repeatAt);
    expect(await dev(a)).toMatchObject({ status: "offline", statusAt: offlineAt });
    // Online again is a new spell, and so is going offline after it.
    const [onlineAt, againAt] = [ago(40), ago(30)];
    await deliver("device.online", a, onlineAt);
    await deliver("device.offline", a, againAt);
    expect(await dev(a)).toMatchObject({ status: "offline", statusAt: againAt, lastSeenAt: onlineAt });
  }, 60_000);

  it("a device new to the mirror: its early online report is last seen; a newer early offline one holds", async () => {
    const { a, b, read, dev, deliver } = await twoCameras();
    // A: CHeKT answers offline (3 h old) but reported it online since; B: answers online but reported it offline.
    a.status = "offline";
    const [onlineAt, offlineAt, t] = [ago(100), ago(90), ago(60)];
    await deliver("device.online", a, onlineAt);
    await deliver("device.offline", b, offlineAt);
    await read(t);
    expect(await dev(a)).toMatchObject({ status: "online", statusAt: onlineAt, lastSeenAt: onlineAt });
    expect(await dev(b)).toMatchObject({ status: "offline", statusAt: offlineAt, lastSeenAt: null });
  }, 60_000);
});
