// When the minute tick queues a dealer's next sweep (lib/jobs/sync-worker.ts dueLinks, docs/mirror.md):
// MIRROR_SYNC_INTERVAL_S after the last sweep STARTED. Counted from its end, a sweep that itself outlasts
// the interval (an incremental run at 10,000 sites takes ~17 min at the sync class's share) pushed every
// later one back by a whole interval: 32 min a run instead of 17, so a site's children were re-read every
// ~36 h instead of ~19 h. The sweeps are real (Postgres, the simulator over HTTP), their clock injected:
// each test walks the minute ticks of a dealer of its own and records when its sweeps start.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDealerLink } from "../support/dealer-links";
import { freshDealer } from "../support/fresh-dealer";
import { simFile } from "../support/sim-file";
import { clearSimFaults } from "../support/sim-world";

const world = simFile("chekt_sweep_due_it", { faults: true });
let sweep: typeof import("@/lib/mirror/sweep");
let worker: typeof import("@/lib/jobs/sync-worker");

const INTERVAL_S = 900;
const MINUTE = 60_000;
const noSleep = async () => undefined;
/** Minute 0 of a test's timeline: a day after every real time here (`day` apart, so the tests never meet). */
const minuteZero = (day: number) => Date.UTC(2030, 0, day);

beforeAll(async () => {
  sweep = await import("@/lib/mirror/sweep");
  worker = await import("@/lib/jobs/sync-worker");
});

async function newDealer(name: string) {
  const { seed } = await freshDealer(world.sim.url, name);
  return { dealerLinkId: await connectDealerLink(world.prisma, seed), dealerId: seed.chektDealerId };
}

/** A sweep's clock that says `from` when it starts and `minutes` later for everything after (its end). */
function sweepTaking(from: Date, minutes: number): () => Date {
  let started = false;
  return () => {
    if (started) return new Date(from.getTime() + minutes * MINUTE);
    started = true;
    return from;
  };
}

/**
 * The minute ticks of `hours` from `day`'s minute 0: at each, the dealer is swept when dueLinks names it,
 * the sweep taking `runMinutes`. While it runs the ticks pass it over (its lock would let their jobs go).
 * Returns the minutes its sweeps started at.
 */
async function sweepStarts(day: number, hours: number, runMinutes: number): Promise<number[]> {
  const scope = await newDealer(`Due Dealer ${day}`);
  const starts: number[] = [];
  let busyUntil = 0;
  for (let minute = 0; minute <= hours * 60; minute++) {
    if (minute < busyUntil) continue;
    const at = new Date(minuteZero(day) + minute * MINUTE);
    if (!(await worker.dueLinks(at, INTERVAL_S)).includes(scope.dealerLinkId)) continue;
    starts.push(minute);
    await sweep.sweepDealer(scope, { sleep: noSleep, now: sweepTaking(at, runMinutes) });
    busyUntil = minute + runMinutes;
  }
  return starts;
}

describe("the sweep's interval counts from one sweep's start to the next", () => {
  it("a sweep longer than the interval is followed at the first tick after it ends", async () => {
    // 17 min a run (503 calls at half the free tier): every 17 min, not every 17 + 15.
    expect(await sweepStarts(1, 2, 17)).toEqual([0, 17, 34, 51, 68, 85, 102, 119]);
  }, 60_000);

  it("a sweep shorter than the interval is followed the interval after it started", async () => {
    expect(await sweepStarts(2, 1, 5)).toEqual([0, 15, 30, 45, 60]);
  }, 60_000);

  it("a sweep that failed is due at the next tick", async () => {
    const scope = await newDealer("Due Dealer failing");
    const at = new Date(minuteZero(3));
    await world.fault({ path: "/partner/**", rate_5xx: 1, status_5xx: 500 });
    await expect(sweep.sweepDealer(scope, { sleep: noSleep, now: () => at })).rejects.toThrow();
    await clearSimFaults(world.sim.url);
    const next = new Date(at.getTime() + MINUTE);
    expect(await worker.dueLinks(next, INTERVAL_S)).toContain(scope.dealerLinkId);
  }, 60_000);
});
