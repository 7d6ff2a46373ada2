// The bulk jobs lists' read (lib/bulk/jobs-read.ts) over real Postgres: a dealer's device jobs and
// site imports, newest first, filtered by state ("In progress" = queued or running, the dashboard's
// count too), kind and type, paged in SQL, device jobs named from the mirror; another dealer's jobs
// never appear, even on a site with the same CHeKT id.
import { beforeAll, describe, expect, it } from "vitest";
import { dbFile } from "../support/db-file";
import { ACME, NORTHWIND, connectDealerLink } from "../support/dealer-links";
import { mirrorKey } from "../support/mirror-rows";
import type { JobState } from "@/lib/bulk/job-states";

const world = dbFile("chekt_jobs_list_it", ACME);
let read: typeof import("@/lib/bulk/jobs-read");
let L: string;
let OTHER: string;

const T0 = new Date("2026-11-01T00:00:00.000Z");
const STATES: JobState[] = ["queued", "running", "done", "failed", "cancelled"];
const KINDS = ["create", "update", "delete"] as const;
type Seeded = { id: string; state: JobState; kind: (typeof KINDS)[number]; entity: "devices" | "sites"; site: number };
/** L's jobs, newest first as the list must show them. */
let mine: Seeded[] = [];
const theirs: string[] = [];

async function site(link: string, id: number, name: string) {
  await world.prisma.mirrorSite.create({
    data: {
      ...mirrorKey(link, id, "s"),
      name,
      isActivated: true,
      searchText: name.toLowerCase(),
      dto: { site_id: id, name, external_site_id: `s-${id}`, timezone: "UTC", is_activated: 1 },
      confirmedAt: T0,
    },
  });
}

async function job(link: string, i: number, s: Omit<Seeded, "id">) {
  const row = await world.prisma.bulkJob.create({
    data: {
      dealerLinkId: link,
      chektSiteId: s.entity === "sites" ? 0 : s.site,
      entity: s.entity,
      kind: s.kind,
      state: s.state,
      total: i + 1,
      // Two jobs share each instant: the id must break the tie the same way on every page.
      createdAt: new Date(T0.getTime() + Math.floor(i / 2) * 60_000),
    },
  });
  return { id: row.id, ...s };
}

beforeAll(async () => {
  read = await import("@/lib/bulk/jobs-read");
  L = world.linkId;
  OTHER = await connectDealerLink(world.prisma, NORTHWIND);
  await site(L, 101, "Harbor Warehouse");
  await site(L, 102, "Depot North");
  await site(OTHER, 101, "Northwind Secret Site");
  // 60 jobs of L: every 6th a site import, the rest on 101, 102 or 103 (a site the mirror does not know).
  const seeded: Seeded[] = [];
  for (let i = 0; i < 60; i++) {
    const entity = i % 6 === 5 ? "sites" : "devices";
    const kind = entity === "sites" ? "create" : KINDS[i % 3];
    seeded.push(await job(L, i, { state: STATES[i % 5], kind, entity, site: [101, 102, 103][i % 3] }));
  }
  mine = seeded.reverse();
  // The other dealer's: in progress, on the same site number, and an import.
  for (let i = 0; i < 6; i++)
    theirs.push(
      (
        await job(OTHER, 100 + i, {
          state: i % 2 ? "running" : "queued",
          kind: "create",
          entity: i === 5 ? "sites" : "devices",
          site: 101,
        })
      ).id,
    );
  const ordered = await world.prisma.bulkJob.findMany({
    where: { dealerLinkId: L },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const byId = new Map(mine.map((j) => [j.id, j]));
  mine = ordered.map((o) => byId.get(o.id)!);
}, 60_000);

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("a dealer's bulk jobs, read for /jobs", () => {
  it("newest first, paged in SQL: every page is the next slice, and the total is all of them", async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const got = await read.jobsPage(L, {}, { page, per: 25 });
      expect(got.total).toBe(60);
      seen.push(...idsOf(got.rows));
    }
    expect(seen).toEqual(idsOf(mine));
    const times = (await read.jobsPage(L, {}, { page: 1, per: 100 })).rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await read.jobsPage(L, {}, { page: 4, per: 25 })).rows).toEqual([]);
  });

  it("filters by state, in progress, kind and type, alone and together", async () => {
    const expectFilter = async (filter: import("@/lib/bulk/jobs-read").JobFilter, keep: (j: Seeded) => boolean) => {
      const want = mine.filter(keep);
      const got = await read.jobsPage(L, filter, { page: 1, per: 100 });
      expect(idsOf(got.rows), JSON.stringify(filter)).toEqual(idsOf(want));
      expect(got.total).toBe(want.length);
      expect(want.length, `${JSON.stringify(filter)} keeps some jobs and drops some`).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(60);
    };
    await expectFilter({ state: "failed" }, (j) => j.state === "failed");
    await expectFilter({ state: "active" }, (j) => j.state === "queued" || j.state === "running");
    await expectFilter({ kind: "delete" }, (j) => j.kind === "delete");
    await expectFilter({ entity: "sites" }, (j) => j.entity === "sites");
    await expectFilter(
      { entity: "devices", state: "active", kind: "create" },
      (j) => j.entity === "devices" && j.kind === "create" && (j.state === "queued" || j.state === "running"),
    );
    await expectFilter({ siteId: 102 }, (j) => j.entity === "devices" && j.site === 102);
  });

  it("the dashboard's count is exactly the In progress filter's total, and only this dealer's", async () => {
    const inProgress = mine.filter((j) => j.state === "queued" || j.state === "running").length;
    expect(await read.countJobsInProgress(L)).toBe(inProgress);
    expect((await read.jobsPage(L, { state: "active" }, { page: 1, per: 25 })).total).toBe(inProgress);
    expect(await read.countJobsInProgress(OTHER)).toBe(6);
  });

  it("device jobs carry their site's name from the mirror; site imports and unknown sites none", async () => {
    const { rows } = await read.jobsPage(L, {}, { page: 1, per: 100 });
    const names = new Map([
      [101, "Harbor Warehouse"],
      [102, "Depot North"],
    ]);
    for (const r of rows) {
      const want = r.entity === "sites" ? null : (names.get(r.chektSiteId) ?? null);
      expect(r.siteName, `${r.entity} job on ${r.chektSiteId}`).toBe(want);
    }
    expect(rows.filter((r) => r.siteName === "Harbor Warehouse").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.entity === "sites").every((r) => r.chektSiteId === 0)).toBe(true);
  });

  it("another dealer's jobs never appear, whatever the filter, and its site names are never used", async () => {
    const filters = [{}, { state: "active" as const }, { entity: "sites" as const }, { kind: "create" as const }];
    for (const filter of filters) {
      const { rows } = await read.jobsPage(L, { ...filter, siteId: undefined }, { page: 1, per: 100 });
      expect(
        idsOf(rows).filter((id) => theirs.includes(id)),
        JSON.stringify(filter),
      ).toEqual([]);
      expect(rows.map((r) => r.siteName)).not.toContain("Northwind Secret Site");
    }
    const site101 = await read.jobsPage(L, { siteId: 101 }, { page: 1, per: 100 });
    expect(idsOf(site101.rows).filter((id) => theirs.includes(id))).toEqual([]);
    const other = await read.jobsPage(OTHER, {}, { page: 1, per: 100 });
    expect(idsOf(other.rows).sort()).toEqual([...theirs].sort());
    expect(other.rows.filter((r) => r.entity === "devices").map((r) => r.siteName)).toContain("Northwind Secret Site");
  });
});
