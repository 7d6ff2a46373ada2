// An empty contacts or devices list of a site against real Postgres and the real simulator: a refresh
// that CHeKT answers with an empty list dates the list (mirror_sites.contacts_read_at, devices_read_at),
// so the next view shows that time and queues nothing. Before, only the sweep dated an empty list, and
// every view until the sweep came round to the site (hours at 10,000 sites) queued another CHeKT call.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO } from "@/simulator/seed";
import type { MirrorTarget } from "@/lib/mirror/targets";
import { simFile } from "../support/sim-file";
import { simBulkSites } from "../support/sim-world";

// A view queues its refresh through next/server's `after`: counting its calls counts what views queue.
const queued = vi.hoisted(() => ({ n: 0 }));
vi.mock("next/server", () => ({ after: () => void queued.n++ }));

const world = simFile("chekt_mirror_empty_list");
let refresh: typeof import("@/lib/mirror/refresh");
let view: typeof import("@/lib/mirror/view");
let page: typeof import("@/lib/mirror/site-page-read");
let contacts: typeof import("@/lib/mirror/contacts");
let scope: { dealerLinkId: string; dealerId: number };

const SWEPT = new Date("2026-12-05T08:00:00.000Z");
const REFRESHED = new Date("2026-12-05T10:00:00.000Z");
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

/** A site of Acme in CHeKT with no contact and no device, mirrored and swept at SWEPT. */
async function emptySite(): Promise<number> {
  const sites = { dealer_id: scope.dealerId, count: 1, devices_per_site: 0, contacts_per_site: 0 };
  const siteId = await simBulkSites(world.sim.url, sites);
  await refresh.refreshNow(scope, [{ kind: "site", chektId: siteId }], { now: () => SWEPT });
  await world.prisma.mirrorSite.update({
    where: { dealerLinkId_chektId: { dealerLinkId: scope.dealerLinkId, chektId: siteId } },
    data: { childrenReadAt: SWEPT },
  });
  return siteId;
}

/** What the site page's contacts and devices panels show, and what they queue, at `now`. */
async function sitePageView(siteId: number, now: Date) {
  const data = await page.readSitePage(scope.dealerLinkId, siteId, now);
  if (!data) throw new Error(`site ${siteId} not mirrored`);
  const targets = (kind: "contacts" | "devices"): MirrorTarget[] => [{ kind, siteId }];
  return {
    contacts: view.freshnessFor(
      scope.dealerLinkId,
      targets("contacts"),
      page.listSeenOf(data.contacts, data.contactsReadAt),
      now,
    ),
    devices: view.freshnessFor(
      scope.dealerLinkId,
      targets("devices"),
      page.listAsOf(data.devices.asOf, data.devicesReadAt),
      now,
    ),
  };
}

beforeAll(async () => {
  refresh = await import("@/lib/mirror/refresh");
  view = await import("@/lib/mirror/view");
  page = await import("@/lib/mirror/site-page-read");
  contacts = await import("@/lib/mirror/contacts");
  scope = { dealerLinkId: world.linkId, dealerId: DEMO.dealers.acme.id };
});

beforeEach(() => {
  queued.n = 0;
});

describe("an empty list CHeKT answered", () => {
  it("a refresh's empty answer dates the list: the next view shows its time and queues nothing", async () => {
    const siteId = await emptySite();
    // Long after the sweep: the view finds both lists stale and queues their re-reads.
    const first = await sitePageView(siteId, at(REFRESHED, -1));
    expect([first.contacts.refreshQueued, first.devices.refreshQueued]).toEqual([true, true]);
    expect(queued.n).toBe(2);

    // The queued re-reads (or the user's Refresh) run, and CHeKT answers both lists empty.
    const targets: MirrorTarget[] = [
      { kind: "contacts", siteId },
      { kind: "devices", siteId },
    ];
    const out = await refresh.refreshNow(scope, targets, { budgetClass: "sync", now: () => REFRESHED });
    expect(out.map((o) => o.result)).toEqual(["fresh", "fresh"]);

    queued.n = 0;
    const second = await sitePageView(siteId, at(REFRESHED, 1));
    expect([second.contacts.refreshQueued, second.devices.refreshQueued]).toEqual([false, false]);
    expect(queued.n).toBe(0);
    expect([second.contacts.asOf, second.devices.asOf]).toEqual([REFRESHED.toISOString(), REFRESHED.toISOString()]);

    // The contact picker and the devices page read the same rule.
    for (const kind of ["contacts", "devices"] as const)
      expect(await contacts.listSeen(world.prisma, scope.dealerLinkId, siteId, kind, [])).toEqual({
        confirmedAt: REFRESHED,
      });
  });

  it("an older answer landing late does not move the list's time back", async () => {
    const siteId = await emptySite();
    await refresh.refreshNow(scope, { kind: "contacts", siteId }, { now: () => REFRESHED });
    await refresh.refreshNow(scope, { kind: "contacts", siteId }, { now: () => at(REFRESHED, -30) });
    expect(await contacts.listSeen(world.prisma, scope.dealerLinkId, siteId, "contacts", [])).toEqual({
      confirmedAt: REFRESHED,
    });
  });

  it("a list with rows keeps its oldest row's time", async () => {
    const siteId = await emptySite();
    await refresh.refreshNow(scope, { kind: "contacts", siteId }, { now: () => REFRESHED });
    const rows = [{ confirmedAt: at(REFRESHED, -90) }, { confirmedAt: at(REFRESHED, -60), goneAt: null }];
    expect(await contacts.listSeen(world.prisma, scope.dealerLinkId, siteId, "contacts", rows)).toEqual({
      confirmedAt: at(REFRESHED, -90),
    });
  });
});
