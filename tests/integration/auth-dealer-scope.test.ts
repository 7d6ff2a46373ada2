// lib/dealer.ts against a real Postgres: which dealer links count as connected, which of them a
// user may work on (memberships, the organisation owner), and how the dealer_link cookie picks
// one. Only the request cookies and the session source are stubbed; users and memberships are rows.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { cookieJar as jar } from "../support/next-headers";
import { session, type TestUser } from "../support/session";

vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("@/lib/auth/session", () => import("../support/session"));
type U = TestUser;
/** The console's current-dealer cookie (undefined: none sent). */
const setDealerCookie = (value: string | undefined) =>
  value === undefined ? jar.delete("dealer_link") : jar.set("dealer_link", value);

let db: TestDatabase;
let m: typeof import("@/lib/dealer");
let prisma: typeof import("@/lib/db").prisma;
const ids: Record<string, string> = {};
const day = (n: number) => new Date(Date.UTC(2026, 10, n));
/** The dealer links and how each is connected; every test starts from exactly these. */
const links = [
  { key: "northwind", chektDealerId: 2, connectedAt: day(2), disconnectedAt: null },
  { key: "acme", chektDealerId: 1, connectedAt: day(1), disconnectedAt: null },
  { key: "gone", chektDealerId: 3, connectedAt: day(1), disconnectedAt: day(5) },
  { key: "back", chektDealerId: 4, connectedAt: day(9), disconnectedAt: day(5) },
  { key: "never", chektDealerId: 5, connectedAt: null, disconnectedAt: null },
];
const users: Record<"owner" | "everywhere" | "acmeOnly" | "nobody", U> = {
  owner: { id: "ds-owner", email: "owner@ds.test", name: "Owner", role: "admin" },
  everywhere: { id: "ds-all", email: "all@ds.test", name: "All", role: "operator" },
  acmeOnly: { id: "ds-acme", email: "acme@ds.test", name: "Acme only", role: "viewer" },
  nobody: { id: "ds-none", email: "none@ds.test", name: "Nobody", role: "admin" },
};

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_dealer");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  m = await import("@/lib/dealer");
  for (const r of links) {
    const link = await prisma.dealerLink.create({
      data: {
        chektDealerId: r.chektDealerId,
        externalDealerId: `${r.key}-ext`,
        companyName: r.key,
        connectedAt: r.connectedAt,
        disconnectedAt: r.disconnectedAt,
      },
    });
    ids[r.key] = link.id;
  }
  for (const u of Object.values(users)) {
    await prisma.user.create({
      data: { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash: "x", isOwner: u === users.owner },
    });
  }
  // "everywhere" has a membership in each link (the upgrade's shape), with a different role in one.
  for (const key of Object.keys(ids)) {
    await prisma.membership.create({
      data: { userId: users.everywhere.id, dealerLinkId: ids[key], role: key === "northwind" ? "admin" : "operator" },
    });
  }
  await prisma.membership.create({ data: { userId: users.acmeOnly.id, dealerLinkId: ids.acme, role: "viewer" } });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});
beforeEach(async () => {
  setDealerCookie(undefined);
  session.user = users.everywhere;
  // The no-dealer test disconnects every link; every other test reads them as `links` has them.
  for (const r of links) {
    await prisma.dealerLink.update({
      where: { id: ids[r.key] },
      data: { connectedAt: r.connectedAt, disconnectedAt: r.disconnectedAt },
    });
  }
});

/**
 * A dealer action viewers may run, sent input it refuses: a validation error means the dealer was
 * there (its middleware runs first); no_dealer that it was not.
 */
const refreshNothing = async () => (await import("@/lib/mirror/actions")).refreshMirrorAction({ targets: [] });
const refusals = () =>
  prisma.auditLog.findMany({ where: { action: "dealer.scope", outcome: "refused" }, orderBy: { id: "asc" } });

describe("dealer scope", () => {
  it("lists connected dealers (reconnected ones too), lowest CHeKT id first", async () => {
    expect((await m.listConnectedDealers()).map((d) => d.companyName)).toEqual(["acme", "northwind", "back"]);
  });

  it("a user's dealers: the connected ones they belong to, with their role; the owner has all as admin", async () => {
    expect((await m.listMyDealers(users.everywhere.id)).map((d) => [d.companyName, d.role])).toEqual([
      ["acme", "operator"],
      ["northwind", "admin"],
      ["back", "operator"],
    ]);
    expect((await m.listMyDealers(users.acmeOnly.id)).map((d) => [d.companyName, d.role])).toEqual([
      ["acme", "viewer"],
    ]);
    expect((await m.listMyDealers(users.owner.id)).map((d) => [d.companyName, d.role])).toEqual([
      ["acme", "admin"],
      ["northwind", "admin"],
      ["back", "admin"],
    ]);
    expect(await m.listMyDealers(users.nobody.id)).toEqual([]);
  });

  it("defaults to the user's first dealer", async () => {
    expect((await m.getCurrentDealer())?.companyName).toBe("acme");
  });

  it("follows the cookie to a connected dealer the user is a member of, with their role there", async () => {
    setDealerCookie(ids.northwind);
    expect(await m.getCurrentDealer()).toMatchObject({ companyName: "northwind", role: "admin", chektDealerId: 2 });
  });

  it("ignores a cookie naming a disconnected, never-connected or unknown dealer (quietly)", async () => {
    const before = (await refusals()).length;
    for (const v of [ids.gone, ids.never, "nonsense"]) {
      setDealerCookie(v);
      expect((await m.getCurrentDealer())?.companyName).toBe("acme");
    }
    expect((await refusals()).length).toBe(before);
  });

  it("a cookie naming a dealer the user is not a member of grants nothing and leaves a refusal row", async () => {
    session.user = users.acmeOnly;
    setDealerCookie(ids.northwind);
    expect(await m.getCurrentDealer()).toMatchObject({ companyName: "acme", role: "viewer" });
    const rows = await refusals();
    expect(rows.at(-1)).toMatchObject({
      userEmail: users.acmeOnly.email,
      dealerLinkId: ids.northwind,
      error: `${users.acmeOnly.email} is not a member of northwind`,
    });
    expect(rows.at(-1)?.traceId).toBeTruthy();
  });

  it("the role is the membership's in the current dealer; without one only the owner stays admin", async () => {
    const acme = (await m.listMyDealers(users.everywhere.id))[0];
    expect(await m.effectiveRole(users.everywhere, acme)).toBe("operator");
    expect(await m.effectiveRole(users.nobody, null)).toBe("viewer");
    expect(await m.effectiveRole(users.owner, null)).toBe("admin");
  });

  it("a user with no membership (users.role admin notwithstanding) has no dealer", async () => {
    session.user = users.nobody;
    setDealerCookie(ids.acme);
    expect(await m.getCurrentDealer()).toBeNull();
    expect((await refreshNothing())?.serverError).toMatchObject({ code: "no_dealer", message: m.NO_DEALER_MESSAGE });
  });

  it("with no dealer connected: null for pages, no_dealer from a dealer action, even one viewers may run", async () => {
    session.user = users.acmeOnly;
    const withDealer = await refreshNothing();
    expect(withDealer?.serverError).toBeUndefined();
    expect(withDealer?.validationErrors).toBeDefined();
    await prisma.dealerLink.updateMany({ data: { connectedAt: null } });
    expect(await m.getCurrentDealer()).toBeNull();
    expect((await refreshNothing())?.serverError).toMatchObject({ code: "no_dealer", message: m.NO_DEALER_MESSAGE });
  });
});
