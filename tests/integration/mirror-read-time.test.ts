// A mirror read (lib/mirror/pull.ts) is written as of the time its request went out, after any wait for
// CHeKT's call budget, not the time it asked for a token: the "As of" of a read that queued behind a
// rate limit is when CHeKT was asked. The app's own budget (Postgres, shared by every instance) and the
// real simulator over HTTP; the wait is a block of the partner budget as a 429 leaves it, and the tests
// assert the time the rows are stamped with against the block's end, never how long anything took.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "@/simulator/seed";
import { simFile } from "../support/sim-file";

const world = simFile("chekt_mirror_read_time");
const ACME = DEMO.dealers.acme.id;

let pull: typeof import("@/lib/mirror/pull");
let chekt: typeof import("@/lib/chekt");

beforeAll(async () => {
  pull = await import("@/lib/mirror/pull");
  chekt = await import("@/lib/chekt");
});

const scope = () => ({ dealerLinkId: world.linkId, dealerId: ACME });

/** Blocks every class of the partner budget for a moment; returns when the block ends (epoch ms). */
async function budgetBlocked(): Promise<number> {
  const until = Date.now() + 500;
  await chekt.partnerBudget().block(until, "read");
  return until;
}

describe("a mirror read that waited for the budget", () => {
  it("one object: stamped after the wait", async () => {
    const siteId = world.sim.state.sites.under(ACME)[0]!.site_id;
    const until = await budgetBlocked();
    expect(await pull.pullSite(scope(), siteId)).toBe("fresh");
    const row = await world.prisma.mirrorSite.findUniqueOrThrow({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: siteId } },
    });
    expect(row.confirmedAt.getTime()).toBeGreaterThanOrEqual(until);
  });

  it("a site's devices, at the sweep's class: every row stamped after the wait", async () => {
    const siteId = world.sim.state.sites.under(ACME)[0]!.site_id;
    const until = await budgetBlocked();
    expect(await pull.pullDevices(scope(), siteId, { budgetClass: "sync" })).toBe("fresh");
    const rows = await world.prisma.mirrorDevice.findMany({ where: { dealerLinkId: world.linkId, siteId } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.confirmedAt.getTime()).toBeGreaterThanOrEqual(until);
  });
});
