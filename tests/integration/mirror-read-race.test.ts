// A background read (a sweep page, a Refresh, a stale re-read) that CHeKT answered before one of our own
// writes, but that reaches us after the write went through, must not undo it (lib/mirror/pull.ts stamps a
// read with the time it was asked; lib/mirror/batch.ts writes a row only if no write confirmed it since,
// and never brings back what we deleted since). Real Postgres and the real simulator over HTTP: the read's
// answer is made at once and held back on the wire (a `when: "after"` fault) while the write goes through
// the console's own action or bulk job. Only the session, the request cookies and Next's cache are stand-ins.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "@/simulator/seed";
import type { NewItem } from "@/lib/bulk/jobs";
import { OPERATOR, simBulkSites, simFaultRules } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import { runOperatorJob } from "../support/operator-job";
import { until } from "../support/until";

const world = simFile("chekt_mirror_read_race", { members: [OPERATOR], user: OPERATOR, faults: true });
const ACME = DEMO.dealers.acme.id;
/** How long the read's answer is held back: long enough for the write to go through meanwhile. */
const HELD_MS = 1_500;

let pull: typeof import("@/lib/mirror/pull");
let sites: typeof import("@/actions/sites");
let stations: typeof import("@/actions/stations");
let contacts: typeof import("@/actions/contacts");
let arming: typeof import("@/actions/arming");

beforeAll(async () => {
  pull = await import("@/lib/mirror/pull");
  sites = await import("@/actions/sites");
  stations = await import("@/actions/stations");
  contacts = await import("@/actions/contacts");
  arming = await import("@/actions/arming");
});

const scope = () => ({ dealerLinkId: world.linkId, dealerId: ACME });
const key = (chektId: number) => ({ dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId } });
const partner = (path: string) => `/partner/v1/dealers/${ACME}${path}`;

/** A new site of Acme's with two contacts and two devices, all of it mirrored (site, children, arming). */
async function mirroredSite(): Promise<number> {
  const body = { dealer_id: ACME, count: 1, contacts_per_site: 2, devices_per_site: 2 };
  const siteId = await simBulkSites(world.sim.url, body);
  for (const read of [pull.pullSite, pull.pullContacts, pull.pullDevices, pull.pullArming])
    expect(await read(scope(), siteId)).toBe("fresh");
  return siteId;
}

/**
 * Starts `read` with its answer to GET `path` held back on the wire; resolves once CHeKT has made that
 * answer, with the read's own promise (it lands HELD_MS later).
 */
async function answeredNotLanded<T>(path: string, read: () => Promise<T>): Promise<{ landed: Promise<T> }> {
  const fault = await world.fault({ path, method: "GET", when: "after", delay_ms: HELD_MS, count: 1 });
  const landed = read();
  await until(
    async () => {
      const rules = await simFaultRules(world.sim.url);
      return rules.find((f) => f.id === fault.id)?.matched === 1;
    },
    () => `GET ${path}`,
  );
  // The rule counts the request as it arrives; CHeKT's answer is made right after, synchronously.
  await new Promise((r) => setTimeout(r, 50));
  return { landed };
}

/** A bulk job of the operator's on `siteId`, run to its end (as the device grid's edits and deletes are). */
const runJob = (siteId: number, kind: "update" | "delete", items: NewItem[]) =>
  runOperatorJob(world.prisma, world.linkId, siteId, kind, items);

const devicesOf = (siteId: number) =>
  world.prisma.mirrorDevice.findMany({ where: { dealerLinkId: world.linkId, siteId }, orderBy: { chektId: "asc" } });
const contactsOf = (siteId: number) =>
  world.prisma.mirrorContact.findMany({ where: { dealerLinkId: world.linkId, siteId }, orderBy: { chektId: "asc" } });

describe("mirror: a read CHeKT answered before our own write lands after it", () => {
  it("site: the edit stays and is not flagged as changed in CHeKT", async () => {
    const siteId = await mirroredSite();
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}`), () => pull.pullSite(scope(), siteId));
    accepted(await sites.updateSiteAction({ site_id: siteId, name: "Edited here" }));
    expect(await landed).toBe("fresh");
    const row = await world.prisma.mirrorSite.findUniqueOrThrow({ where: key(siteId) });
    expect(row).toMatchObject({ name: "Edited here", changedAt: null, goneAt: null, dto: { name: "Edited here" } });
  });

  it("station: the edit stays and is not flagged as changed in CHeKT", async () => {
    const station = world.sim.state.stations.under(ACME)[0]!;
    const id = station.monitoring_station_id;
    expect(await pull.pullStation(scope(), id)).toBe("fresh");
    const { landed } = await answeredNotLanded(partner(`/monitoring-stations/${id}`), () =>
      pull.pullStation(scope(), id),
    );
    accepted(await stations.updateStationAction({ monitoring_station_id: id, name: "Central (edited here)" }));
    expect(await landed).toBe("fresh");
    expect(await world.prisma.mirrorStation.findUniqueOrThrow({ where: key(id) })).toMatchObject({
      name: "Central (edited here)",
      changedAt: null,
    });
  });

  it("contacts: an edit stays, unflagged, under a list read of the site's contacts", async () => {
    const siteId = await mirroredSite();
    const [ada] = await contactsOf(siteId);
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}/contacts`), () =>
      pull.pullContacts(scope(), siteId),
    );
    accepted(await contacts.updateContactAction({ site_id: siteId, contact_id: ada!.chektId, last_name: "Edited" }));
    expect(await landed).toBe("fresh");
    expect((await contactsOf(siteId))[0]).toMatchObject({ lastName: "Edited", changedAt: null, goneAt: null });
  });

  it("arming: the switch stays", async () => {
    const siteId = await mirroredSite();
    const before = world.sim.state.sites.get(siteId)!.security_type;
    const other = (before % 4) + 1;
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}/arming-settings`), () =>
      pull.pullArming(scope(), siteId),
    );
    accepted(await arming.setArmingAction({ site_id: siteId, security_type: other }));
    expect(await landed).toBe("fresh");
    const row = await world.prisma.mirrorArming.findUniqueOrThrow({
      where: { dealerLinkId_siteId: { dealerLinkId: world.linkId, siteId } },
    });
    expect(row.securityType).toBe(other);
  });

  it("devices: a bulk edit stays and is not flagged as changed in CHeKT", async () => {
    const siteId = await mirroredSite();
    const [cam] = await devicesOf(siteId);
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}/devices`), () =>
      pull.pullDevices(scope(), siteId),
    );
    await runJob(siteId, "update", [
      { kind: "update", deviceId: cam!.chektId, device: { external_device_id: cam!.externalId, name: "Edited cam" } },
    ]);
    expect(await landed).toBe("fresh");
    expect((await devicesOf(siteId))[0]).toMatchObject({ name: "Edited cam", changedAt: null, goneAt: null });
  });
});

describe("mirror: a read CHeKT answered before our own delete lands after it", () => {
  it("a deleted device stays deleted", async () => {
    const siteId = await mirroredSite();
    const [cam, kept] = await devicesOf(siteId);
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}/devices`), () =>
      pull.pullDevices(scope(), siteId),
    );
    await runJob(siteId, "delete", [{ kind: "delete", deviceId: cam!.chektId, externalDeviceId: cam!.externalId }]);
    expect(await landed).toBe("fresh");
    expect((await devicesOf(siteId)).map((d) => d.chektId)).toEqual([kept!.chektId]);
  });

  it("a deleted contact stays deleted", async () => {
    const siteId = await mirroredSite();
    const [ada, kept] = await contactsOf(siteId);
    const { landed } = await answeredNotLanded(partner(`/sites/${siteId}/contacts`), () =>
      pull.pullContacts(scope(), siteId),
    );
    accepted(await contacts.deleteContactAction({ site_id: siteId, contact_id: ada!.chektId }));
    expect(await landed).toBe("fresh");
    expect((await contactsOf(siteId)).map((c) => c.chektId)).toEqual([kept!.chektId]);
  });

  it("a deleted site stays deleted with its contacts, devices and arming, whichever was being read", async () => {
    const siteId = await mirroredSite();
    const reads = await Promise.all([
      answeredNotLanded(partner(`/sites/${siteId}`), () => pull.pullSite(scope(), siteId)),
      answeredNotLanded(partner(`/sites/${siteId}/contacts`), () => pull.pullContacts(scope(), siteId)),
      answeredNotLanded(partner(`/sites/${siteId}/devices`), () => pull.pullDevices(scope(), siteId)),
      answeredNotLanded(partner(`/sites/${siteId}/arming-settings`), () => pull.pullArming(scope(), siteId)),
    ]);
    accepted(await sites.deleteSiteAction({ site_id: siteId }));
    expect(await Promise.all(reads.map((r) => r.landed))).toEqual(["fresh", "fresh", "fresh", "fresh"]);
    expect(await world.prisma.mirrorSite.findUnique({ where: key(siteId) })).toBeNull();
    expect(await contactsOf(siteId)).toEqual([]);
    expect(await devicesOf(siteId)).toEqual([]);
    expect(await world.prisma.mirrorArming.count({ where: { dealerLinkId: world.linkId, siteId } })).toBe(0);
  });
});
