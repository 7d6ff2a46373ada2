// "Already exists with the same data" after a lost answer is the first attempt, not a refusal
// (issue 15, point 4). The simulator creates the site, then drops the connection before the
// answer (every retry too), so the action fails with nothing written here; the user sends the
// same form again, CHeKT answers 409 for the external ID, and the action reads that site back:
// the same data → success with mapping, mirror and audit; other data → CHeKT's refusal, nothing written.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { clearSimFaults, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";

const world = simFile("chekt_forms_lost_it", { members: [OPERATOR], user: OPERATOR, faults: true });
let sites: typeof import("@/actions/sites");

const auditRows = testAuditRows(world);
const simSitesWith = (ext: string) => [...world.sim.state.sites.values()].filter((s) => s.external_site_id === ext);
// Each test sends its own external ID (`form(ext)`), so no test finds the site another one made.
const FORM = {
  name: "Harbour Depot",
  timezone: "Europe/London",
  monitoring_station_id: "1",
  account_number: "",
  address1: "1 Quay St",
  address2: "",
};

const form = (external_site_id: string) => ({ ...FORM, external_site_id });

beforeAll(async () => {
  sites = await import("@/actions/sites");
});

/** Every answer to a site create (first try and each retry with the same Idempotency-Key) is lost. */
const loseSiteCreates = () =>
  world.fault({
    path: "/partner/v1/dealers/*/sites",
    method: "POST",
    drop_rate: 1,
    when: "after",
    count: 20,
  });

/** The first attempt, as the first test checks it: CHeKT makes the site, the answer is lost. */
async function lostFirstAttempt(ext: string) {
  await loseSiteCreates();
  expect((await sites.createSiteAction(form(ext)))?.serverError?.message).toMatch(/may or may not have been saved/);
  await clearSimFaults(world.sim.url);
}

describe("a create whose answer was lost, sent again", () => {
  it("fails first with nothing written here, though CHeKT made the site", async () => {
    await loseSiteCreates();
    const r = await sites.createSiteAction(form("lost-1"));
    expect(r?.data).toBeUndefined();
    expect(r?.serverError?.message).toMatch(/may or may not have been saved/);
    expect(simSitesWith("lost-1")).toHaveLength(1);
    expect(
      await world.prisma.externalIdMapping.count({
        where: { dealerLinkId: world.linkId, kind: "site", externalId: "lost-1" },
      }),
    ).toBe(0);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: world.linkId, externalId: "lost-1" } })).toBe(
      0,
    );
    const rows = await auditRows("sites.create");
    expect(rows.map((a) => a.outcome)).toEqual(["failure"]);
  });

  it("with other data under the same ID: CHeKT's refusal stands and nothing is written", async () => {
    await lostFirstAttempt("lost-2");
    const r = await sites.createSiteAction({ ...form("lost-2"), name: "Someone Else's Depot" });
    expect(r?.data).toBeUndefined();
    expect(r?.serverError?.code).toBe("conflict");
    // The operator is told CHeKT already has this ID under another site, on the field and in words.
    const used = `external_site_id lost-2 is already used by site ${simSitesWith("lost-2")[0]!.site_id}`;
    expect(r?.serverError?.message).toBe(
      `CHeKT already has this (conflict or duplicate): ${used}. Use another ID or edit the existing one.`,
    );
    expect(r?.serverError?.fieldErrors).toEqual({ external_site_id: used });
    expect(simSitesWith("lost-2")).toHaveLength(1);
    expect(simSitesWith("lost-2")[0]!.name).toBe("Harbour Depot");
    expect(
      await world.prisma.externalIdMapping.count({
        where: { dealerLinkId: world.linkId, kind: "site", externalId: "lost-2" },
      }),
    ).toBe(0);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: world.linkId, externalId: "lost-2" } })).toBe(
      0,
    );
    expect((await auditRows("sites.create")).filter((a) => a.outcome === "success")).toHaveLength(0);
  });

  it("with the same data: success, with the site CHeKT made, and mapping, mirror and audit written once", async () => {
    await lostFirstAttempt("lost-3");
    const [made] = simSitesWith("lost-3");
    const r = await sites.createSiteAction(form("lost-3"));
    expect(r?.serverError).toBeUndefined();
    expect(r?.data).toEqual({ site_id: made!.site_id, name: "Harbour Depot" });
    expect(simSitesWith("lost-3")).toHaveLength(1);
    const mapping = await world.prisma.externalIdMapping.findFirst({
      where: { dealerLinkId: world.linkId, kind: "site", externalId: "lost-3" },
    });
    expect(mapping?.chektId).toBe(String(made!.site_id));
    const mirrored = await world.prisma.mirrorSite.findUnique({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: made!.site_id } },
    });
    expect(mirrored).toMatchObject({ externalId: "lost-3", name: "Harbour Depot" });
    const ok = (await auditRows("sites.create")).filter((a) => a.outcome === "success");
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({
      objectKind: "site",
      chektId: String(made!.site_id),
      externalId: "lost-3",
      dealerLinkId: world.linkId,
    });
    expect(ok[0]!.after).toMatchObject({ name: "Harbour Depot", recognised: true });
  });

  it("a third send is refused here, before CHeKT, as any duplicate of a mapped ID is", async () => {
    await lostFirstAttempt("lost-4");
    accepted(await sites.createSiteAction(form("lost-4")));
    const r = await sites.createSiteAction(form("lost-4"));
    expect(r?.serverError?.code).toBe("conflict");
    expect(r?.serverError?.message).toMatch(/Nothing was sent to CHeKT/);
  });
});

describe("stations and contacts recognise their lost first attempt the same way", () => {
  it("a station and a contact created, answers lost, sent again: success once each, mapped and audited", async () => {
    const stations = await import("@/actions/stations");
    const contacts = await import("@/actions/contacts");
    const station = { external_monitoring_station_id: "lost-st", name: "Night Desk", prefix: "", linecard: "" };
    // A site of the demo seed: the contact needs one, not a lost one.
    const siteId = [...world.sim.state.sites.values()].find((x) => x.dealer_id === 1)!.site_id;
    const contact = {
      site_id: siteId,
      external_contact_id: "lost-ct",
      first_name: "Ada",
      last_name: "Lane",
      phone_number: "(212) 555-0143",
      email: "",
    };

    await world.fault({
      path: "/partner/v1/dealers/*/monitoring-stations",
      method: "POST",
      drop_rate: 1,
      when: "after",
      count: 20,
    });
    await world.fault({
      path: "/partner/v1/dealers/*/sites/*/contacts",
      method: "POST",
      drop_rate: 1,
      when: "after",
      count: 20,
    });
    expect((await stations.createStationAction(station))?.serverError?.message).toMatch(
      /may or may not have been saved/,
    );
    expect((await contacts.createContactAction(contact))?.serverError?.message).toMatch(
      /may or may not have been saved/,
    );
    await clearSimFaults(world.sim.url);

    const s = await stations.createStationAction(station);
    const c = await contacts.createContactAction(contact);
    expect(s?.serverError).toBeUndefined();
    expect(c?.serverError).toBeUndefined();
    const simStations = [...world.sim.state.stations.values()].filter(
      (x) => x.external_monitoring_station_id === "lost-st",
    );
    const simContacts = [...world.sim.state.contacts.values()].filter((x) => x.external_contact_id === "lost-ct");
    expect(simStations).toHaveLength(1);
    expect(simContacts).toHaveLength(1);
    expect(s?.data?.monitoring_station_id).toBe(simStations[0]!.monitoring_station_id);
    expect(c?.data?.contact_id).toBe(simContacts[0]!.contact_id);
    for (const [action, ext] of [
      ["stations.create", "lost-st"],
      ["contacts.create", "lost-ct"],
    ] as const) {
      const rows = await auditRows(action);
      expect(rows.map((r) => r.outcome)).toEqual(["failure", "success"]);
      expect(rows[1]!.after).toMatchObject({ recognised: true });
      expect(
        await world.prisma.externalIdMapping.count({ where: { dealerLinkId: world.linkId, externalId: ext } }),
      ).toBe(1);
    }
  });
});
