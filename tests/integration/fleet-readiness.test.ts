// Fleet health and site readiness over real Postgres: the fleet page's SQL (filters, paging,
// order, per-site counts, tenancy) and every readiness check, each with a fixture that fails it
// alone, judged from the mirror. The mirror rows are written directly: they are what CHeKT's
// answers, the sweep and device.* webhooks leave there (docs/mirror.md), and these tests are about
// what is read from them. The account-number refusal at entry goes through the real actions and
// the simulator over HTTP.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, siteInput } from "../support/form-inputs";
import { mirrorKey } from "../support/mirror-rows";
import type { FleetRow } from "@/lib/fleet/read";
import type { CheckResult, ReadinessCheck } from "@/lib/readiness/rules";
import { loadImportContext, siteContext } from "@/lib/import/context";
import { validateSiteRows } from "@/lib/import/validate";
import { ACCOUNT_NEEDS_STATION } from "@/lib/schemas/site";

const NOW = new Date("2026-12-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const world = simFile("chekt_fleet_it", { members: [OPERATOR], user: OPERATOR });
let fleet: typeof import("@/lib/fleet/read");
let state: typeof import("@/lib/fleet/list-state");
let readiness: typeof import("@/lib/readiness/query");
let sites: typeof import("@/actions/sites");
let L: string; // the dealer link under test (CHeKT dealer 1)
let OTHER: string; // another dealer's link: none of its rows may show

beforeAll(async () => {
  L = world.linkId;
  fleet = await import("@/lib/fleet/read");
  state = await import("@/lib/fleet/list-state");
  readiness = await import("@/lib/readiness/query");
  sites = await import("@/actions/sites");
  OTHER = await connectDealerLink(world.prisma, NORTHWIND, { externalDealerId: "northwind", companyName: "Northwind" });
});

type SiteFx = {
  id: number;
  name?: string;
  active?: boolean;
  station?: number | null;
  account?: string | null;
  bridge?: boolean;
  link?: string;
};
async function site(f: SiteFx) {
  const name = f.name ?? `Site ${f.id}`;
  const account = f.account === undefined ? `A${f.id}` : f.account;
  const station = f.station === undefined ? 1 : f.station;
  await world.prisma.mirrorSite.create({
    data: {
      ...mirrorKey(f.link ?? L, f.id, "s"),
      name,
      accountNumber: account,
      stationId: station,
      isActivated: f.active ?? true,
      timezone: "UTC",
      searchText: name.toLowerCase(),
      dto: {
        site_id: f.id,
        name,
        external_site_id: `s-${f.id}`,
        timezone: "UTC",
        is_activated: f.active === false ? 0 : 1,
        has_physical_bridge: f.bridge ?? false,
        account_number: account,
        monitoring_station_id: station,
      },
      confirmedAt: NOW,
    },
  });
}
let nextId = 1000;
async function contact(siteId: number, phone: string | null, link = L) {
  const id = nextId++;
  await world.prisma.mirrorContact.create({
    data: { ...mirrorKey(link, id, "c"), siteId, firstName: "A", lastName: "B", phone, dto: {}, confirmedAt: NOW },
  });
}
async function device(
  siteId: number,
  o: {
    type?: "camera" | "bridge";
    /** What CHeKT said: "online", "offline", nothing yet, or another word (the draft API has sent others). */
    status?: string | null;
    since?: Date | null;
    firmware?: string | null;
    link?: string;
    name?: string;
    lastSeen?: Date;
  } = {},
) {
  const id = nextId++;
  await world.prisma.mirrorDevice.create({
    data: {
      ...mirrorKey(o.link ?? L, id, "d"),
      siteId,
      name: o.name ?? `Device ${id}`,
      deviceType: o.type ?? "camera",
      status: o.status === undefined ? "online" : o.status,
      statusAt: o.since === undefined ? minutesAgo(5) : o.since,
      lastSeenAt: o.lastSeen ?? null,
      firmware: o.firmware === undefined ? "1.0.0" : o.firmware,
      dto: {},
      confirmedAt: NOW,
    },
  });
  return id;
}
async function arming(siteId: number, securityType: number, link = L) {
  await world.prisma.mirrorArming.create({
    data: { dealerLinkId: link, siteId, securityType, dto: { security_type: securityType }, confirmedAt: NOW },
  });
}
/** A site that passes every check; `over` changes what one fixture needs to fail exactly one. */
async function readySite(f: SiteFx, o: { phone?: string | null; armingType?: number | null; devices?: boolean } = {}) {
  await site(f);
  if (o.phone !== null) await contact(f.id, o.phone ?? "+33612345678", f.link);
  if (o.armingType !== null) await arming(f.id, o.armingType ?? 3, f.link);
  if (o.devices !== false) await device(f.id, { link: f.link });
}

describe("site readiness, one fixture per failing check", () => {
  // A dealer of its own: the summary counts every live site of its dealer, and the other describes add
  // sites to Acme's (L), before or after this one. Readiness reads only the mirror: no CHeKT dealer behind it.
  let R: string;
  beforeAll(async () => {
    R = await connectDealerLink(world.prisma, {
      chektDealerId: 90,
      externalDealerId: "readiness-fixtures",
      companyName: "Readiness fixtures",
    });
    const ready = (f: SiteFx, o?: Parameters<typeof readySite>[1]) => readySite({ ...f, link: R }, o);
    const addDevice = (siteId: number, o: Parameters<typeof device>[1]) => device(siteId, { ...o, link: R });
    await ready({ id: 101, name: "All good" });
    await ready({ id: 102, name: "Fixed line only" }, { phone: "+442079460000" });
    await contact(102, "+442079460001", R);
    await ready({ id: 103, name: "No contact" }, { phone: null });
    await ready({ id: 104, name: "No account", account: null });
    await ready({ id: 105, name: "No station", station: null });
    await ready({ id: 106, name: "Twin one", account: "DUP-1" });
    await ready({ id: 107, name: "Twin two", account: "DUP-1" });
    await ready({ id: 108, name: "Same account, other station", account: "DUP-1", station: 2 });
    await ready({ id: 109, name: "Panel without bridge", bridge: false }, { armingType: 1 });
    await ready({ id: 110, name: "Panel with bridge device" }, { armingType: 2 });
    await addDevice(110, { type: "bridge" });
    await ready({ id: 111, name: "Panel with CHeKT bridge flag", bridge: true }, { armingType: 1 });
    await ready({ id: 112, name: "Arming not read" }, { armingType: null });
    await ready({ id: 113, name: "Only a bridge" }, { devices: false });
    await addDevice(113, { type: "bridge" });
    await ready({ id: 114, name: "Camera offline 2 h" });
    await addDevice(114, { status: "offline", since: minutesAgo(120) });
    await ready({ id: 115, name: "Camera offline 10 min" });
    await addDevice(115, { status: "offline", since: minutesAgo(10) });
    await ready({ id: 116, name: "Not activated", active: false });
    await ready({ id: 117, name: "US number (fixed or mobile)" }, { phone: "+12125550123" });
    await ready({ id: 118, name: "Type unknown to libphonenumber" }, { phone: "+15551234567" });
    // Another dealer's twin of 101's account on its own station 1: not this dealer's concern.
    await site({ id: 901, link: OTHER, account: "A101" });
  });

  const judge = async (id: number) => (await readiness.readinessOfSites(R, [id], NOW)).get(id)!;
  const failing = async (id: number) => (await judge(id)).failing;
  /** Site `id` fails `check` alone, and that check says `told` (its detail, the fix it links to). */
  const failsOnly = async (id: number, check: ReadinessCheck, told: Partial<CheckResult>) => {
    const r = await judge(id);
    expect(r.failing).toEqual([check]);
    expect(r.checks.find((c) => c.check === check)).toMatchObject({ ok: false, ...told });
  };

  it("a complete site is ready", async () => {
    const r = await judge(101);
    expect(r.ready).toBe(true);
    expect(r.checks.map((c) => c.check)).toEqual([
      "mobile_contact",
      "station_account",
      "account_unique",
      "arming_hardware",
      "camera",
      "devices_online",
      "activated",
    ]);
  });

  it("mobile contact: fixed lines only or no contact fail; US numbers and untellable types count", async () => {
    await failsOnly(102, "mobile_contact", {
      detail: "The contacts' numbers are all fixed lines",
      fixHref: "/sites/102/contacts/new",
    });
    await failsOnly(103, "mobile_contact", { detail: "No contact has a phone number" });
    expect(await failing(117)).toEqual([]);
    expect(await failing(118)).toEqual([]);
  });

  it("station and account number: each missing one fails, with the edit form as the fix", async () => {
    expect(await failing(104)).toEqual(["station_account"]);
    await failsOnly(105, "station_account", { detail: "No monitoring station", fixHref: "/sites/105/edit" });
  });

  it("account number unique on its station: twins fail naming each other; other stations don't count", async () => {
    await failsOnly(106, "account_unique", { detail: 'Also used by "Twin two" (#107)' });
    expect((await judge(107)).checks[2]!.detail).toBe('Also used by "Twin one" (#106)');
    expect(await failing(108)).toEqual([]);
  });

  it("arming types 1 and 2 need a bridge (CHeKT's flag or a bridge device); an unread arming type fails", async () => {
    await failsOnly(109, "arming_hardware", {
      detail: '"Alarm panel — primary bridge" needs a bridge, and the site has none',
      fixHref: "/sites/109/arming",
    });
    expect(await failing(110)).toEqual([]);
    expect(await failing(111)).toEqual([]);
    expect(await failing(112)).toEqual(["arming_hardware"]);
  });

  it("at least one camera: a bridge alone fails", async () => {
    expect(await failing(113)).toEqual(["camera"]);
  });

  it("no device offline past the dealer's threshold (30 min by default, then as the dealer sets it)", async () => {
    // The threshold in the fleet page's words (lib/duration-text.ts minutesText).
    await failsOnly(114, "devices_online", {
      detail: "1 device offline longer than 30 minutes",
      fixHref: "/fleet?site=114&offlineFor=30",
    });
    expect(await failing(115)).toEqual([]);
    await world.prisma.fleetSettings.create({ data: { dealerLinkId: R, offlineThresholdMin: 5 } });
    expect(await failing(115)).toEqual(["devices_online"]);
    await world.prisma.fleetSettings.update({ where: { dealerLinkId: R }, data: { offlineThresholdMin: 60 } });
    expect((await judge(114)).checks[5]!.detail).toBe("1 device offline longer than 1 hour");
    await world.prisma.fleetSettings.update({ where: { dealerLinkId: R }, data: { offlineThresholdMin: 180 } });
    expect(await failing(114)).toEqual([]);
    await world.prisma.fleetSettings.delete({ where: { dealerLinkId: R } });
  });

  it("site activated", async () => {
    expect(await failing(116)).toEqual(["activated"]);
  });

  it("the summary counts every live site of the dealer once, per failing check, in one pass", async () => {
    const s = await readiness.readinessSummary(R, NOW);
    expect(s.sites).toBe(18);
    expect(new Set(s.notReadyIds)).toEqual(new Set([102, 103, 104, 105, 106, 107, 109, 112, 113, 114, 116]));
    expect(s.notReady).toBe(11);
    expect(s.byCheck).toEqual({
      mobile_contact: 2,
      station_account: 2,
      account_unique: 2,
      arming_hardware: 2,
      camera: 1,
      devices_online: 1,
      activated: 1,
    });
    expect(s.readyIds).not.toContain(901);
    // A site CHeKT no longer has leaves the counts.
    await world.prisma.mirrorSite.update({
      where: { dealerLinkId_chektId: { dealerLinkId: R, chektId: 116 } },
      data: { goneAt: NOW },
    });
    expect((await readiness.readinessSummary(R, NOW)).byCheck.activated).toBe(0);
    await world.prisma.mirrorSite.update({
      where: { dealerLinkId_chektId: { dealerLinkId: R, chektId: 116 } },
      data: { goneAt: null },
    });
  });
});

describe("the fleet page's query", () => {
  beforeAll(async () => {
    await site({ id: 201, name: "Fleet A" });
    await site({ id: 202, name: "Fleet B" });
    await device(201, {
      name: "Long gone",
      status: "offline",
      since: minutesAgo(3000),
      firmware: "2.0.1",
      lastSeen: minutesAgo(3000),
    });
    await device(201, { name: "Just dropped", status: "offline", since: minutesAgo(20), firmware: "2.0.1" });
    await device(201, { name: "Bridge never heard", type: "bridge", status: null, since: null, firmware: null });
    await device(202, { name: "Happy", status: "online", firmware: "2.1.0", lastSeen: minutesAgo(1) });
    await device(202, { name: "Offline since unknown", status: "offline", since: null });
    await device(901, { name: "Other dealer's", link: OTHER, status: "offline", since: minutesAgo(5000) });
  });
  const page = (p: Record<string, string>) => fleet.fleetPage(L, state.fleetList.parse(p), NOW);
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it("offline over 1 hour: only devices whose offline spell started before, never another dealer's", async () => {
    const r = await page({ offlineFor: "60", site: "201" });
    expect(names(r.rows)).toEqual(["Long gone"]);
    expect(r.total).toBe(1);
    const all = await page({ offlineFor: "60" });
    expect(names(all.rows)).not.toContain("Other dealer's");
    expect(names(all.rows)).not.toContain("Offline since unknown");
  });

  it("status, type, firmware and site filters, offline first and longest offline first", async () => {
    expect(names((await page({ site: "201" })).rows)).toEqual(["Long gone", "Just dropped", "Bridge never heard"]);
    expect(names((await page({ status: "unknown", site: "201" })).rows)).toEqual(["Bridge never heard"]);
    expect(names((await page({ type: "bridge", site: "201" })).rows)).toEqual(["Bridge never heard"]);
    expect(names((await page({ firmware: "2.1.0" })).rows)).toEqual(["Happy"]);
    expect((await page({ firmware: "no-such" })).total).toBe(0);
    const happy = (await page({ status: "online", site: "202" })).rows[0]!;
    expect(happy).toMatchObject({
      status: "online",
      siteName: "Fleet B",
      firmware: "2.1.0",
      lastSeenAt: minutesAgo(1),
    });
  });

  it("pages keep one order across statuses: each device once, offline longest first, unknown, online", async () => {
    await site({ id: 203, name: "Fleet C" });
    // 180 devices, 60 of each status, over four pages of 50: every part is longer than a page, and
    // the page boundaries fall inside the parts.
    for (let i = 0; i < 180; i++) {
      const status = i % 3 === 0 ? "offline" : i % 3 === 1 ? "online" : null;
      await device(203, { name: `C${i}`, status, since: i % 7 === 0 ? null : minutesAgo(10 + ((i * 37) % 500)) });
    }
    const rows: FleetRow[] = [];
    for (const p of ["1", "2", "3", "4"]) rows.push(...(await page({ site: "203", page: p, per: "50" })).rows);
    expect(rows).toHaveLength(180);
    expect(new Set(rows.map((r) => r.deviceId)).size).toBe(180);
    const rank = { offline: 0, unknown: 1, online: 2 } as const;
    const key = (r: FleetRow) => [rank[r.status], r.statusAt?.getTime() ?? Infinity, r.deviceId];
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    });
    expect(rows.map((r) => r.deviceId)).toEqual(sorted.map((r) => r.deviceId));
    expect(rows[0]!.status).toBe("offline");
    expect(rows.at(-1)!.status).toBe("online");
    expect(rows.every((r) => r.siteName === "Fleet C")).toBe(true);
  });

  it("bad URL values fall back to no filter instead of failing", async () => {
    const s = state.fleetList.parse({
      status: "exploded",
      offlineFor: "-5",
      site: "1; drop table",
      type: "toaster",
      page: "0",
      per: "7",
      firmware: "x".repeat(500),
    });
    expect(s).toEqual({ status: "", offlineFor: null, site: "", type: "", firmware: "", page: 1, per: 50 });
    expect(state.fleetList.search(s)).toBe("");
  });

  it("pages in SQL with a stable order and a full total", async () => {
    const p1 = await page({ per: "50" });
    const total = p1.total;
    expect(total).toBe(await world.prisma.mirrorDevice.count({ where: { dealerLinkId: L, goneAt: null } }));
    expect(p1.counts.offline + p1.counts.online + p1.counts.unknown).toBe(total);
    const p2 = await page({ per: "50", page: "2" });
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.deviceId)).size).toBe(p1.rows.length + p2.rows.length);
    expect((await page({ page: "999" })).rows).toEqual([]);
  });

  it("a status word other than online or offline is unknown: counted once, and listed by its chip", async () => {
    await site({ id: 204, name: "Fleet D" });
    const rebooting = await device(204, { name: "Rebooting cam", status: "rebooting", since: minutesAgo(3) });
    const silent = await device(204, { name: "Silent cam", status: null, since: null });
    const unknown = await page({ status: "unknown", site: "204" });
    expect(unknown.rows.map((r) => [r.deviceId, r.status])).toEqual([
      [rebooting, "unknown"],
      [silent, "unknown"],
    ]);
    expect(await fleet.deviceCountsBySite(L, [204])).toEqual(new Map([[204, { online: 0, offline: 0, unknown: 2 }]]));
    // The dealer's "N unknown" chip and the list it links to agree.
    const all = await page({});
    expect((await page({ status: "unknown" })).total).toBe(all.counts.unknown);
    expect(all.counts.unknown + all.counts.online + all.counts.offline).toBe(all.total);
  });

  it("counts per site by status", async () => {
    const m = await fleet.deviceCountsBySite(L, [201, 202, 901]);
    expect(m.get(201)).toEqual({ online: 0, offline: 2, unknown: 1 });
    expect(m.get(202)).toEqual({ online: 1, offline: 1, unknown: 0 });
    expect(m.has(901)).toBe(false);
  });
});

describe("an account number already used on the station is refused at entry", () => {
  const simSites = () => [...world.sim.state.sites.values()].filter((s) => s.dealer_id === 1);
  // A site of the dealer at station 1 (or at none, with station ""), holding `account` there.
  const house = (externalId: string, name: string, account: string, station = "1") =>
    siteInput({
      external_site_id: externalId,
      name,
      timezone: "UTC",
      monitoring_station_id: station,
      account_number: account,
    });
  // Each test makes the sites it clashes with, on numbers of its own: none leans on another's sites.
  const created = async (externalId: string, name: string, account: string, station = "1") =>
    accepted(await sites.createSiteAction(house(externalId, name, account, station))).site_id;

  it("create: a second site with the same station and account is refused, naming the first", async () => {
    const first = await created("acct-a", "Alpha House", "U-77");
    const before = simSites().length;
    const b = await sites.createSiteAction(house("acct-b", "Beta House", "U-77"));
    expect(b?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { account_number: `Already used on this station by "Alpha House" (#${first}).` },
    });
    expect(b?.serverError?.message).toMatch(/Nothing was sent to CHeKT/);
    expect(simSites()).toHaveLength(before);
    expect(await world.prisma.externalIdMapping.count({ where: { externalId: "acct-b" } })).toBe(0);
    const refused = await world.prisma.auditLog.findFirst({
      where: { action: "sites.create", outcome: "failure" },
      orderBy: { id: "desc" },
    });
    expect(refused?.error).toMatch(/Account number U-77 is already used on this monitoring station by "Alpha House"/);
  });

  it("create: the same number on another station, or a different number, is accepted", async () => {
    await created("acct-c", "Gamma House", "U-78");
    await created("acct-e", "Epsilon House", "U-79");
  });

  // The sheet says the same (tests/unit/import-sites.test.ts).
  it("create: an account number without a station is refused on the station, in the sheet's words", async () => {
    const before = simSites().length;
    const r = await sites.createSiteAction(house("acct-d", "Delta House", "U-78", ""));
    expect(r?.validationErrors).toMatchObject({ fieldErrors: { monitoring_station_id: [ACCOUNT_NEEDS_STATION] } });
    expect(simSites()).toHaveLength(before);
    // Blanks are no account number: nothing to route, nothing refused.
    await created("acct-d2", "Delta Hall", "   ", "");
  });

  it("edit: leaving an account number without its station is refused; clearing both saves", async () => {
    const id = await created("acct-s", "Sigma House", "U-86");
    const r = await sites.updateSiteAction({ site_id: id, monitoring_station_id: "" });
    expect(r?.serverError).toMatchObject({
      code: "validation",
      fieldErrors: { monitoring_station_id: ACCOUNT_NEEDS_STATION },
    });
    expect(world.sim.state.sites.get(id)).toMatchObject({ monitoring_station_id: 1, account_number: "U-86" });
    accepted(await sites.updateSiteAction({ site_id: id, monitoring_station_id: "", account_number: "" }));
    expect(world.sim.state.sites.get(id)).toMatchObject({ monitoring_station_id: null, account_number: null });
  });

  // Site "Harbor" holds "1001 " in CHeKT (another client sent the blank), and so in the mirror.
  it("a number CHeKT holds with blanks around it is the same number to the form, the sheet and readiness", async () => {
    await site({ id: 3001, name: "Harbor", account: "1001 " });
    const b = await sites.createSiteAction(house("acct-h", "Harbor Annex", "1001"));
    expect(b?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { account_number: 'Already used on this station by "Harbor" (#3001).' },
    });
    const sheet = siteContext(await loadImportContext(world.prisma, L));
    const values = { external_site_id: "acct-h", name: "Annex", timezone: "UTC", station: "1", account_number: "1001" };
    const [row] = validateSiteRows([{ line: 2, values }], { ...sheet, stations: [{ id: 1, name: "Station 1" }] });
    expect(row!.errors.account_number).toBe('Account number 1001 is already used on this station by "Harbor" (#3001)');
    // The twin CHeKT took before the check could see it: readiness names each to the other.
    await site({ id: 3002, name: "Harbor Annex", account: "\u00a01001" });
    const judged = await readiness.readinessOfSites(L, [3001, 3002], NOW);
    expect(judged.get(3001)!.checks[2]).toMatchObject({ ok: false, detail: 'Also used by "Harbor Annex" (#3002)' });
    expect(judged.get(3002)!.checks[2]).toMatchObject({ ok: false, detail: 'Also used by "Harbor" (#3001)' });
    expect(judged.get(3001)!.checks[1]!.detail).toBe("Account 1001");
  });

  // Two sites hold only blanks as their account number in CHeKT: neither has one.
  it("an account number of blanks is none: no clash to refuse or report, and readiness asks for one", async () => {
    const [a, b] = [await created("acct-w1", "Whitespace One", ""), await created("acct-w2", "Whitespace Two", "")];
    for (const id of [a, b]) {
      world.sim.state.sites.get(id)!.account_number = "  ";
      await world.prisma.mirrorSite.update({
        where: { dealerLinkId_chektId: { dealerLinkId: L, chektId: id } },
        data: { accountNumber: "  " },
      });
    }
    accepted(await sites.updateSiteAction({ site_id: a, monitoring_station_id: "1", name: "Whitespace Hall" }));
    const judged = await readiness.readinessOfSites(L, [a, b], NOW);
    expect(judged.get(b)!.checks[1]).toMatchObject({ ok: false, detail: "No account number" });
    expect(judged.get(b)!.checks[2]).toMatchObject({ ok: true, detail: "Nothing to compare until both are set" });
    const sheet = siteContext(await loadImportContext(world.prisma, L));
    expect([...sheet.accountsInUse.keys()].filter((k) => k.startsWith("1|") && !k.slice(2).trim())).toEqual([]);
  });

  it("edit: moving to a taken number is refused; CHeKT keeps the old one; the site's other edits save", async () => {
    const first = await created("acct-f", "Zeta House", "U-80");
    const second = await created("acct-g", "Eta House", "U-81");
    const r = await sites.updateSiteAction({ site_id: second, account_number: "U-80" });
    expect(r?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { account_number: expect.stringContaining(`"Zeta House" (#${first})`) },
    });
    expect(world.sim.state.sites.get(second)).toMatchObject({ account_number: "U-81" });
    const ok = await sites.updateSiteAction({ site_id: second, name: "Eta Hall" });
    expect(ok?.serverError).toBeUndefined();
    // Editing the first site itself without changing its number is not a clash with itself.
    const self = await sites.updateSiteAction({ site_id: first, account_number: "U-80", monitoring_station_id: "1" });
    expect(self?.serverError).toBeUndefined();
  });
});

describe("account numbers are compared one way in the browser and in Postgres", () => {
  it("accountNumberSql trims what accountNumberOf trims, and makes blanks none", async () => {
    const { accountNumberSql } = await import("@/lib/readiness/account");
    const { ACCOUNT_NUMBER_BLANKS, accountNumberOf } = await import("@/lib/readiness/account-number");
    const { Prisma } = await import("@/lib/generated/prisma/client");
    const values = ["1001", " 1001 ", "\t1001\n", "\u00a01001\u3000", "10 01", "  ", "", ACCOUNT_NUMBER_BLANKS];
    for (const v of [...values, ...[...ACCOUNT_NUMBER_BLANKS].map((c) => `${c}A-1${c}`)]) {
      const [row] = await world.prisma.$queryRaw<{ a: string | null }[]>`
        SELECT ${accountNumberSql(Prisma.sql`${v}::text`)} AS a`;
      expect(row!.a, JSON.stringify(v)).toBe(accountNumberOf(v));
    }
  });
});
