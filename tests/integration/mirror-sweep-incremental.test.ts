// The incremental sweep (docs/mirror.md, lib/mirror/sweep.ts) against real Postgres and the real
// simulator: every run lists the dealer, stations and every site page, but reads the children of at
// most `childrenPerRun` sites, the never-read first, then the least recently read, so consecutive runs
// cover every site; a run cut off mid-way resumes without reading again what it read.
import { beforeAll, expect, it } from "vitest";
import { connectDealerLink } from "../support/dealer-links";
import { freshDealer } from "../support/fresh-dealer";
import { clearSimFaults, clearSimStats, simBulkSites, simRouteCalls } from "../support/sim-world";
import { simFile } from "../support/sim-file";

const world = simFile("chekt_sweep_incr_it", { faults: true });
let sweep: typeof import("@/lib/mirror/sweep");

const CAP = 8;
const noSleep = async () => undefined;
/** GET requests the simulator answered since its stats were cleared, for routes ending in `suffix`. */
const calls = (suffix: string) => simRouteCalls(world.sim.url, "GET", suffix);
/** The run's clock: hour `h` of a day after every real time here, so each run's reads are told apart. */
const hour = (h: number) => new Date(Date.UTC(2030, 0, 1, h));

type Dealer = { dealerLinkId: string; dealerId: number };
/** A dealer of the test's own (tests run shuffled) with `count` sites, one contact and one camera each. */
async function dealerWith(count: number): Promise<{ scope: Dealer; ids: number[] }> {
  const { seed } = await freshDealer(world.sim.url, "Incremental Dealer");
  const scope = { dealerLinkId: await connectDealerLink(world.prisma, seed), dealerId: seed.chektDealerId };
  return { scope, ids: await newSites(scope, count) };
}
async function newSites(scope: Dealer, count: number): Promise<number[]> {
  const body = { dealer_id: scope.dealerId, count, contacts_per_site: 1, devices_per_site: 1 };
  const first = await simBulkSites(world.sim.url, body);
  return Array.from({ length: count }, (_, i) => first + i);
}
/** Site id → when the sweep last read its children (null: never), for the dealer's live sites. */
const readTimes = async (scope: Dealer) =>
  new Map(
    (
      await world.prisma.mirrorSite.findMany({
        where: { dealerLinkId: scope.dealerLinkId, goneAt: null },
        select: { chektId: true, childrenReadAt: true },
      })
    ).map((s) => [s.chektId, s.childrenReadAt?.toISOString() ?? null]),
  );
/** The sites whose children the run at `at` read, by CHeKT id. */
const readAt = async (scope: Dealer, at: Date) =>
  [...(await readTimes(scope))]
    .filter(([, t]) => t === at.toISOString())
    .map(([id]) => id)
    .sort((a, b) => a - b);
const syncRow = (scope: Dealer) =>
  world.prisma.mirrorSync.findUniqueOrThrow({ where: { dealerLinkId: scope.dealerLinkId } });
const run = (scope: Dealer, h: number, extra: Partial<import("@/lib/mirror/sweep").SweepDeps> = {}) =>
  sweep.sweepDealer(scope, { sleep: noSleep, now: () => hour(h), childrenPerRun: CAP, ...extra });

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
});

it("every run lists every site and reads the children of at most the cap: never-read first, then oldest", async () => {
  const { scope, ids } = await dealerWith(30);
  const perRun: { sitesPages: number; contacts: number; arming: number }[] = [];
  for (const h of [1, 2, 3, 4]) {
    await clearSimStats(world.sim.url);
    const out = await run(scope, h);
    expect(out.sites).toBe(30);
    perRun.push({
      sitesPages: await calls("Id/sites"),
      contacts: await calls("/contacts"),
      arming: await calls("/arming-settings"),
    });
  }
  // Every run read the site list (how new and deleted sites are noticed) and the children of CAP sites.
  expect(perRun).toEqual(Array(4).fill({ sitesPages: 1, contacts: CAP, arming: CAP }));
  // Never read: by CHeKT id, 8 a run; the fourth run reads the last 6 never-read, then the 2 read longest ago.
  expect(await readAt(scope, hour(1))).toEqual(ids.slice(2, 8));
  expect(await readAt(scope, hour(2))).toEqual(ids.slice(8, 16));
  expect(await readAt(scope, hour(3))).toEqual(ids.slice(16, 24));
  expect(await readAt(scope, hour(4))).toEqual([...ids.slice(0, 2), ...ids.slice(24, 30)]);
  // After ceil(30 / 8) runs every site's children have been read; the sync row counts the dealer's sites.
  expect([...(await readTimes(scope)).values()].every((t) => t !== null)).toBe(true);
  expect(await syncRow(scope)).toMatchObject({ state: "idle", done: 30, total: 30 });

  // A site created in CHeKT since is read at the next run, before the oldest (hour 1's: ids 2..7, then 8).
  const [created] = await newSites(scope, 1);
  await run(scope, 5);
  expect(await readAt(scope, hour(5))).toEqual([...ids.slice(2, 9), created]);
}, 120_000);

it("a run cut off mid-way resumes with the rest of its sites and reads none of them twice", async () => {
  // The run reads the first 8 of 12 never-read sites; the fourth one's contacts answer slowly, and the
  // run is stopped (a shutdown) while it waits for them.
  const { scope, ids } = await dealerWith(12);
  const due = ids.slice(0, CAP);
  await world.fault({
    path: `/partner/v1/dealers/${scope.dealerId}/sites/${due[3]}/contacts`,
    method: "GET",
    delay_ms: 5000,
    count: 1,
  });
  await clearSimStats(world.sim.url);
  const stop = new AbortController();
  const cut = run(scope, 1, { signal: stop.signal });
  await expect.poll(async () => (await syncRow(scope)).done, { timeout: 20_000, interval: 50 }).toBe(3);
  stop.abort();
  await expect(cut).rejects.toThrow(sweep.SweepAborted);
  expect(await syncRow(scope)).toMatchObject({ state: "running", phase: "children", done: 3, total: CAP });
  expect(await readAt(scope, hour(1))).toEqual(due.slice(0, 3));
  expect(await calls("/arming-settings")).toBe(3);

  // Resumed (a later clock: the worker picked it up again): no list read again, the 5 sites left, each once.
  await clearSimFaults(world.sim.url);
  await clearSimStats(world.sim.url);
  await run(scope, 2);
  expect({ sitesPages: await calls("Id/sites"), arming: await calls("/arming-settings") }).toEqual({
    sitesPages: 0,
    arming: CAP - 3,
  });
  expect(await readAt(scope, hour(1))).toEqual(due.slice(0, 3));
  expect(await readAt(scope, hour(2))).toEqual(due.slice(3));
  expect(await syncRow(scope)).toMatchObject({ state: "idle", phase: null, cursor: null });
}, 120_000);

it("a site that cannot be read is skipped, still counts toward the cap, and is read first next run", async () => {
  const { scope, ids } = await dealerWith(10);
  // The first run's 8 never-read sites: the first answers 500 every time.
  await world.fault({
    path: `/partner/v1/dealers/${scope.dealerId}/sites/${ids[0]}/contacts`,
    rate_5xx: 1,
    status_5xx: 500,
  });
  await run(scope, 1);
  expect(await readAt(scope, hour(1))).toEqual(ids.slice(1, 8));
  expect(await syncRow(scope)).toMatchObject({ state: "idle", skipped: 1 });
  await clearSimFaults(world.sim.url);
  // Still never read: read now with the other two never read, then the oldest (hour 1's, by id).
  await run(scope, 2);
  expect(await readAt(scope, hour(2))).toEqual([...ids.slice(0, 6), ...ids.slice(8, 10)]);
  expect(await syncRow(scope)).toMatchObject({ state: "idle", skipped: 0 });
}, 120_000);
