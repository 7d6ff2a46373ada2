// lib/users/service.ts frees the alarm claims a user can no longer hold: removing them from a dealer,
// or making them a viewer there (claiming is an operator's), hands that dealer's claims back to the
// queue with the change, announced to open pages; their claims in other dealers stay. A change that
// leaves them an operator or admin, and the organisation owner (admin everywhere), keep theirs. A password
// reset ends every session of theirs, so all their claims go back, as at sign-out.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { until } from "../support/until";

type Tx = Prisma.TransactionClient;

let db: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let svc: typeof import("@/lib/users/service");
let claims: typeof import("@/lib/verifications/claims");
let listen: pg.Client;
const notified: { id: string; state: string }[] = [];
const link = { a: "", b: "" };
let admin: string;
let olga: string;

const tx = <T>(fn: (t: Tx) => Promise<T>) => prisma.$transaction(fn);
const asAdminOfA = (isOwner = false) => ({ id: admin, isOwner, dealerLinkId: link.a });

/** An open verification of the dealer, claimed by `userId`. */
async function claimed(dealerLinkId: string, userId: string): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await prisma.verification.create({
    data: { id, dealerLinkId, siteId: 1, occurredAt: now, expiresAt: new Date(now.getTime() + 30 * 60_000) },
  });
  await tx((t) => claims.claimInTx(t, { id: dealerLinkId }, id, { id: userId, name: "Olga", email: "o@t.test" }));
  return id;
}
const stateOf = async (id: string) =>
  prisma.verification.findFirstOrThrow({
    where: { id },
    select: { state: true, claimedById: true, claimedByName: true, claimedAt: true, leaseExpiresAt: true },
  });
const FREED = { state: "pending", claimedById: null, claimedByName: null, claimedAt: null, leaseExpiresAt: null };

beforeAll(async () => {
  db = await createTestDatabase("chekt_users_claims");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  svc = await import("@/lib/users/service");
  claims = await import("@/lib/verifications/claims");
  for (const key of ["a", "b"] as const) {
    link[key] = (
      await prisma.dealerLink.create({
        data: { chektDealerId: key === "a" ? 1 : 2, externalDealerId: key, companyName: key, connectedAt: new Date() },
      })
    ).id;
  }
  listen = new pg.Client({ connectionString: db.url });
  await listen.connect();
  listen.on("notification", (n) => {
    const m = JSON.parse(n.payload ?? "{}") as { id: string; state: string };
    notified.push({ id: m.id, state: m.state });
  });
  await listen.query("LISTEN verifications");
});
beforeEach(async () => {
  await prisma.verification.deleteMany();
  await prisma.user.deleteMany();
  const make = async (email: string, memberships: Array<[string, "viewer" | "operator" | "admin"]>) =>
    (
      await prisma.user.create({
        data: {
          email,
          name: email,
          role: "viewer",
          passwordHash: "x",
          memberships: { create: memberships.map(([dealerLinkId, role]) => ({ dealerLinkId, role })) },
        },
      })
    ).id;
  admin = await make("admin@t.test", [[link.a, "admin"]]);
  olga = await make("olga@t.test", [
    [link.a, "operator"],
    [link.b, "operator"],
  ]);
  notified.length = 0;
});
afterAll(async () => {
  await listen?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

describe("claims a user can no longer hold go back to the queue", () => {
  it("removing them from a dealer frees that dealer's claims, announced; another dealer's stay", async () => {
    const inA = await claimed(link.a, olga);
    const inB = await claimed(link.b, olga);
    await tx((t) => svc.removeMembership(t, asAdminOfA(), olga));
    expect(await stateOf(inA)).toEqual(FREED);
    expect(await stateOf(inB)).toMatchObject({ state: "claimed", claimedById: olga });
    await until(
      () => notified.some((n) => n.id === inA && n.state === "pending"),
      () => "the release's NOTIFY",
    );
  });

  it("making them a viewer frees that dealer's claims; another dealer's stay", async () => {
    const inA = await claimed(link.a, olga);
    const inB = await claimed(link.b, olga);
    await tx((t) => svc.setRole(t, asAdminOfA(), olga, "viewer"));
    expect(await stateOf(inA)).toEqual(FREED);
    expect(await stateOf(inB)).toMatchObject({ state: "claimed", claimedById: olga });
  });

  it("a role that may still claim keeps the claims", async () => {
    const inA = await claimed(link.a, olga);
    await tx((t) => svc.setRole(t, asAdminOfA(), olga, "admin"));
    expect(await stateOf(inA)).toMatchObject({ state: "claimed", claimedById: olga });
  });

  it("the organisation owner stays an admin of every dealer, so their claims stay", async () => {
    await prisma.user.update({ where: { id: olga }, data: { isOwner: true } });
    const inA = await claimed(link.a, olga);
    await tx((t) => svc.removeMembership(t, asAdminOfA(true), olga));
    expect(await stateOf(inA)).toMatchObject({ state: "claimed", claimedById: olga });
  });

  it("a password reset ends their sessions, so all their claims go back, as at sign-out", async () => {
    const inA = await claimed(link.a, olga);
    const inB = await claimed(link.b, olga);
    // Olga works for both dealers: only the organisation owner may reset her account.
    await tx((t) => svc.resetPassword(t, asAdminOfA(true), olga));
    expect(await stateOf(inA)).toEqual(FREED);
    expect(await stateOf(inB)).toEqual(FREED);
  });

  it("a change that is refused frees nothing", async () => {
    const inA = await claimed(link.a, admin);
    await expect(tx((t) => svc.setRole(t, asAdminOfA(), admin, "viewer"))).rejects.toThrow();
    expect(await stateOf(inA)).toMatchObject({ state: "claimed", claimedById: admin });
  });
});
