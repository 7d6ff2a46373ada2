// Write-through (docs/mirror.md) against real Postgres and the real simulator: an accepted write of
// a site, a station or the dealer puts CHeKT's answer into the mirror with the mapping and the
// audit row; a refused write (CHeKT 400, or 5xx after the retries) leaves the mirror untouched and
// its message reaches the form; a delete forgets the row. The Refresh action is a read (no audit
// row) and a 404 there marks the row gone. Only the session source, cookies and Next's cache are stand-ins.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { session } from "../support/session";
import { ADMIN, clearSimStats, OPERATOR, simRouteCalls } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, siteInput, stationInput } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";
import { UNSURE_AFTER_500, auditSummary } from "../support/write-failure";

const world = simFile("chekt_mirror_wt", {
  members: [OPERATOR, { ...ADMIN, owner: true }],
  user: OPERATOR,
  faults: true,
});
const auditRows = testAuditRows(world);
let sites: typeof import("@/actions/sites");
let stations: typeof import("@/actions/stations");
let dealer: typeof import("@/actions/dealer");
let mirrorActions: typeof import("@/lib/mirror/actions");

const siteRow = (id: number) =>
  world.prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: id } } });

beforeAll(async () => {
  sites = await import("@/actions/sites");
  stations = await import("@/actions/stations");
  dealer = await import("@/actions/dealer");
  mirrorActions = await import("@/lib/mirror/actions");
});

let harbors = 0;
/** The IDs of the n-th harbor: a dealer's external site IDs, and a station's account numbers, are unique. */
const harborIds = (n: number) => ({ external_site_id: `wt-harbor-${n}`, account_number: `AC-77-${n}` });
/** A site of the test's own, "Harbor Depot" at 9 Dock Rd, created through the action (so mirrored). */
async function createHarbor(): Promise<number> {
  const input = siteInput({ ...harborIds(++harbors), name: "Harbor Depot", timezone: "America/Chicago" });
  const typed = { ...input, monitoring_station_id: "1", address1: "9 Dock Rd" };
  return accepted(await sites.createSiteAction(typed)).site_id;
}

/** The harbor renamed "Harbor Depot North", as the update test leaves it. */
async function northHarbor(): Promise<number> {
  const siteId = await createHarbor();
  expect((await sites.updateSiteAction({ site_id: siteId, name: "Harbor Depot North" }))?.serverError).toBeUndefined();
  return siteId;
}

describe("mirror write-through: sites", () => {
  it("create: the mirror row is CHeKT's answer, written with the mapping and the audit row", async () => {
    const siteId = await createHarbor();
    const row = await siteRow(siteId);
    expect(row).toMatchObject({
      name: "Harbor Depot",
      externalId: harborIds(harbors).external_site_id,
      accountNumber: harborIds(harbors).account_number,
      stationId: 1,
      isActivated: false,
      changedAt: null,
      goneAt: null,
    });
    expect(row!.searchText).toContain("9 dock rd");
    const audit = await world.prisma.auditLog.findFirst({ where: { action: "sites.create", chektId: String(siteId) } });
    // Same transaction: the audit row and the mirror row carry the same moment, give or take the commit.
    expect(Math.abs(audit!.at.getTime() - row!.confirmedAt.getTime())).toBeLessThan(5_000);
  });

  it("update: CHeKT's answer replaces the row; the audit 'before' comes from the mirror (one CHeKT call)", async () => {
    const siteId = await createHarbor();
    await clearSimStats(world.sim.url);
    const r = await sites.updateSiteAction({ site_id: siteId, name: "Harbor Depot North" });
    expect(r?.serverError).toBeUndefined();
    expect(await siteRow(siteId)).toMatchObject({ name: "Harbor Depot North", changedAt: null });
    expect(await simRouteCalls(world.sim.url, "GET", "/sites/:siteId")).toBe(0);
    const audit = await world.prisma.auditLog.findFirst({ where: { action: "sites.update", chektId: String(siteId) } });
    expect(audit!.before).toMatchObject({ name: "Harbor Depot" });
  });

  it("update of a site the mirror lacks: the 'before' is CHeKT's, read before the PUT is sent", async () => {
    const siteId = await northHarbor();
    await world.prisma.mirrorSite.delete({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: siteId } },
    });
    await clearSimStats(world.sim.url);
    // The PUT takes its budget token while the mirror is read; it must still go after the GET's
    // answer, or the GET would read the new name and the audit row would lose the old one.
    const r = await sites.updateSiteAction({ site_id: siteId, name: "Harbor Depot East" });
    expect(r?.serverError).toBeUndefined();
    const calls = (method: string) => simRouteCalls(world.sim.url, method, "/sites/:siteId");
    expect([await calls("GET"), await calls("PUT")]).toEqual([1, 1]);
    const audit = await world.prisma.auditLog.findFirst({
      where: { action: "sites.update", chektId: String(siteId) },
      orderBy: { at: "desc" },
    });
    expect(audit).toMatchObject({ before: { name: "Harbor Depot North" }, after: { name: "Harbor Depot East" } });
    // Written through again; the next update goes from that row as usual.
    expect(await siteRow(siteId)).toMatchObject({ name: "Harbor Depot East", goneAt: null });
    expect(
      (await sites.updateSiteAction({ site_id: siteId, name: "Harbor Depot North" }))?.serverError,
    ).toBeUndefined();
  });

  it("a CHeKT refusal (400) reaches the form and leaves the mirror untouched", async () => {
    const siteId = await northHarbor();
    const before = await siteRow(siteId);
    const r = await sites.updateSiteAction({
      site_id: siteId,
      name: "Should Not Land",
      monitoring_station_id: "999999",
    });
    expect(r?.serverError).toMatchObject({
      fieldErrors: { monitoring_station_id: expect.stringMatching(/monitoring station/i) },
    });
    const after = await siteRow(siteId);
    expect(after!.name).toBe(before!.name);
    expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());
    expect(world.sim.state.sites.get(siteId)!.name).toBe("Harbor Depot North");
  });

  it("5xx on every attempt: nothing local changes, the failure is audited", async () => {
    const siteId = await createHarbor();
    const before = await siteRow(siteId);
    await world.fault({
      path: `/partner/v1/dealers/1/sites/${siteId}/activation-status`,
      rate_5xx: 1,
      status_5xx: 500,
    });
    const r = await sites.setSiteActivationAction({ site_id: siteId, is_activated: 1 });
    expect(r?.serverError?.message).toBe(UNSURE_AFTER_500);
    expect(r?.serverError?.traceId).toEqual(expect.any(String));
    const after = await siteRow(siteId);
    expect(after!.isActivated).toBe(false);
    expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());
    expect(auditSummary(await auditRows("sites.activation"))).toEqual({
      outcomes: ["failure"],
      failureTraces: [r?.serverError?.traceId],
    });
  }, 60_000);

  it("activation: the accepted answer lands in the mirror", async () => {
    const siteId = await createHarbor();
    const r = await sites.setSiteActivationAction({ site_id: siteId, is_activated: 1 });
    expect(r?.serverError).toBeUndefined();
    expect((await siteRow(siteId))!.isActivated).toBe(true);
  });

  it("Refresh is a read: it re-reads the site, writes no audit row, and a 404 marks the row gone", async () => {
    const siteId = await createHarbor();
    world.sim.state.sites.get(siteId)!.address1 = "10 Dock Rd";
    const audits = await world.prisma.auditLog.count();
    const r = await mirrorActions.refreshMirrorAction({ targets: [{ kind: "site", chektId: siteId }] });
    expect(r?.serverError).toBeUndefined();
    expect(r?.data?.gone).toBe(false);
    expect((await siteRow(siteId))!.address1).toBe("10 Dock Rd");
    expect(await world.prisma.auditLog.count()).toBe(audits);

    // Deleted in CHeKT behind our back (another console): the refresh says so.
    const { deleteSite } = await import("@/lib/chekt/api/sites");
    await deleteSite({ dealerId: 1 }, siteId);
    const gone = await mirrorActions.refreshMirrorAction({ targets: [{ kind: "site", chektId: siteId }] });
    expect(gone?.data?.gone).toBe(true);
    expect((await siteRow(siteId))!.goneAt).toBeInstanceOf(Date);
  });

  it("Refresh refuses a malformed target before any CHeKT call", async () => {
    const r = await mirrorActions.refreshMirrorAction({ targets: [{ kind: "site" }] });
    expect(r?.validationErrors).toBeDefined();
  });

  it("delete: the row is forgotten with the mapping", async () => {
    const input = siteInput({ external_site_id: "wt-2", name: "Short Lived", timezone: "UTC" });
    const id = accepted(await sites.createSiteAction(input)).site_id;
    expect(await siteRow(id)).not.toBeNull();
    const r = await sites.deleteSiteAction({ site_id: id });
    expect(r?.serverError).toBeUndefined();
    expect(await siteRow(id)).toBeNull();
  });
});

describe("mirror write-through: stations and the dealer", () => {
  it("station create / update / delete keep the mirror in step; a refusal leaves it", async () => {
    const input = stationInput({ external_monitoring_station_id: "wt-cs", name: "Night Watch CS" });
    const id = accepted(await stations.createStationAction(input)).monitoring_station_id;
    const row = () =>
      world.prisma.mirrorStation.findUnique({
        where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: id } },
      });
    expect(await row()).toMatchObject({ name: "Night Watch CS", externalId: "wt-cs" });
    await stations.updateStationAction({ monitoring_station_id: id, name: "Night Watch Central" });
    expect((await row())!.name).toBe("Night Watch Central");
    // Refused (another station of this dealer has that ID): the mirror keeps the name it had.
    const second = stationInput({ external_monitoring_station_id: "wt-cs-2", name: "Day Watch CS" });
    const otherId = accepted(await stations.createStationAction(second)).monitoring_station_id;
    const dup = await stations.updateStationAction({
      monitoring_station_id: id,
      name: "Dup",
      external_monitoring_station_id: "wt-cs-2",
    });
    expect(dup?.serverError?.fieldErrors?.external_monitoring_station_id).toBeTruthy();
    expect((await row())!.name).toBe("Night Watch Central");
    await stations.deleteStationAction({ monitoring_station_id: otherId });
    await stations.deleteStationAction({ monitoring_station_id: id });
    expect(await row()).toBeNull();
  });

  it("dealer profile update writes CHeKT's answer; a refused update does not", async () => {
    session.user = ADMIN;
    const ok = await dealer.updateDealerAction({ company_email: "ops@acme.example" });
    expect(ok?.serverError).toBeUndefined();
    const row = await world.prisma.mirrorDealer.findUnique({ where: { dealerLinkId: world.linkId } });
    expect(row!.dto).toMatchObject({ company_email: "ops@acme.example" });
    await world.fault({ path: "/partner/v1/dealers/1", method: "PUT", rate_5xx: 1, status_5xx: 500 });
    const refused = await dealer.updateDealerAction({ company_email: "never@acme.example" });
    expect(refused?.serverError?.message).toBe(UNSURE_AFTER_500);
    expect(refused?.serverError?.traceId).toEqual(expect.any(String));
    expect(auditSummary(await auditRows("dealer.update"))).toEqual({
      outcomes: ["success", "failure"],
      failureTraces: [refused?.serverError?.traceId],
    });
    expect((await world.prisma.mirrorDealer.findUnique({ where: { dealerLinkId: world.linkId } }))!.dto).toMatchObject({
      company_email: "ops@acme.example",
    });
  }, 60_000);
});
