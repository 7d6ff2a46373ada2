// An id past CHeKT's range (lib/schemas/fields.ts MAX_CHEKT_ID, the mirror's integer columns) in a
// list page's URL is refused like any other bad filter value: the fleet, sites and history readers
// show the unfiltered list instead of failing in Postgres (22003 "out of range for type integer",
// a 500), and the contact picker's route answers 400 for it, 404 for a well-formed id it lacks.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";

const NOW = new Date("2026-12-01T12:00:00Z");
const OUT_OF_RANGE = ["2147483648", "999999999999"];

const world = simFile("chekt_id_filters_it", { members: [OPERATOR], user: OPERATOR });
let L: string;

beforeAll(() => {
  L = world.linkId;
});

describe("list readers given an id past CHeKT's range", () => {
  it.each(OUT_OF_RANGE)("fleet ?site=%s: the whole fleet, not a failed query", async (raw) => {
    const { fleetList } = await import("@/lib/fleet/list-state");
    const { fleetPage } = await import("@/lib/fleet/read");
    const state = fleetList.parse({ site: raw });
    expect(state.site).toBe("");
    expect(await fleetPage(L, state, NOW)).toEqual(await fleetPage(L, fleetList.defaults, NOW));
  });

  it.each(OUT_OF_RANGE)("sites ?station=%s: every site, not a failed query", async (raw) => {
    const { siteList } = await import("@/lib/schemas/site-list");
    const { mirrorSitesView } = await import("@/lib/mirror/read");
    const state = siteList.parse({ station: raw });
    expect(state.station).toBe("");
    const got = await mirrorSitesView(L, state, undefined, NOW);
    expect(got.total).toBe((await mirrorSitesView(L, siteList.defaults, undefined, NOW)).total);
  });

  it.each(OUT_OF_RANGE)("history ?site=%s: every verification, the refusal named", async (raw) => {
    const { parseHistoryParams } = await import("@/lib/verifications/history-filter");
    const { listHistory } = await import("@/lib/verifications/queries");
    const r = parseHistoryParams({ site: raw });
    expect(r.filter.siteId).toBeUndefined();
    expect(r.errors).toEqual([`Site "${raw}" is not a site ID.`]);
    await expect(listHistory(L, 1, r.filter)).resolves.toBeDefined();
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
