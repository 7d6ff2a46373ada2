// An id past CHeKT's range (lib/schemas/fields.ts MAX_CHEKT_ID, the mirror's integer columns) in a
// list page's URL is refused like any other bad filter value: the fleet, sites and history readers
// show the unfiltered list instead of failing in Postgres (22003 "out of range for type integer",
// a 500), and the contact picker's route answers 400 for it, 404 for a well-formed id it lacks.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { mirrorKey } from "../support/mirror-rows";
import { seedOpenAlarm } from "../support/desk-rows";

const NOW = new Date("2026-12-01T12:00:00Z");
const OUT_OF_RANGE = ["2147483648", "999999999999"];

const world = simFile("chekt_id_filters_it", { members: [OPERATOR], user: OPERATOR });
let L: string;

// One site with a camera and a verification, so the unfiltered lists are not empty and an ignored filter
// is told apart from a filter that matched nothing.
beforeAll(async () => {
  L = world.linkId;
  const prisma = world.prisma;
  await prisma.mirrorSite.create({
    data: {
      ...mirrorKey(L, 101, "s"),
      name: "Depot",
      isActivated: true,
      searchText: "depot",
      dto: {},
      confirmedAt: NOW,
    },
  });
  await prisma.mirrorDevice.create({
    data: {
      ...mirrorKey(L, 1000, "d"),
      siteId: 101,
      name: "Gate Cam",
      deviceType: "camera",
      status: "online",
      statusAt: NOW,
      dto: {},
      confirmedAt: NOW,
    },
  });
  await seedOpenAlarm(prisma, {
    alarmId: "alarm-1",
    verificationId: "11111111-1111-4111-8111-111111111111",
    dealerLinkId: L,
    siteId: 101,
    location: "Gate",
    snapshotUrl: "https://snapshots.example.test/1.jpg",
    now: NOW,
  });
});

describe("list readers given an id past CHeKT's range", () => {
  it.each(OUT_OF_RANGE)("fleet ?site=%s: the whole fleet, not a failed query", async (raw) => {
    const { fleetList } = await import("@/lib/fleet/list-state");
    const { fleetPage } = await import("@/lib/fleet/read");
    const state = fleetList.parse({ site: raw });
    expect(state.site).toBe("");
    const all = await fleetPage(L, fleetList.defaults, NOW);
    expect(all.total).toBeGreaterThan(0);
    expect(await fleetPage(L, state, NOW)).toEqual(all);
  });

  it.each(OUT_OF_RANGE)("sites ?station=%s: every site, not a failed query", async (raw) => {
    const { siteList } = await import("@/lib/schemas/site-list");
    const { mirrorSitesView } = await import("@/lib/mirror/read");
    const state = siteList.parse({ station: raw });
    expect(state.station).toBe("");
    const all = await mirrorSitesView(L, siteList.defaults, undefined, NOW);
    expect(all.total).toBeGreaterThan(0);
    expect(await mirrorSitesView(L, state, undefined, NOW)).toEqual(all);
  });

  it.each(OUT_OF_RANGE)("history ?site=%s: every verification, the refusal named", async (raw) => {
    const { parseHistoryParams } = await import("@/lib/verifications/history-filter");
    const { listHistory } = await import("@/lib/verifications/queries");
    const r = parseHistoryParams({ site: raw });
    expect(r.filter.siteId).toBeUndefined();
    expect(r.errors).toEqual([`Site "${raw}" is not a site ID.`]);
    const all = await listHistory(L, 1, parseHistoryParams({}).filter, NOW);
    expect(all.total).toBeGreaterThan(0);
    expect(await listHistory(L, 1, r.filter, NOW)).toEqual(all);
  });
});

describe("the contact picker's route (/api/live/sites/[siteId]/contacts)", () => {
  const get = async (siteId: string) => {
    const { GET } = await import("@/app/api/live/sites/[siteId]/contacts/route");
    const url = `${process.env.APP_URL}/api/live/sites/${encodeURIComponent(siteId)}/contacts`;
    return GET(new Request(url), { params: Promise.resolve({ siteId }) });
  };

  it.each([...OUT_OF_RANGE, "0", "12a", "1e3"])("refuses %s with a 400", async (siteId) => {
    const res = await get(siteId);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_site" } });
  });

  it("a well-formed id the dealer has no site for is a 404, the largest one too", async () => {
    for (const siteId of ["2147483647", "424242"]) expect((await get(siteId)).status, siteId).toBe(404);
  });
});
