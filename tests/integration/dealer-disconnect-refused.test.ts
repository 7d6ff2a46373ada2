// The other side of finishing a disconnect whose answer was lost (dealer-connect-findings.test.ts): a refusal of
// the disconnect is taken as "CHeKT is done already" only when a read of the dealer is refused the same way. A
// dealer CHeKT still lets us read, or a read that fails for another reason, leaves the refusal standing and the
// link connected. CHeKT's two calls are stand-ins here (the simulator refuses both or neither).
import "../support/console-mocks";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ChektError } from "@/lib/chekt/errors";
import { session } from "../support/session";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN } from "../support/sim-world";
import { dbFile } from "../support/db-file";
import { addMembers } from "../support/members";
import { testAuditRows } from "../support/audit-rows";

const chekt = vi.hoisted(() => ({ read: (): Promise<unknown> => Promise.resolve({}) }));
vi.mock("@/lib/chekt/api/dealers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/chekt/api/dealers")>()),
  disconnectDealer: () =>
    Promise.reject(new ChektError({ kind: "forbidden", status: 403, code: "permission_denied", message: "no" })),
  getDealer: () => chekt.read(),
}));

const world = dbFile("chekt_disconnect_refused", {
  chektDealerId: 1,
  externalDealerId: "acme-security",
  companyName: "Acme Security",
});
const auditRows = testAuditRows(world);
let dealer: typeof import("@/actions/dealer");

beforeAll(async () => {
  await addMembers(world.prisma, world.linkId, [ADMIN]);
  dealer = await import("@/actions/dealer");
});
beforeEach(() => {
  session.user = ADMIN;
  jar.set("dealer_link", world.linkId);
});

const disconnectedAt = async () =>
  (await world.prisma.dealerLink.findUniqueOrThrow({ where: { id: world.linkId } })).disconnectedAt;

describe("a refused disconnect", () => {
  it("stands while CHeKT still lets us read the dealer", async () => {
    chekt.read = () => Promise.resolve({ dealer_id: 1, company_name: "Acme Security" });
    const r = await dealer.disconnectDealerAction({ confirm_name: "Acme Security" });
    expect(r?.serverError?.code).toBe("permission_denied");
    expect(await disconnectedAt()).toBeNull();
    expect((await auditRows("dealer.disconnect")).map((a) => a.outcome)).toEqual(["failure"]);
  });

  it("stands when the read fails for another reason (CHeKT down)", async () => {
    chekt.read = () =>
      Promise.reject(new ChektError({ kind: "server", status: 503, code: "service_unavailable", message: "busy" }));
    const r = await dealer.disconnectDealerAction({ confirm_name: "Acme Security" });
    expect(r?.serverError?.code).toBe("permission_denied");
    expect(await disconnectedAt()).toBeNull();
  });
});
