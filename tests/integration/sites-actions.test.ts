// Every sites/stations/contacts/arming/dealer action against real Postgres and the real simulator
// over HTTP: its audit row (with the trace id) and its external-ID mapping, written together; a
// duplicate external ID refused before CHeKT is called; nothing written locally when CHeKT refuses.
// Only the session source, the request cookies and Next's cache invalidation are stand-ins.
import "../support/console-mocks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { session } from "../support/session";
import { cookieJar as jar } from "../support/next-headers";
import { actAsDealer, ADMIN, OPERATOR, VIEWER } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, contactInput, siteInput, stationInput } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";
import { connectDealerLink } from "../support/dealer-links";
import { freshDealer } from "../support/fresh-dealer";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Members of the dealer with their role; the admin is the organisation owner (connects and disconnects dealers).
const MEMBERS = [OPERATOR, VIEWER, { ...ADMIN, owner: true }];
const world = simFile("chekt_sites_it", { members: MEMBERS, user: OPERATOR });
let sites: typeof import("@/actions/sites");
let stations: typeof import("@/actions/stations");
let contacts: typeof import("@/actions/contacts");
let arming: typeof import("@/actions/arming");
let dealer: typeof import("@/actions/dealer");

const sitesOfDealer1 = () => [...world.sim.state.sites.values()].filter((s) => s.dealer_id === 1);
const auditRows = testAuditRows(world);

// The callback test's first sync starts this process's pg-boss: stopped before the file's database is dropped
// (this afterAll runs before simFile's), or its next poll fails on a database that is gone.
afterAll(async () => (await import("@/lib/background")).stopBackgroundWork());

// Every test starts on Acme; the dealer tests move the cookie to dealers of their own.
beforeEach(() => {
  jar.set("dealer_link", world.linkId);
});

let depots = 0;
/** A site of the test's own, "IT Depot" at 1 Main on station 1, created through the action. */
async function createDepot(): Promise<number> {
  const input = siteInput({ external_site_id: `it-depot-${++depots}`, name: "IT Depot", timezone: "America/Chicago" });
  return accepted(await sites.createSiteAction({ ...input, monitoring_station_id: "1", address1: "1 Main" })).site_id;
}

/** The update test's step: the depot becomes "IT Depot North" without an address, under `external_site_id`. */
const moveDepot = (siteId: number, external_site_id: string) =>
  sites.updateSiteAction({ site_id: siteId, name: "IT Depot North", address1: "", external_site_id });

beforeAll(async () => {
  sites = await import("@/actions/sites");
  stations = await import("@/actions/stations");
  contacts = await import("@/actions/contacts");
  arming = await import("@/actions/arming");
  dealer = await import("@/actions/dealer");
});

describe("sites", () => {
  it("create: CHeKT creates it, then the mapping and the audit row are written with the trace id", async () => {
    const input = siteInput({ external_site_id: "it-site-1", name: "IT Depot", timezone: "America/Chicago" });
    const siteId = accepted(
      await sites.createSiteAction({ ...input, monitoring_station_id: "1", address1: "1 Main" }),
    ).site_id;
    expect(world.sim.state.sites.get(siteId)).toMatchObject({
      name: "IT Depot",
      external_site_id: "it-site-1",
      monitoring_station_id: 1,
      account_number: null,
      is_activated: 0,
    });
    const mapping = await world.prisma.externalIdMapping.findFirst({
      where: { dealerLinkId: world.linkId, kind: "site", chektId: String(siteId) },
    });
    expect(mapping?.externalId).toBe("it-site-1");
    const [audit] = await auditRows("sites.create");
    expect(audit).toMatchObject({
      outcome: "success",
      objectKind: "site",
      chektId: String(siteId),
      externalId: "it-site-1",
      dealerLinkId: world.linkId,
      userEmail: OPERATOR.email,
    });
    expect(audit!.traceId).toMatch(UUID);
    expect(audit!.after).toMatchObject({ name: "IT Depot" });
  });

  it("create with an external ID this dealer already uses is refused before CHeKT is called", async () => {
    const used = world.sim.state.sites.get(await createDepot())!.external_site_id;
    const before = sitesOfDealer1().length;
    const r = await sites.createSiteAction({ external_site_id: used, name: "Twin", timezone: "UTC" });
    expect(r?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { external_site_id: expect.stringMatching(/Already used by site/) },
    });
    expect(r?.serverError?.message).toMatch(/Nothing was sent to CHeKT/);
    expect(sitesOfDealer1()).toHaveLength(before);
    const failures = (await auditRows("sites.create")).filter((a) => a.outcome === "failure");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.traceId).toMatch(UUID);
    expect(failures[0]!.error).toMatch(new RegExp(`^conflict: Another site already uses the ID "${used}"`));
  });

  it("when CHeKT refuses (400), only the failure row is written and the field message comes back", async () => {
    const mappings = await world.prisma.externalIdMapping.count();
    const r = await sites.createSiteAction({
      external_site_id: "it-site-bad",
      name: "Bad",
      timezone: "UTC",
      monitoring_station_id: "999999",
    });
    expect(r?.serverError).toMatchObject({
      code: "validation_failed",
      fieldErrors: { monitoring_station_id: expect.stringMatching(/not a monitoring station of this dealer/) },
    });
    expect(r?.serverError?.traceId).toMatch(UUID);
    expect(await world.prisma.externalIdMapping.count()).toBe(mappings);
    expect((await auditRows("sites.create")).filter((a) => a.outcome === "success")).toHaveLength(0);
    expect(sitesOfDealer1().some((s) => s.external_site_id === "it-site-bad")).toBe(false);
    const failure = (await auditRows("sites.create")).filter((a) => a.outcome === "failure").at(-1);
    expect(failure!.error).toMatch(/^validation_failed: /);
    expect(failure!.traceId).toBe(r?.serverError?.traceId);
  });

  it("bad input never reaches CHeKT and names the field", async () => {
    const before = sitesOfDealer1().length;
    const r = await sites.createSiteAction({ external_site_id: "x y", name: "", timezone: "Mars/Base" });
    expect(r?.validationErrors?.fieldErrors).toMatchObject({
      external_site_id: [expect.any(String)],
      name: ["Name is required"],
      timezone: [expect.stringMatching(/time zone/)],
    });
    expect(sitesOfDealer1()).toHaveLength(before);
  });

  it("update sends only the changes, clears emptied fields, moves the mapping, and keeps before/after", async () => {
    const siteId = await createDepot();
    const r = await moveDepot(siteId, "it-site-1b");
    expect(r?.serverError).toBeUndefined();
    expect(world.sim.state.sites.get(siteId)).toMatchObject({
      name: "IT Depot North",
      address1: null,
      timezone: "America/Chicago",
      external_site_id: "it-site-1b",
    });
    const mapping = await world.prisma.externalIdMapping.findFirst({
      where: { kind: "site", chektId: String(siteId) },
    });
    expect(mapping?.externalId).toBe("it-site-1b");
    const [audit] = await auditRows("sites.update");
    expect(audit).toMatchObject({ outcome: "success", externalId: "it-site-1b" });
    expect(audit!.before).toMatchObject({ name: "IT Depot", address1: "1 Main" });
    expect(audit!.after).toMatchObject({ name: "IT Depot North", address1: null });
  });

  it("an edit that changes nothing is refused without a call", async () => {
    const siteId = await createDepot();
    const r = await sites.updateSiteAction({ site_id: siteId });
    expect(r?.validationErrors?.formErrors?.[0]).toMatch(/Nothing has changed/);
  });

  it("activate and deactivate each leave an audit row", async () => {
    const siteId = await createDepot();
    expect((await sites.setSiteActivationAction({ site_id: siteId, is_activated: 1 }))?.data).toEqual({
      site_id: siteId,
      is_activated: 1,
    });
    expect(world.sim.state.sites.get(siteId)!.is_activated).toBe(1);
    expect((await sites.setSiteActivationAction({ site_id: siteId, is_activated: 0 }))?.data).toEqual({
      site_id: siteId,
      is_activated: 0,
    });
    expect((await auditRows("sites.activate"))[0]).toMatchObject({
      outcome: "success",
      chektId: String(siteId),
      after: { is_activated: 1 },
    });
    expect((await auditRows("sites.deactivate"))[0]).toMatchObject({ outcome: "success", after: { is_activated: 0 } });
  });

  it("a viewer is refused before CHeKT is called and leaves only the refusal row", async () => {
    session.user = VIEWER;
    const before = sitesOfDealer1().length;
    const r = await sites.createSiteAction({ external_site_id: "it-viewer", name: "Viewer", timezone: "UTC" });
    expect(r?.serverError).toMatchObject({ code: "forbidden" });
    expect(sitesOfDealer1()).toHaveLength(before);
    expect((await auditRows("sites.create")).at(-1)).toMatchObject({ outcome: "refused", userEmail: VIEWER.email });
  });

  describe("contacts of the site", () => {
    let siteId: number;
    beforeEach(async () => {
      siteId = await createDepot();
    });
    /** Ana Lee with a typed phone and email, under `external_contact_id` (unique in the dealer). */
    const createAna = async (external_contact_id: string) => {
      const typed = { external_contact_id, first_name: "Ana", last_name: "Lee" };
      const input = contactInput(siteId, { ...typed, phone_number: "(212) 555-0143", email: "Ana@Example.com" });
      return accepted(await contacts.createContactAction(input)).contact_id;
    };

    it("create normalises the phone and maps the contact under its site", async () => {
      const contactId = await createAna("it-c-1");
      expect(world.sim.state.contacts.get(contactId)).toMatchObject({
        phone_number: "+12125550143",
        email: "ana@example.com",
      });
      expect(
        await world.prisma.externalIdMapping.findFirst({ where: { kind: "contact", chektId: String(contactId) } }),
      ).toMatchObject({ externalId: "it-c-1", parentChektId: String(siteId) });
      expect((await auditRows("contacts.create"))[0]).toMatchObject({ outcome: "success", chektId: String(contactId) });
    });
    it("a bad email is refused before CHeKT", async () => {
      const input = contactInput(siteId, { external_contact_id: "it-c-2", first_name: "B", last_name: "C" });
      const r = await contacts.createContactAction({ ...input, email: "b@" });
      expect(r?.validationErrors?.fieldErrors?.email?.[0]).toMatch(/not a valid email/);
    });
    it("update and delete keep the mapping and audit in step", async () => {
      const contactId = await createAna("it-c-3");
      expect(
        (
          await contacts.updateContactAction({
            site_id: siteId,
            contact_id: contactId,
            last_name: "Park",
            phone_number: "",
          })
        )?.serverError,
      ).toBeUndefined();
      expect(world.sim.state.contacts.get(contactId)).toMatchObject({ last_name: "Park", phone_number: null });
      expect((await auditRows("contacts.update"))[0]!.before).toMatchObject({ last_name: "Lee" });
      expect(
        (await contacts.deleteContactAction({ site_id: siteId, contact_id: contactId }))?.serverError,
      ).toBeUndefined();
      expect(world.sim.state.contacts.has(contactId)).toBe(false);
      expect(
        await world.prisma.externalIdMapping.count({ where: { kind: "contact", chektId: String(contactId) } }),
      ).toBe(0);
      expect((await auditRows("contacts.delete"))[0]).toMatchObject({ outcome: "success", externalId: "it-c-3" });
    });
  });

  it("two people creating one contact ID at once (two sites): one wins, the other refused before CHeKT", async () => {
    const siteId = await createDepot();
    const otherId = accepted(
      await sites.createSiteAction(siteInput({ external_site_id: "it-site-race", name: "Race", timezone: "UTC" })),
    ).site_id;
    const before = world.sim.state.contacts.size;
    // CHeKT only keeps contact IDs unique per site, so only our lock stops the second copy.
    const copy = (site: number, name: string) =>
      contacts.createContactAction(
        contactInput(site, { external_contact_id: "it-c-race", first_name: name, last_name: name }),
      );
    const [a, b] = await Promise.all([copy(siteId, "A"), copy(otherId, "B")]);
    const results = [a, b];
    expect(results.filter((r) => r?.data)).toHaveLength(1);
    expect(results.filter((r) => r?.serverError?.code === "conflict")).toHaveLength(1);
    expect(world.sim.state.contacts.size).toBe(before + 1);
    expect(await world.prisma.externalIdMapping.count({ where: { kind: "contact", externalId: "it-c-race" } })).toBe(1);
    await sites.deleteSiteAction({ site_id: otherId });
  });

  it("arming: the switch is audited with the type before and after", async () => {
    const siteId = await createDepot();
    const r = await arming.setArmingAction({ site_id: siteId, security_type: 1 });
    expect(r?.data).toEqual({ site_id: siteId, security_type: 1 });
    const [audit] = await auditRows("arming.update");
    expect(audit!.before).toMatchObject({ security_type: 3 });
    expect(audit!.after).toMatchObject({ security_type: 1 });
    const refused = await arming.setArmingAction({ site_id: siteId, security_type: 7 });
    expect(refused?.validationErrors?.fieldErrors).toMatchObject({ security_type: [expect.any(String)] });
    // Refused before CHeKT: the site keeps the mode just set.
    expect(world.sim.state.sites.get(siteId)?.security_type).toBe(1);
  });

  it("delete removes the site in CHeKT, then its and its children's mappings, and keeps what it was", async () => {
    const siteId = await createDepot();
    expect((await moveDepot(siteId, "it-site-9b"))?.serverError).toBeUndefined();
    const child = contactInput(siteId, { external_contact_id: "it-c-9", first_name: "Z", last_name: "Z" });
    accepted(await contacts.createContactAction(child));
    const r = await sites.deleteSiteAction({ site_id: siteId });
    expect(r?.data).toEqual({ site_id: siteId, name: "IT Depot North" });
    expect(world.sim.state.sites.has(siteId)).toBe(false);
    expect(
      await world.prisma.externalIdMapping.count({
        where: { OR: [{ kind: "site", chektId: String(siteId) }, { parentChektId: String(siteId) }] },
      }),
    ).toBe(0);
    expect((await auditRows("sites.delete")).find((a) => a.chektId === String(siteId))).toMatchObject({
      outcome: "success",
      externalId: "it-site-9b",
      before: expect.objectContaining({ name: "IT Depot North" }),
    });
    // Deleting again: CHeKT says 404 and nothing local changes.
    const local = async () => ({
      mirror: await world.prisma.mirrorSite.findUnique({
        where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: siteId } },
      }),
      mappings: await world.prisma.externalIdMapping.count({
        where: { OR: [{ kind: "site", chektId: String(siteId) }, { parentChektId: String(siteId) }] },
      }),
      deleted: (await auditRows("sites.delete")).filter((a) => a.outcome === "success").length,
    });
    const before = await local();
    const again = await sites.deleteSiteAction({ site_id: siteId });
    expect(again?.serverError).toMatchObject({ code: "not_found" });
    expect(await local()).toEqual(before);
    expect(before).toMatchObject({ mappings: 0, deleted: 1 });
  });
});

describe("monitoring stations", () => {
  it("create, update, delete: mapping and audit each time; duplicates refused before CHeKT", async () => {
    const input = stationInput({ external_monitoring_station_id: "it-ms-1", name: "IT Station", prefix: "IT" });
    const id = accepted(await stations.createStationAction(input)).monitoring_station_id;
    expect(world.sim.state.stations.get(id)).toMatchObject({ name: "IT Station", prefix: "IT", linecard: null });
    expect(
      await world.prisma.externalIdMapping.findFirst({ where: { kind: "monitoring_station", chektId: String(id) } }),
    ).toMatchObject({ externalId: "it-ms-1" });

    const count = world.sim.state.stations.size;
    const dup = await stations.createStationAction({ external_monitoring_station_id: "it-ms-1", name: "Twin" });
    expect(dup?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { external_monitoring_station_id: expect.any(String) },
    });
    expect(world.sim.state.stations.size).toBe(count);

    expect(
      (await stations.updateStationAction({ monitoring_station_id: id, linecard: "LC-7" }))?.serverError,
    ).toBeUndefined();
    expect(world.sim.state.stations.get(id)!.linecard).toBe("LC-7");
    expect((await auditRows("stations.update"))[0]).toMatchObject({
      outcome: "success",
      before: expect.objectContaining({ linecard: null }),
      after: expect.objectContaining({ linecard: "LC-7" }),
    });

    expect((await stations.deleteStationAction({ monitoring_station_id: id }))?.serverError).toBeUndefined();
    expect(world.sim.state.stations.has(id)).toBe(false);
    expect(
      await world.prisma.externalIdMapping.count({ where: { kind: "monitoring_station", chektId: String(id) } }),
    ).toBe(0);
    expect((await auditRows("stations.delete"))[0]).toMatchObject({ outcome: "success", externalId: "it-ms-1" });
  });
});

/**
 * A CHeKT dealer of the test's own named `name`, connected on both sides, `members` its members, and the request's
 * current dealer: a test that renames or disconnects a dealer does it to this one, not to Acme.
 */
async function ownDealer(name: string, members: Parameters<typeof actAsDealer>[1] = MEMBERS) {
  const { seed } = await freshDealer(world.sim.url, name);
  return { chektDealerId: seed.chektDealerId, linkId: await actAsDealer(world.prisma, members, seed) };
}

describe("dealer", () => {
  it("an operator cannot edit the dealer profile; an admin can, and the link's name follows", async () => {
    const own = await ownDealer("Acme Security");
    expect((await dealer.updateDealerAction({ company_name: "Nope" }))?.serverError).toMatchObject({
      code: "forbidden",
    });
    session.user = ADMIN;
    const r = await dealer.updateDealerAction({
      company_name: "Acme Security Group",
      company_phone_number: "617 555 0100",
    });
    expect(r?.serverError).toBeUndefined();
    expect(world.sim.state.dealers.get(own.chektDealerId)).toMatchObject({
      company_name: "Acme Security Group",
      company_phone_number: "+16175550100",
    });
    expect((await world.prisma.dealerLink.findUnique({ where: { id: own.linkId } }))!.companyName).toBe(
      "Acme Security Group",
    );
    expect((await auditRows("dealer.update")).map((a) => a.outcome)).toEqual(["refused", "success"]);
    expect((await auditRows("dealer.update"))[1]).toMatchObject({
      outcome: "success",
      before: expect.objectContaining({ company_name: "Acme Security" }),
    });
  });

  it("connect start refuses a dealer ID in use, else sends the admin to CHeKT with PKCE and state", async () => {
    session.user = ADMIN;
    const taken = await dealer.startDealerConnectAction({ external_dealer_id: "acme-security", company_name: "X" });
    expect(taken?.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { external_dealer_id: expect.any(String) },
    });
    // An ID no test connects (the callback test connects coastal-guard).
    const r = await dealer.startDealerConnectAction({
      external_dealer_id: "harbour-watch",
      company_name: "Harbour Watch",
    });
    const url = new URL(r!.data!.url);
    expect(url.origin + url.pathname).toBe(`${world.sim.url}/oauth/authorize`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(jar.get("chekt_connect")).toMatch(/^v1\./); // sealed, not readable JSON
    expect(jar.get("chekt_connect")).not.toContain(url.searchParams.get("state")!);
  });

  it("the callback checks state, exchanges the code with the verifier, connects and stores the link", async () => {
    session.user = ADMIN;
    const { GET } = await import("@/app/api/dealers/callback/route");
    const { NextRequest } = await import("next/server");
    const start = await dealer.startDealerConnectAction({
      external_dealer_id: "coastal-guard",
      company_name: "Coastal Guard",
    });
    const authorize = new URL(start!.data!.url);

    // A forged or stale state is refused and connects nothing.
    const forged = await GET(
      new NextRequest(`${process.env.APP_URL}/api/dealers/callback?code=x&state=forged-state-0123456789abcdef`),
    );
    expect(forged.headers.get("location")).toMatch(/\/dealer\?connect=state/);
    expect(await world.prisma.dealerLink.count({ where: { chektDealerId: 3 } })).toBe(0);

    // The dealer's admin approves on CHeKT's page (the form the browser would post).
    const restart = await dealer.startDealerConnectAction({
      external_dealer_id: "coastal-guard",
      company_name: "Coastal Guard",
    });
    const approveUrl = new URL(restart!.data!.url);
    const form = new URLSearchParams(Object.fromEntries(approveUrl.searchParams));
    form.set("email", "admin@coastal.example");
    form.set("password", "chekt-demo");
    form.set("decision", "approve");
    const approved = await fetch(`${world.sim.url}/oauth/authorize`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    const back = new URL(approved.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe(approveUrl.searchParams.get("state"));
    expect(authorize.searchParams.get("state")).not.toBe(approveUrl.searchParams.get("state"));

    const res = await GET(new NextRequest(back.toString()));
    expect(res.headers.get("location")).toMatch(/\/dealer\?connect=connected&dealer=3/);
    const link = await world.prisma.dealerLink.findUnique({ where: { chektDealerId: 3 } });
    expect(link).toMatchObject({
      externalDealerId: "coastal-guard",
      companyName: "Coastal Guard",
      disconnectedAt: null,
    });
    expect(await world.prisma.externalIdMapping.findFirst({ where: { kind: "dealer", chektId: "3" } })).toMatchObject({
      externalId: "coastal-guard",
      dealerLinkId: link!.id,
    });
    expect((await auditRows("dealer.connect")).at(-1)).toMatchObject({
      outcome: "success",
      chektId: "3",
      dealerLinkId: link!.id,
      traceId: expect.stringMatching(UUID),
    });
    // CHeKT's side of the connection: dealer 3 now carries our external id for it.
    expect(Object.values(world.sim.state.dealers.get(3)?.links ?? {})).toContain("coastal-guard");
    // The code is single use: replaying the same callback connects nothing twice.
    const replay = await GET(new NextRequest(back.toString()));
    expect(replay.headers.get("location")).toMatch(/connect=(state|failed)/);
    jar.set("dealer_link", world.linkId);
  });

  it("disconnect needs the dealer's name, keeps the link as history and makes CHeKT refuse it", async () => {
    // An operator of this dealer only: with it disconnected, they have no dealer left (OPERATOR still has Acme).
    const operator = { ...OPERATOR, id: "u-op-own", email: "op-own@example.com" };
    // A second dealer still connected, as the one the callback test connects: the owner's to fall back to.
    const coastal = await connectDealerLink(world.prisma, (await freshDealer(world.sim.url, "Coastal Guard")).seed);
    const own = await ownDealer("Acme Security Group", [operator, { ...ADMIN, owner: true }]);
    session.user = ADMIN;
    const linksBefore = { ...world.sim.state.dealers.get(own.chektDealerId)?.links };
    expect(Object.keys(linksBefore)).not.toHaveLength(0);
    const wrong = await dealer.disconnectDealerAction({ confirm_name: "Acme" });
    expect(wrong?.serverError).toMatchObject({ code: "invalid_input" });
    // A refused confirmation leaves CHeKT's side connected.
    expect(world.sim.state.dealers.get(own.chektDealerId)?.links).toEqual(linksBefore);
    const r = await dealer.disconnectDealerAction({ confirm_name: "Acme Security Group" });
    expect(r?.serverError).toBeUndefined();
    expect(Object.keys(world.sim.state.dealers.get(own.chektDealerId)?.links ?? {})).toHaveLength(
      Object.keys(linksBefore).length - 1,
    );
    const link = await world.prisma.dealerLink.findUnique({ where: { id: own.linkId } });
    expect(link!.disconnectedAt).toBeInstanceOf(Date);
    expect((await auditRows("dealer.disconnect")).find((a) => a.outcome === "success")).toMatchObject({
      chektId: String(own.chektDealerId),
      dealerLinkId: own.linkId,
    });
    // The console falls back to a dealer still connected (Coastal Guard); disconnect it too, and with
    // no connected dealer left to the operator every dealer-scoped action says so and calls nothing.
    jar.set("dealer_link", coastal);
    expect((await dealer.disconnectDealerAction({ confirm_name: "Coastal Guard" }))?.serverError).toBeUndefined();
    session.user = operator;
    const after = await sites.createSiteAction({ external_site_id: "it-after", name: "After", timezone: "UTC" });
    expect(after?.serverError).toMatchObject({ code: "no_dealer" });
  });
});

describe("when CHeKT no longer reaches the dealer", () => {
  it("a 403 says the dealer link is missing and what to do, and nothing is written", async () => {
    // A dealer of its own, disconnected (as the disconnect test does it)...
    const own = await ownDealer("Gone Dealer");
    session.user = ADMIN;
    expect((await dealer.disconnectDealerAction({ confirm_name: "Gone Dealer" }))?.serverError).toBeUndefined();
    // ...and our link says connected again, but CHeKT dropped the partner's reach.
    await world.prisma.dealerLink.update({
      where: { id: own.linkId },
      data: { connectedAt: new Date(), disconnectedAt: null },
    });
    jar.set("dealer_link", own.linkId);
    session.user = OPERATOR;
    const mappings = await world.prisma.externalIdMapping.count();
    const r = await stations.createStationAction({ external_monitoring_station_id: "it-ms-403", name: "Unreachable" });
    expect(r?.serverError).toMatchObject({ code: "permission_denied" });
    expect(r?.serverError?.message).toMatch(
      /no longer be connected to our partner account.*reconnect it on the Dealer page\. Nothing was saved/,
    );
    expect(await world.prisma.externalIdMapping.count()).toBe(mappings);
    expect((await auditRows("stations.create")).at(-1)).toMatchObject({
      outcome: "failure",
      error: expect.stringMatching(/^permission_denied: /),
    });
  });
});
