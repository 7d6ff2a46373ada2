// The incremental sweep (docs/mirror.md, lib/mirror/sweep.ts) against real Postgres and the real
// simulator: every run lists the dealer, stations and every site page, but reads the children of at
// most `childrenPerRun` sites, the never-read first, then the least recently read, so consecutive runs
// cover every site; a run cut off mid-way resumes without reading again what it read.
import { beforeAll, expect, it } from "vitest";
import { connectDealerLink } from "../support/dealer-links";
import { freshDealer } from "../support/fresh-dealer";
import { simControl } from "../support/simulator";
import { simFile } from "../support/sim-file";

const world = simFile("chekt_sweep_incr_it", { faults: true });
let sweep: typeof import("@/lib/mirror/sweep");
let scope: { dealerLinkId: string; dealerId: number };
let ids: number[];

const SITES = 30;
const CAP = 8;
const noSleep = async () => undefined;
const control = <T = unknown>(path: string, method: string, body?: unknown) =>
  simControl<T>(world.sim.url, method, path, body);
/** GET requests the simulator answered since its stats were cleared, for routes ending in `suffix`. */
const calls = async (suffix: string): Promise<number> => {
  const { byRoute } = await control<{ byRoute: Record<string, number> }>("/_sim/stats", "GET");
  return Object.entries(byRoute)
    .filter(([k]) => k.startsWith("GET ") && k.endsWith(suffix))
    .reduce((n, [, v]) => n + v, 0);
};
/** The run's clock: hour `h` of a day after every real time here, so each run's reads are told apart. */
const hour = (h: number) => new Date(Date.UTC(2030, 0, 1, h));
/** Site id → when the sweep last read its children (null: never), for the dealer's live sites. */
const readTimes = async () =>
  new Map(
    (
      await world.prisma.mirrorSite.findMany({
        where: { dealerLinkId: scope.dealerLinkId, goneAt: null },
        select: { chektId: true, childrenReadAt: true },
      })
    ).map((s) => [s.chektId, s.childrenReadAt?.toISOString() ?? null]),
  );
const readAt = async (at: Date) => [...(await readTimes())].filter(([, t]) => t === at.toISOString()).map(([id]) => id);
const run = (h: number, extra: Partial<import("@/lib/mirror/sweep").SweepDeps> = {}) =>
  sweep.sweepDealer(scope, { sleep: noSleep, now: () => hour(h), childrenPerRun: CAP, ...extra });

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
  const { seed } = await freshDealer(world.sim.url, "Incremental Dealer");
  scope = { dealerLinkId: await connectDealerLink(world.prisma, seed), dealerId: seed.chektDealerId };
  const body = { dealer_id: scope.dealerId, count: SITES, contacts_per_site: 1, devices_per_site: 1 };
  const made = await control<{ first_site_id: number }>("/_sim/bulk-sites", "POST", body);
  ids = Array.from({ length: SITES }, (_, i) => made.first_site_id + i);
});

it("every run lists every site and reads the children of at most the cap: never-read first, then oldest", async () => {
  const perRun: { sitesPages: number; contacts: number; arming: number }[] = [];
  for (const h of [1, 2, 3, 4]) {
    await control("/_sim/stats", "DELETE");
    const out = await run(h);
    expect(out.sites).toBe(SITES);
    perRun.push({
      sitesPages: await calls("Id/sites"),
      contacts: await calls("/contacts"),
      arming: await calls("/arming-settings"),
    });
  }
  // Every run read the site list (how new and deleted sites are noticed) and the children of CAP sites.
  expect(perRun).toEqual(Array(4).fill({ sitesPages: 1, contacts: CAP, arming: CAP }));
  // Never read: by CHeKT id, 8 a run; the fourth run reads the last 6 never-read, then the 2 read longest ago.
  expect(await readAt(hour(1))).toEqual(ids.slice(2, 8));
  expect(await readAt(hour(2))).toEqual(ids.slice(8, 16));
  expect(await readAt(hour(3))).toEqual(ids.slice(16, 24));
  expect(await readAt(hour(4))).toEqual([...ids.slice(0, 2), ...ids.slice(24, 30)]);
  // After ceil(30 / 8) runs every site's children have been read; the sync row counts the run's sites.
  expect([...(await readTimes()).values()].every((t) => t !== null)).toBe(true);
  expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: scope.dealerLinkId } })).toMatchObject({
    state: "idle",
    done: SITES,
    total: SITES,
  });

  // A site created in CHeKT since is read at the next run, before the oldest (hour 1's: ids 2..7).
  const body = { dealer_id: scope.dealerId, count: 1, contacts_per_site: 1, devices_per_site: 1 };
  const created = (await control<{ first_site_id: number }>("/_sim/bulk-sites", "POST", body)).first_site_id;
  await run(5);
  expect(await readAt(hour(5))).toEqual([...ids.slice(2, 9), created]);
  ids.push(created);
}, 120_000);

it("a run cut off mid-way resumes with the rest of its sites and reads none of them twice", async () => {
  // The run at hour 6 reads the 8 read longest ago: ids 9..15 (hour 2) and 16 (hour 3). The fourth
  // site's contacts answer slowly, and the run is stopped (a shutdown) while it waits for them.
  const due = ids.slice(9, 17);
  await control("/_sim/faults", "POST", {
    path: `/partner/v1/dealers/${scope.dealerId}/sites/${due[3]}/contacts`,
    method: "GET",
    delay_ms: 5000,
    count: 1,
  });
  await control("/_sim/stats", "DELETE");
  const stop = new AbortController();
  const cut = run(6, { signal: stop.signal });
  const row = () => world.prisma.mirrorSync.findUniqueOrThrow({ where: { dealerLinkId: scope.dealerLinkId } });
  await expect.poll(async () => (await row()).done, { timeout: 20_000, interval: 50 }).toBe(3);
  stop.abort();
  await expect(cut).rejects.toThrow(sweep.SweepAborted);
  expect(await row()).toMatchObject({ state: "running", phase: "children", done: 3, total: CAP });
  expect(await readAt(hour(6))).toEqual(due.slice(0, 3));
  const cutArming = await calls("/arming-settings");

  // Resumed (a later clock: the worker picked it up again): no list read again, the 5 sites left, each once.
  await control("/_sim/faults", "DELETE");
  await control("/_sim/stats", "DELETE");
  await run(7);
  expect({ sitesPages: await calls("Id/sites"), arming: await calls("/arming-settings") }).toEqual({
    sitesPages: 0,
    arming: CAP - 3,
  });
  expect(cutArming).toBe(3);
  expect(await readAt(hour(6))).toEqual(due.slice(0, 3));
  expect(await readAt(hour(7))).toEqual(due.slice(3));
  expect(await row()).toMatchObject({ state: "idle", phase: null, cursor: null });
}, 120_000);

it("a site that cannot be read is skipped, still counts toward the cap, and is tried first next run", async () => {
  // Hour 8 reads the oldest 8: ids 17..23 (hour 3) and 0 (hour 4); the first of them answers 500 every time.
  const [bad, ...rest] = ids.slice(17, 24);
  await control("/_sim/faults", "POST", {
    path: `/partner/v1/dealers/${scope.dealerId}/sites/${bad}/contacts`,
    rate_5xx: 1,
    status_5xx: 500,
  });
  await run(8);
  expect(await readAt(hour(8))).toEqual([ids[0]!, ...rest]);
  expect(await world.prisma.mirrorSync.findUnique({ where: { dealerLinkId: scope.dealerLinkId } })).toMatchObject({
    state: "idle",
    skipped: 1,
  });
  await control("/_sim/faults", "DELETE");
  await run(9);
  // Still the oldest (hour 3): read now, with the 7 next oldest (hour 4's).
  expect(await readAt(hour(9))).toEqual([ids[1], bad, ...ids.slice(24, 30)]);
}, 120_000);
