// lib/users/service.ts against a real Postgres: a dealer admin manages that dealer's people only.
// Roles are per membership, removing a membership leaves the account and its other dealers, an
// account shared with a dealer the admin does not administer is the owner's to disable or reset,
// and only the owner adds an existing account to another dealer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/db";

type Tx = Prisma.TransactionClient;

let db: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let svc: typeof import("@/lib/users/service");
const link = { a: "", b: "" };
const ids = { owner: "", adminA: "", shared: "", onlyA: "" };

async function user(email: string, memberships: Array<[string, "viewer" | "operator" | "admin"]>, isOwner = false) {
  const u = await prisma.user.create({
    data: {
      email,
      name: email,
      role: "viewer",
      passwordHash: "x",
      isOwner,
      memberships: { create: memberships.map(([dealerLinkId, role]) => ({ dealerLinkId, role })) },
    },
  });
  return u.id;
}
const as = (id: string, dealerLinkId: string, isOwner = false) => ({ id, isOwner, dealerLinkId });
const tx = <T>(fn: (t: Tx) => Promise<T>) => prisma.$transaction(fn);

beforeAll(async () => {
  db = await createTestDatabase("chekt_tenancy_users");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  svc = await import("@/lib/users/service");
  link.a = (
    await prisma.dealerLink.create({
      data: { chektDealerId: 1, externalDealerId: "a", companyName: "A", connectedAt: new Date() },
    })
  ).id;
  link.b = (
    await prisma.dealerLink.create({
      data: { chektDealerId: 2, externalDealerId: "b", companyName: "B", connectedAt: new Date() },
    })
  ).id;
});
// Every test changes roles, memberships or accounts: each starts from these people, made afresh.
beforeEach(async () => {
  await prisma.user.deleteMany();
  ids.owner = await user("owner@t.test", [], true);
  ids.adminA = await user("admin-a@t.test", [[link.a, "admin"]]);
  ids.shared = await user("shared@t.test", [
    [link.a, "operator"],
    [link.b, "viewer"],
  ]);
  ids.onlyA = await user("only-a@t.test", [[link.a, "viewer"]]);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("users of one dealer", () => {
  it("lists the dealer's members with their role there", async () => {
    expect((await svc.listUsers(link.a)).map((u) => [u.email, u.role])).toEqual([
      ["admin-a@t.test", "admin"],
      ["only-a@t.test", "viewer"],
      ["shared@t.test", "operator"],
    ]);
    expect((await svc.listUsers(link.b)).map((u) => [u.email, u.role])).toEqual([["shared@t.test", "viewer"]]);
  });

  it("a role change touches this dealer's membership only", async () => {
    const r = await tx((t) => svc.setRole(t, as(ids.adminA, link.a), ids.shared, "admin"));
    expect([r.before.role, r.after.role]).toEqual(["operator", "admin"]);
    const roles = await prisma.membership.findMany({
      where: { userId: ids.shared },
      orderBy: { dealerLinkId: "asc" },
      select: { dealerLinkId: true, role: true },
    });
    expect(Object.fromEntries(roles.map((m) => [m.dealerLinkId, m.role]))).toEqual({
      [link.a]: "admin",
      [link.b]: "viewer",
    });
  });

  it("a member of another dealer only is not found, whatever the change", async () => {
    const bOnly = await user("b-only@t.test", [[link.b, "operator"]]);
    const changes: Array<(t: Tx) => Promise<unknown>> = [
      (t) => svc.setRole(t, as(ids.adminA, link.a), bOnly, "viewer"),
      (t) => svc.setDisabled(t, as(ids.adminA, link.a), bOnly, true),
      (t) => svc.resetPassword(t, as(ids.adminA, link.a), bOnly),
      (t) => svc.removeMembership(t, as(ids.adminA, link.a), bOnly),
    ];
    for (const change of changes) {
      await expect(tx(change)).rejects.toMatchObject({ code: "not_found", message: "No such user in this dealer." });
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: bOnly } })).toMatchObject({
      disabledAt: null,
      sessionVersion: 0,
      passwordHash: "x",
    });
  });

  it("an account also working for a dealer the admin does not run is the owner's to disable or reset", async () => {
    await expect(tx((t) => svc.setDisabled(t, as(ids.adminA, link.a), ids.shared, true))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(tx((t) => svc.resetPassword(t, as(ids.adminA, link.a), ids.shared))).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: ids.shared } })).toMatchObject({
      disabledAt: null,
      passwordHash: "x",
    });
    // Someone of dealer A only: the dealer admin may.
    await tx((t) => svc.resetPassword(t, as(ids.adminA, link.a), ids.onlyA));
    // The owner may for anyone.
    const r = await tx((t) => svc.setDisabled(t, as(ids.owner, link.a, true), ids.shared, true));
    expect(r.after.disabled).toBe(true);
  });

  it("removing a membership keeps the account and its other dealers; not yourself, not the last admin", async () => {
    await tx((t) => svc.removeMembership(t, as(ids.adminA, link.a), ids.shared));
    expect(await prisma.membership.findMany({ where: { userId: ids.shared }, select: { dealerLinkId: true } })).toEqual(
      [{ dealerLinkId: link.b }],
    );
    await expect(tx((t) => svc.removeMembership(t, as(ids.adminA, link.a), ids.adminA))).rejects.toMatchObject({
      code: "self_remove",
    });
    await expect(tx((t) => svc.removeMembership(t, as(ids.owner, link.a, true), ids.adminA))).rejects.toMatchObject({
      code: "last_admin",
    });
  });

  it("adding an existing account to a dealer: a conflict for a dealer admin, a membership for the owner", async () => {
    // An account of its own that works for dealer B only.
    const bStaff = await user("b-staff@t.test", [[link.b, "operator"]]);
    const input = { email: "b-staff@t.test", name: "B staff", role: "viewer" as const, password: "long-enough-1" };
    await expect(tx((t) => svc.createUser(t, as(ids.adminA, link.a), input))).rejects.toMatchObject({
      code: "conflict",
    });
    const added = await tx((t) => svc.createUser(t, as(ids.owner, link.a, true), input));
    expect(added).toMatchObject({ id: bStaff, role: "viewer" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: bStaff } })).toMatchObject({ passwordHash: "x" });
    const fresh = await tx((t) => svc.createUser(t, as(ids.adminA, link.a), { ...input, email: "new@t.test" }));
    expect(
      await prisma.membership.findMany({ where: { userId: fresh.id }, select: { dealerLinkId: true, role: true } }),
    ).toEqual([{ dealerLinkId: link.a, role: "viewer" }]);
  });
});
