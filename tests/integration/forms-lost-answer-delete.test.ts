// A delete whose answer was lost, sent again (the delete side of forms-lost-answer.test.ts). The
// simulator deletes the object, then drops the connection before the answer (every retry too), so
// the action fails with nothing written here. The user deletes again: CHeKT answers 404 (to the
// pre-read or to the delete), and since this dealer's mirror or mapping holds that id, the delete
// finishes here — mapping and mirror row gone, a success audit row saying CHeKT had already
// deleted it. A 404 for an id this dealer does not hold (another dealer's, or one of ours asked
// for under another site) stays CHeKT's refusal and changes nothing here.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { clearSimFaults, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, contactInput, siteInput, stationInput } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";
import { connectDealerLink, NORTHWIND } from "../support/dealer-links";
import type { Prisma } from "@/lib/generated/prisma/client";

const world = simFile("chekt_forms_lost_delete_it", { members: [OPERATOR], user: OPERATOR, faults: true });
let sites: typeof import("@/actions/sites");
let stations: typeof import("@/actions/stations");
let contacts: typeof import("@/actions/contacts");

const auditRows = testAuditRows(world);
const GONE = { already_deleted_in_chekt: true };

beforeAll(async () => {
  sites = await import("@/actions/sites");
  stations = await import("@/actions/stations");
  contacts = await import("@/actions/contacts");
});

/** Every answer to a DELETE on `path` (first try and each retry) is lost after CHeKT applied it. */
const loseDeletes = (path: string) => world.fault({ path, method: "DELETE", drop_rate: 1, when: "after", count: 20 });

const site = (ext: string) =>
  siteInput({ external_site_id: ext, name: `Depot ${ext}`, timezone: "UTC", address1: "1 Quay St" });
const mappings = (where: Prisma.ExternalIdMappingWhereInput) =>
  world.prisma.externalIdMapping.count({ where: { dealerLinkId: world.linkId, ...where } });

describe("a delete whose answer was lost, sent again", () => {
  it("site: the retry's 404 finishes it here — its and its contacts' mappings and mirror rows go", async () => {
    const { site_id } = accepted(await sites.createSiteAction(site("lost-del-1")));
    accepted(
      await contacts.createContactAction(
        contactInput(site_id, { external_contact_id: "lost-del-1c", first_name: "Cy", last_name: "Moss" }),
      ),
    );

    await loseDeletes("/partner/v1/dealers/*/sites/*");
    const first = await sites.deleteSiteAction({ site_id });
    expect(first?.serverError?.message).toMatch(/may or may not have been saved/);
    await clearSimFaults(world.sim.url);
    expect(world.sim.state.sites.has(site_id)).toBe(false);
    expect(await mappings({ kind: "site", chektId: String(site_id) })).toBe(1);

    const again = await sites.deleteSiteAction({ site_id });
    expect(again?.serverError).toBeUndefined();
    expect(again?.data).toEqual({ site_id, name: "Depot lost-del-1" });
    expect(await mappings({ chektId: String(site_id), kind: "site" })).toBe(0);
    expect(await mappings({ parentChektId: String(site_id) })).toBe(0);
    const where = { dealerLinkId: world.linkId };
    expect(await world.prisma.mirrorSite.count({ where: { ...where, chektId: site_id } })).toBe(0);
    expect(await world.prisma.mirrorContact.count({ where: { ...where, siteId: site_id } })).toBe(0);
    const rows = await auditRows("sites.delete");
    expect(rows.map((r) => r.outcome)).toEqual(["failure", "success"]);
    expect(rows[1]).toMatchObject({ chektId: String(site_id), externalId: "lost-del-1", after: GONE });
    expect(rows[1]!.before).toMatchObject({ name: "Depot lost-del-1", external_site_id: "lost-del-1" });
    // The external ID is free again: no admin has to forget it on /drift.
    accepted(await sites.createSiteAction(site("lost-del-1")));
  });

  it("station: the same", async () => {
    const st = stationInput({ external_monitoring_station_id: "lost-del-st", name: "Night Desk" });
    const { monitoring_station_id: id } = accepted(await stations.createStationAction(st));
    await loseDeletes("/partner/v1/dealers/*/monitoring-stations/*");
    expect((await stations.deleteStationAction({ monitoring_station_id: id }))?.serverError?.message).toMatch(
      /may or may not have been saved/,
    );
    await clearSimFaults(world.sim.url);
    expect(world.sim.state.stations.has(id)).toBe(false);

    const again = await stations.deleteStationAction({ monitoring_station_id: id });
    expect(again?.data).toEqual({ monitoring_station_id: id, name: "Night Desk" });
    expect(await mappings({ kind: "monitoring_station", chektId: String(id) })).toBe(0);
    expect(await world.prisma.mirrorStation.count({ where: { dealerLinkId: world.linkId, chektId: id } })).toBe(0);
    const rows = await auditRows("stations.delete");
    expect(rows.map((r) => r.outcome)).toEqual(["failure", "success"]);
    expect(rows[1]).toMatchObject({ externalId: "lost-del-st", after: GONE });
  });

  it("contact: the same, the 404 coming from the delete itself (its 'before' is the mirror's)", async () => {
    const { site_id } = accepted(await sites.createSiteAction(site("lost-del-3")));
    const typed = { external_contact_id: "lost-del-ct", first_name: "Ada", last_name: "Lane" };
    const { contact_id } = accepted(await contacts.createContactAction(contactInput(site_id, typed)));
    await loseDeletes("/partner/v1/dealers/*/sites/*/contacts/*");
    expect((await contacts.deleteContactAction({ site_id, contact_id }))?.serverError?.message).toMatch(
      /may or may not have been saved/,
    );
    await clearSimFaults(world.sim.url);
    expect(world.sim.state.contacts.has(contact_id)).toBe(false);

    expect(accepted(await contacts.deleteContactAction({ site_id, contact_id }))).toEqual({ contact_id, site_id });
    expect(await mappings({ kind: "contact", chektId: String(contact_id) })).toBe(0);
    expect(await world.prisma.mirrorContact.count({ where: { dealerLinkId: world.linkId, chektId: contact_id } })).toBe(
      0,
    );
    const rows = await auditRows("contacts.delete");
    expect(rows.map((r) => r.outcome)).toEqual(["failure", "success"]);
    expect(rows[1]).toMatchObject({ externalId: "lost-del-ct", after: GONE });
    expect(rows[1]!.before).toMatchObject({ first_name: "Ada" });
  });
});

describe("a 404 for an id this dealer does not hold stays a refusal", () => {
  it("another dealer's site, even one their link maps and mirrors here: nothing of theirs changes", async () => {
    const theirs = [...world.sim.state.sites.values()].find((s) => s.dealer_id === 2)!;
    const other = await connectDealerLink(world.prisma, NORTHWIND);
    const id = theirs.site_id;
    await world.prisma.externalIdMapping.create({
      data: { dealerLinkId: other, kind: "site", chektId: String(id), externalId: theirs.external_site_id },
    });
    const { mirrorSite } = await import("@/lib/mirror/write");
    await world.prisma.$transaction((tx) => mirrorSite(tx, other, theirs, { how: "read" }));

    const r = await sites.deleteSiteAction({ site_id: id });
    expect(r?.serverError?.code).toBe("not_found");
    expect(world.sim.state.sites.has(id)).toBe(true);
    expect(await world.prisma.externalIdMapping.count({ where: { dealerLinkId: other } })).toBe(1);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: other, chektId: id } })).toBe(1);
    expect((await auditRows("sites.delete")).map((a) => a.outcome)).toEqual(["refused"]);
  });

  it("our contact named under another of our sites: CHeKT's 404 stands, the contact stays mapped, listed", async () => {
    const { site_id } = accepted(await sites.createSiteAction(site("lost-del-5")));
    const { site_id: elsewhere } = accepted(await sites.createSiteAction(site("lost-del-6")));
    const typed = { external_contact_id: "lost-del-ct5", first_name: "Bo", last_name: "Reed" };
    const { contact_id } = accepted(await contacts.createContactAction(contactInput(site_id, typed)));

    const r = await contacts.deleteContactAction({ site_id: elsewhere, contact_id });
    expect(r?.serverError?.code).toBe("not_found");
    expect(world.sim.state.contacts.has(contact_id)).toBe(true);
    expect(await mappings({ kind: "contact", chektId: String(contact_id) })).toBe(1);
    const row = await world.prisma.mirrorContact.findUnique({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: contact_id } },
    });
    expect(row).toMatchObject({ siteId: site_id, goneAt: null });
    expect((await auditRows("contacts.delete")).filter((a) => a.outcome === "success")).toEqual([]);
  });
});
