// The site page's one-statement read (lib/mirror/site-page-read.ts) against real Postgres: for
// the same mirror rows it must say what the per-panel reads it replaced say (findMirrorSite,
// findMirrorStation, deviceCountsBySite, readinessOfSites, readArming, countSiteDevices,
// readSiteContacts + listSeen, checklists), with another dealer's rows left out.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { mirrorKey } from "../support/mirror-rows";
import { simFile } from "../support/sim-file";

vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("next/cache", () => import("../support/next-cache"));

const NOW = new Date("2026-12-01T12:00:00.123Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000 - 7);

const world = simFile("chekt_site_page_it");
let L: string;
let OTHER: string;

async function site(link: string, id: number, o: { station?: number | null; gone?: boolean; account?: string } = {}) {
  const station = o.station === undefined ? 7 : o.station;
  await world.prisma.mirrorSite.create({
    data: {
      ...mirrorKey(link, id, "s"),
      name: `Site ${id}`,
      accountNumber: o.account ?? `A${id}`,
      stationId: station,
      isActivated: true,
      timezone: "UTC",
      searchText: `site ${id}`,
      dto: {
        site_id: id,
        name: `Site ${id}`,
        external_site_id: `s-${id}`,
        timezone: "UTC",
        is_activated: 1,
        account_number: o.account ?? `A${id}`,
        monitoring_station_id: station,
      },
      confirmedAt: minutesAgo(3),
      changedAt: id === 101 ? minutesAgo(2) : null,
      goneAt: o.gone ? minutesAgo(1) : null,
    },
  });
}

async function device(link: string, siteId: number, id: number, status: string | null, o: { gone?: boolean } = {}) {
  await world.prisma.mirrorDevice.create({
    data: {
      ...mirrorKey(link, id, "d"),
      siteId,
      name: `Device ${id}`,
      deviceType: id % 2 ? "camera" : "bridge",
      status,
      statusAt: minutesAgo(90),
      dto: {},
      confirmedAt: minutesAgo(id % 5),
      goneAt: o.gone ? minutesAgo(1) : null,
    },
  });
}

async function contact(link: string, siteId: number, id: number, last: string, o: { gone?: boolean } = {}) {
  await world.prisma.mirrorContact.create({
    data: {
      ...mirrorKey(link, id, "c"),
      siteId,
      firstName: `F${id}`,
      lastName: last,
      phone: id % 2 ? "+15555550100" : null,
      email: id % 3 ? null : `c${id}@example.com`,
      dto: {},
      confirmedAt: minutesAgo(id % 7),
      changedAt: id === 3 ? minutesAgo(4) : null,
      goneAt: o.gone ? minutesAgo(2) : null,
    },
  });
}

beforeAll(async () => {
  L = world.linkId;
  OTHER = await connectDealerLink(world.prisma, NORTHWIND, { externalDealerId: "northwind", companyName: "Northwind" });
  await world.prisma.mirrorStation.create({
    data: { dealerLinkId: L, chektId: 7, externalId: "st-7", name: "Central", dto: {}, confirmedAt: NOW },
  });
  await site(L, 101);
  await site(L, 102, { account: "A101" }); // shares 101's account on station 7: a readiness failure
  await site(L, 103, { station: 99 }); // a station the mirror lacks
  await site(L, 104, { gone: true });
  await site(L, 105, { station: null }); // no device, no contact, no arming
  await site(OTHER, 101);
  for (const [i, s] of ["online", "offline", "offline", null, "weird", "online"].entries())
    await device(L, 101, 1000 + i, s, { gone: i === 5 });
  await device(OTHER, 101, 2000, "offline");
  await device(L, 104, 1100, "online");
  await contact(L, 101, 1, "Zeta");
  await contact(L, 101, 2, "Alpha");
  await contact(L, 101, 3, "Alpha");
  await contact(L, 101, 4, "Mid", { gone: true });
  await contact(OTHER, 101, 9, "Other");
  await contact(L, 104, 5, "Gone-site");
  await world.prisma.mirrorArming.create({
    data: { dealerLinkId: L, siteId: 101, securityType: 2, dto: {}, confirmedAt: minutesAgo(6) },
  });
  await world.prisma.fleetSettings.create({ data: { dealerLinkId: L, offlineThresholdMin: 60 } });
  await world.prisma.mirrorSync.create({ data: { dealerLinkId: L, finishedAt: minutesAgo(10) } });
  // CHeKT answered 101's and 103's lists (an empty list is as fresh as that), at different times; the others never.
  await world.prisma.mirrorSite.updateMany({
    where: { dealerLinkId: L, chektId: { in: [101, 103] } },
    data: { childrenReadAt: minutesAgo(9), contactsReadAt: minutesAgo(7), devicesReadAt: minutesAgo(8) },
  });
  const step = (id: string, optional = false) => ({ id, text: `Step ${id}`, optional });
  const checklist = (dealerLinkId: string, scope: string, steps: unknown) =>
    world.prisma.deskChecklist.create({ data: { dealerLinkId, scope, steps: steps as object, updatedByName: "Ann" } });
  await checklist(L, "dealer", [step("a"), step("b", true)]);
  await checklist(L, "site:101", [step("own"), { not: "a step" }]);
  await checklist(L, "site:103", {}); // a row whose steps are no list: an own list of none, not the dealer's
  await checklist(OTHER, "site:102", [step("theirs")]);
  await checklist(OTHER, "dealer", [step("theirs")]);
});

describe("readSitePage", () => {
  it("answers null for a site the dealer's mirror lacks, another dealer's included", async () => {
    const { readSitePage } = await import("@/lib/mirror/site-page-read");
    expect(await readSitePage(L, 999, NOW)).toBeNull();
    expect(await readSitePage(OTHER, 102, NOW)).toBeNull();
  });

  it.each([101, 102, 103, 104, 105])("site %i: what the per-panel reads said", async (siteId) => {
    const { readSitePage, listSeenOf } = await import("@/lib/mirror/site-page-read");
    const { findMirrorSite, findMirrorStation } = await import("@/lib/mirror/read");
    const { deviceCountsBySite } = await import("@/lib/fleet/read");
    const { readinessOfSites } = await import("@/lib/readiness/query");
    const { readArming } = await import("@/lib/mirror/arming");
    const { countSiteDevices } = await import("@/lib/mirror/devices");
    const { readSiteContacts, listSeen } = await import("@/lib/mirror/contacts");
    const { checklists } = await import("@/lib/verifications/outcomes");

    const got = await readSitePage(L, siteId, NOW);
    if (!got) throw new Error(`site ${siteId} not read`);
    const row = await findMirrorSite(L, siteId);
    if (!row) throw new Error(`site ${siteId} missing`);
    expect(got.site).toEqual({
      dto: row.dto,
      confirmedAt: row.confirmedAt,
      changedAt: row.changedAt,
      goneAt: row.goneAt,
    });

    const st = row.stationId === null ? null : await findMirrorStation(L, row.stationId);
    expect(got.station).toEqual(st ? { name: st.name, goneAt: st.goneAt } : null);

    const counts = (await deviceCountsBySite(L, [siteId])).get(siteId) ?? { online: 0, offline: 0, unknown: 0 };
    expect(got.deviceCounts).toEqual(counts);

    const ready = row.goneAt ? undefined : (await readinessOfSites(L, [siteId], NOW)).get(siteId);
    expect(got.readiness).toEqual(ready ?? null);

    const arming = await readArming(world.prisma, L, siteId);
    expect(got.arming).toEqual(arming ? { securityType: arming.securityType, confirmedAt: arming.confirmedAt } : null);

    expect(got.devices).toEqual(await countSiteDevices(world.prisma, L, siteId));

    const contacts = await readSiteContacts(world.prisma, L, siteId);
    expect(got.contacts).toEqual(contacts.rows);
    const seen = (kind: "contacts" | "devices", rows: typeof contacts.rows) =>
      listSeen(world.prisma, L, siteId, kind, rows);
    expect(listSeenOf(got.contacts, got.contactsReadAt)).toEqual(await seen("contacts", contacts.rows));
    expect(listSeenOf([], got.contactsReadAt)).toEqual(await seen("contacts", []));
    expect(listSeenOf([], got.devicesReadAt)).toEqual(await seen("devices", []));

    expect(got.checklists).toEqual(await checklists(world.prisma, { id: L }, siteId));
  });

  it("site 101 is not ready for its shared account and its device offline past the threshold", async () => {
    const { readSitePage } = await import("@/lib/mirror/site-page-read");
    const got = await readSitePage(L, 101, NOW);
    expect(got?.readiness?.failing).toEqual(expect.arrayContaining(["account_unique", "devices_online"]));
    expect(got?.deviceCounts).toEqual({ online: 1, offline: 2, unknown: 2 });
    expect(got?.contacts.map((c) => c.contact_id)).toEqual([2, 3, 4, 1]);
    expect(got?.checklists.site?.map((st) => st.id)).toEqual(["own"]);
    expect(got?.checklists.dealer.map((st) => st.id)).toEqual(["a", "b"]);
    const other = await readSitePage(OTHER, 101, NOW);
    expect(other?.checklists).toEqual({ dealer: [{ id: "theirs", text: "Step theirs", optional: false }], site: null });
    expect((await readSitePage(L, 103, NOW))?.checklists.site).toEqual([]);
  });
});

// The sites list's one statement (lib/mirror/read.ts mirrorSitesView) against the reads it replaced:
// the page and total (mirrorSitesPage), readinessOfSites and deviceCountsBySite for the page's sites.
describe("mirrorSitesView", () => {
  beforeAll(async () => {
    // 30 more live sites, so a page of 25 has a second page; every third with devices.
    for (let id = 201; id <= 230; id++) {
      await site(L, id, { station: id % 4 ? 7 : null, account: id % 5 ? undefined : "A101" });
      if (id % 3 === 0) {
        await device(L, id, 3000 + id * 2, id % 2 ? "offline" : "online");
        await device(L, id, 3001 + id * 2, null);
      }
    }
  });

  const states: Array<[string, Record<string, string>, number[] | undefined]> = [
    ["the first page", {}, undefined],
    ["page 2", { page: "2" }, undefined],
    ["a page past the end", { page: "9" }, undefined],
    ["account number, descending", { sort: "account_number", dir: "desc" }, undefined],
    ["station, descending (nulls last)", { sort: "monitoring_station_id", dir: "desc", per: "50" }, undefined],
    ["created, ascending (all null)", { sort: "created_at" }, undefined],
    ["a search", { q: "site 21" }, undefined],
    ["a station filter", { station: "7", page: "2" }, undefined],
    ["the readiness filter's ids", {}, [101, 103, 104, 210, 222]],
    ["nothing matches", { q: "no such site" }, undefined],
  ];

  it.each(states)("%s: what the page, readiness and device-count reads said", async (_, params, onlyIds) => {
    const { mirrorSitesPage, mirrorSitesView } = await import("@/lib/mirror/read");
    const { deviceCountsBySite } = await import("@/lib/fleet/read");
    const { readinessOfSites } = await import("@/lib/readiness/query");
    const { siteList } = await import("@/lib/schemas/site-list");
    const state = siteList.parse(params);

    const got = await mirrorSitesView(L, state, onlyIds, NOW);
    const page = await mirrorSitesPage(L, state, onlyIds);
    expect(got.rows).toEqual(page.rows);
    expect(got.total).toBe(page.total);
    expect(got.confirmedAt).toEqual(page.confirmedAt);
    const ids = page.rows.map((r) => r.site_id);
    expect(got.readiness).toEqual(await readinessOfSites(L, ids, NOW));
    expect(got.deviceCounts).toEqual(await deviceCountsBySite(L, ids));
  });

  it("pages through every live site once, in order, and leaves another dealer's out", async () => {
    const { mirrorSitesView } = await import("@/lib/mirror/read");
    const { siteList } = await import("@/lib/schemas/site-list");
    const first = await mirrorSitesView(L, siteList.parse({}), undefined, NOW);
    const second = await mirrorSitesView(L, siteList.parse({ page: "2" }), undefined, NOW);
    expect(first.total).toBe(34);
    expect([...first.rows, ...second.rows].map((r) => r.site_id)).toEqual(
      [101, 102, 103, 105, ...Array.from({ length: 30 }, (_, i) => 201 + i)].sort((a, b) =>
        `Site ${a}`.localeCompare(`Site ${b}`, "en"),
      ),
    );
    expect(first.readiness.get(101)?.failing).toEqual(expect.arrayContaining(["account_unique", "devices_online"]));
    const other = await mirrorSitesView(OTHER, siteList.parse({}), undefined, NOW);
    expect(other.rows.map((r) => r.site_id)).toEqual([101]);
    expect(other.deviceCounts.get(101)).toEqual({ online: 0, offline: 1, unknown: 0 });
  });
});

// The sweep's state the pages show (lib/mirror/read.ts findMirrorSync, on the pool): what Prisma's model says.
describe("findMirrorSync", () => {
  it("reads every field as world.prisma.mirrorSync does, and null for a dealer without a sweep", async () => {
    const { findMirrorSync } = await import("@/lib/mirror/read");
    await world.prisma.mirrorSync.create({
      data: {
        dealerLinkId: OTHER,
        state: "failed",
        firstSync: false,
        phase: "children",
        done: 12,
        total: 40,
        cursor: 3101,
        startedAt: minutesAgo(20),
        finishedAt: minutesAgo(19),
        lastError: "CHeKT answered 503",
      },
    });
    for (const link of [L, OTHER]) {
      const row = await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: link } });
      expect(row).not.toBeNull();
      expect(await findMirrorSync(link)).toEqual(row);
    }
    expect(await findMirrorSync("no-such-link")).toBeNull();
  });
});
