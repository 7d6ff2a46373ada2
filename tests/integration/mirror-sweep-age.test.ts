// The mirror's age while a later sweep runs or fails (docs/mirror.md): mirror_syncs.finished_at keeps
// the last finished sweep, which the dashboard, the sites and stations lists and the contacts show as
// "As of …". A re-sweep that is running or failed must not make them say "Not read from CHeKT yet".
import { beforeAll, expect, it } from "vitest";
import { ACME } from "../support/dealer-links";
import { simFile } from "../support/sim-file";
import { clearSimFaults } from "../support/sim-world";

const world = simFile("chekt_sweep_age_it");
let sweep: typeof import("@/lib/mirror/sweep");
let scope: { dealerLinkId: string; dealerId: number };

const noSleep = async () => undefined;

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
  scope = { dealerLinkId: world.linkId, dealerId: ACME.chektDealerId };
});

it("a re-sweep keeps the last finished time while it runs and after it fails", async () => {
  const row = () => world.prisma.mirrorSync.findUniqueOrThrow({ where: { dealerLinkId: scope.dealerLinkId } });
  const first = new Date("2026-03-01T10:00:00Z");
  await sweep.sweepDealer(scope, { sleep: noSleep, now: () => first });
  expect(await row()).toMatchObject({ state: "idle", finishedAt: first });

  // Running: CHeKT answers the sites list slowly; what the pages read meanwhile keeps the last time.
  await world.fault({
    path: "/partner/v1/dealers/1/sites",
    method: "GET",
    delay_ms: 3000,
    count: 1,
  });
  const second = new Date("2026-03-01T10:20:00Z");
  const running = sweep.sweepDealer(scope, { sleep: noSleep, now: () => second });
  await expect.poll(async () => (await row()).phase, { timeout: 10_000, interval: 50 }).toBe("sites");
  expect(await row()).toMatchObject({ state: "running", finishedAt: first });
  await running;
  expect(await row()).toMatchObject({ state: "idle", finishedAt: second });

  // Failed: CHeKT fails every partner read; the last finished time stays beside the failure.
  await world.fault({ path: "/partner/**", rate_5xx: 1, status_5xx: 500 });
  await expect(
    sweep.sweepDealer(scope, { sleep: noSleep, now: () => new Date("2026-03-01T10:40:00Z") }),
  ).rejects.toThrow();
  await clearSimFaults(world.sim.url);
  expect(await row()).toMatchObject({ state: "failed", finishedAt: second, lastError: expect.any(String) });
}, 120_000);
