// Connecting and disconnecting a dealer, from reviewers' findings:
// - starting a connection under a dealer ID another dealer holds says the ID is taken, but names that dealer
//   (its company and CHeKT dealer id) only to a member of it; any dealer's admin may start a connection;
// - a disconnect whose answer was lost (CHeKT unlinked the dealer, we never heard) is finished by sending it
//   again: CHeKT refuses the resend (the dealer is no longer ours to reach), a read of the dealer confirms it,
//   and the link is marked disconnected with its audit row instead of staying connected with every call refused.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN, clearSimFaults } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { testAuditRows } from "../support/audit-rows";
import { connectDealerLink, NORTHWIND } from "../support/dealer-links";
import { addMembers } from "../support/members";
import { freshDealer } from "../support/fresh-dealer";

const world = simFile("chekt_dealer_findings", { members: [ADMIN], user: ADMIN, faults: true });
const auditRows = testAuditRows(world);
let dealer: typeof import("@/actions/dealer");

beforeAll(async () => {
  dealer = await import("@/actions/dealer");
});

describe("starting a connection under a dealer ID already in use", () => {
  it("names the dealer holding it to no one but its members", async () => {
    // Northwind, connected here, with no membership for the admin of Acme who tries its ID.
    await connectDealerLink(world.prisma, NORTHWIND);
    jar.set("dealer_link", world.linkId);
    const r = await dealer.startDealerConnectAction({ external_dealer_id: "northwind-alarms", company_name: "Mine" });
    expect(r?.data).toBeUndefined();
    expect(r?.serverError).toMatchObject({ code: "conflict", fieldErrors: { external_dealer_id: expect.any(String) } });
    const said = JSON.stringify(r?.serverError);
    // The ID the admin typed is theirs to see; the company holding it is not.
    expect(said).not.toContain("Northwind Alarms");
    expect(said).not.toMatch(/CHeKT dealer \d/);
    expect(r?.serverError?.message).toMatch(/already in use/);
  });

  it("a member of the dealer holding it is told which dealer that is", async () => {
    jar.set("dealer_link", world.linkId);
    const r = await dealer.startDealerConnectAction({ external_dealer_id: "acme-security", company_name: "Again" });
    expect(r?.serverError?.code).toBe("conflict");
    expect(r?.serverError?.message).toMatch(/Acme Security \(CHeKT dealer 1\)/);
  });
});

describe("a disconnect whose answer was lost, sent again", () => {
  /** A CHeKT dealer of the test's own, connected here with the admin as its member and chosen as the current one. */
  async function ownDealer(name: string) {
    const { seed } = await freshDealer(world.sim.url, name);
    const linkId = await connectDealerLink(world.prisma, seed);
    await addMembers(world.prisma, linkId, [ADMIN]);
    jar.set("dealer_link", linkId);
    return { linkId, chektDealerId: Number(seed.chektDealerId) };
  }
  const linksInChekt = (chektDealerId: number) => Object.keys(world.sim.state.dealers.get(chektDealerId)?.links ?? {});

  it("finishes here: the link is marked disconnected, with its audit row", async () => {
    const own = await ownDealer("Lost Answer Alarms");
    // CHeKT unlinks the dealer, then every answer (first try and each retry) is lost.
    await world.fault({
      path: "/partner/v1/dealers/*/disconnect",
      method: "POST",
      drop_rate: 1,
      when: "after",
      count: 20,
    });
    const lost = await dealer.disconnectDealerAction({ confirm_name: "Lost Answer Alarms" });
    expect(lost?.serverError?.message).toMatch(/may or may not have been saved/);
    expect(linksInChekt(own.chektDealerId)).toEqual([]);
    expect((await world.prisma.dealerLink.findUnique({ where: { id: own.linkId } }))?.disconnectedAt).toBeNull();
    await clearSimFaults(world.sim.url);

    const again = await dealer.disconnectDealerAction({ confirm_name: "Lost Answer Alarms" });
    expect(again?.serverError).toBeUndefined();
    expect(again?.data).toMatchObject({ company_name: "Lost Answer Alarms" });
    expect((await world.prisma.dealerLink.findUnique({ where: { id: own.linkId } }))?.disconnectedAt).toBeInstanceOf(
      Date,
    );
    const rows = (await auditRows("dealer.disconnect")).filter((a) => a.dealerLinkId === own.linkId);
    expect(rows.map((a) => a.outcome)).toEqual(["failure", "success"]);
    expect(rows[1]).toMatchObject({
      chektId: String(own.chektDealerId),
      traceId: expect.any(String),
      after: expect.objectContaining({ connected_in_chekt: false }),
    });
  });
});
