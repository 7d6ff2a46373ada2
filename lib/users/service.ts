import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { ActionError } from "@/lib/actions/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasRole, type Role } from "@/lib/roles";
import { checkChange, generateOneTimePassword } from "./rules";
import { releaseClaimsOf } from "@/lib/verifications/claims";

type Tx = Prisma.TransactionClient;

/** What an audit row may show of a user: never the hash. `role` is their role in the dealer at hand. */
export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  sessionVersion: number;
};

// Tenancy: every function below that names a user acts within one dealer link. A user who is not a
// member of that dealer is "not found" (an admin of dealer A cannot see, change, disable or reset a
// user of dealer B), and only the organisation owner (users.is_owner) may touch a user who also
// belongs to a dealer the actor does not administer, or the owner themself.

/** Who is acting, and where: the actor's id, whether they are the owner, and the current dealer link. */
export type Actor = { id: string; isOwner: boolean; dealerLinkId: string };

const view = (u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  sessionVersion: number;
}): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: !!u.disabledAt,
  sessionVersion: u.sessionVersion,
});

export type UserListRow = UserView & {
  createdAt: Date;
  failedAttempts24h: number;
  lastFailedAt: Date | null;
  lastSignInAt: Date | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The members of one dealer, each with their role there. */
export async function listUsers(dealerLinkId: string): Promise<Array<UserListRow & { isOwner: boolean }>> {
  const since = new Date(Date.now() - DAY_MS);
  const [members, failed, succeeded] = await Promise.all([
    prisma.membership.findMany({ where: { dealerLinkId }, include: { user: true } }),
    prisma.loginAttempt.groupBy({
      by: ["email"],
      where: { success: false, createdAt: { gte: since } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    prisma.loginAttempt.groupBy({ by: ["email"], where: { success: true }, _max: { createdAt: true } }),
  ]);
  const failedBy = new Map(failed.map((f) => [f.email.toLowerCase(), f]));
  const okBy = new Map(succeeded.map((s) => [s.email.toLowerCase(), s._max.createdAt]));
  const users = members
    .map((m) => ({ ...m.user, role: m.role }))
    .sort((a, b) => Number(!!a.disabledAt) - Number(!!b.disabledAt) || a.email.localeCompare(b.email));
  return users.map((u) => {
    const f = failedBy.get(u.email.toLowerCase());
    return {
      ...view(u),
      isOwner: u.isOwner,
      createdAt: u.createdAt,
      failedAttempts24h: f?._count._all ?? 0,
      lastFailedAt: f?._max.createdAt ?? null,
      lastSignInAt: okBy.get(u.email.toLowerCase()) ?? null,
    };
  });
}

/** Serialises every change that could remove the last admin (two admins demoting each other at once). */
async function lockAdmins(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users.admin-set'))`;
}

const NOT_A_MEMBER = "No such user in this dealer.";

/**
 * The target as a member of the actor's dealer (their role there), and the dealer's enabled admins
 * counted in the same transaction.
 */
async function loadForChange(tx: Tx, actor: Actor, userId: string) {
  await lockAdmins(tx);
  const membership = await tx.membership.findUnique({
    where: { userId_dealerLinkId: { userId, dealerLinkId: actor.dealerLinkId } },
    include: { user: true },
  });
  if (!membership) throw new ActionError("not_found", NOT_A_MEMBER);
  const user = { ...membership.user, role: membership.role };
  const activeAdmins = await tx.membership.count({
    where: { dealerLinkId: actor.dealerLinkId, role: "admin", user: { disabledAt: null } },
  });
  return { user, activeAdmins };
}

type Loaded = Awaited<ReturnType<typeof loadForChange>>;

/** The rules of lib/users/rules.ts for this change of a loaded member (last admin, own access, …). */
function assertChangeAllowed(actor: Actor, { user, activeAdmins }: Loaded, change: Parameters<typeof checkChange>[2]) {
  const target = { id: user.id, role: user.role, disabled: !!user.disabledAt };
  const refusal = checkChange(actor.id, target, change, activeAdmins);
  if (refusal) throw new ActionError(refusal.code, refusal.message);
}

/** A membership change (role, removal) of the owner is the owner's alone. */
function assertManagesMembership(actor: Actor, user: { isOwner: boolean }) {
  if (user.isOwner && !actor.isOwner)
    throw new ActionError("forbidden", "Only the organisation owner manages the owner's access.");
}

/**
 * Changing the account itself (disable, password) reaches every dealer the user works for, so a
 * dealer admin may do it only when they administer all of them; the owner's account is the owner's.
 */
async function assertManagesAccount(tx: Tx, actor: Actor, user: { id: string; isOwner: boolean }) {
  if (actor.isOwner) return;
  if (user.isOwner) throw new ActionError("forbidden", "Only the organisation owner manages the owner's account.");
  const elsewhere = await tx.membership.count({
    where: {
      userId: user.id,
      dealerLinkId: { not: actor.dealerLinkId },
      dealerLink: { memberships: { none: { userId: actor.id, role: "admin" } } },
    },
  });
  if (elsewhere > 0) {
    throw new ActionError(
      "forbidden",
      "This user also works for another dealer: only the organisation owner can change their account. You " +
        "can change their role here or remove them from this dealer.",
    );
  }
}

/** A change's audit pair: the user as they were, and as the change left them. */
type Changed = { before: UserView; after: UserView };

/**
 * The member as loadForChange reads them, once the actor is found to manage what the change reaches:
 * their membership here (role, removal) or their account (disable, password).
 */
async function loadToManage(tx: Tx, actor: Actor, userId: string, reaches: "membership" | "account") {
  const loaded = await loadForChange(tx, actor, userId);
  if (reaches === "membership") assertManagesMembership(actor, loaded.user);
  else await assertManagesAccount(tx, actor, loaded.user);
  return loaded;
}

/**
 * Adds a user to the actor's dealer. A new email creates the account; an existing account can be
 * added to this dealer by the organisation owner only (a dealer admin cannot reach other dealers' users).
 */
export async function createUser(
  tx: Tx,
  actor: Actor,
  input: { email: string; name: string; role: Role; password: string },
): Promise<UserView> {
  const existing = await tx.user.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } } });
  if (existing) {
    const member = await tx.membership.findUnique({
      where: { userId_dealerLinkId: { userId: existing.id, dealerLinkId: actor.dealerLinkId } },
    });
    if (member || !actor.isOwner)
      throw new ActionError("conflict", "A user with this email already exists.", {
        email: "A user with this email already exists",
      });
    await tx.membership.create({ data: { userId: existing.id, dealerLinkId: actor.dealerLinkId, role: input.role } });
    return view({ ...existing, role: input.role });
  }
  const created = await tx.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      memberships: { create: { dealerLinkId: actor.dealerLinkId, role: input.role } },
    },
  });
  return view(created);
}

/** The user's role in the actor's dealer (their memberships elsewhere are untouched). */
export async function setRole(tx: Tx, actor: Actor, userId: string, role: Role): Promise<Changed> {
  const loaded = await loadToManage(tx, actor, userId, "membership");
  const { user } = loaded;
  assertChangeAllowed(actor, loaded, { role });
  await tx.membership.update({
    where: { userId_dealerLinkId: { userId, dealerLinkId: actor.dealerLinkId } },
    data: { role },
  });
  await releaseClaimsIfBarred(tx, actor, user, role);
  return { before: view(user), after: view({ ...user, role }) };
}

/** Takes the user out of the actor's dealer; their account and their other dealers stay. */
export async function removeMembership(tx: Tx, actor: Actor, userId: string): Promise<{ before: UserView }> {
  const loaded = await loadToManage(tx, actor, userId, "membership");
  const { user } = loaded;
  if (user.id === actor.id)
    throw new ActionError("self_remove", "You cannot remove yourself from this dealer. Ask another admin.");
  assertChangeAllowed(actor, loaded, { role: "viewer" });
  await tx.membership.delete({ where: { userId_dealerLinkId: { userId, dealerLinkId: actor.dealerLinkId } } });
  await releaseClaimsIfBarred(tx, actor, user, null);
  return { before: view(user) };
}

/**
 * A member who may no longer claim alarms in the actor's dealer (`role` null: removed from it) hands
 * the claims they hold there back to the queue, with the change. Claiming is an operator's
 * (actions/verifications.ts); the owner stays an admin of every dealer whatever their membership.
 */
async function releaseClaimsIfBarred(tx: Tx, actor: Actor, user: { id: string; isOwner: boolean }, role: Role | null) {
  if (user.isOwner || (role && hasRole(role, "operator"))) return;
  await releaseClaimsOf(user.id, tx, { dealerLinkId: actor.dealerLinkId });
}

/** Disabling bumps sessionVersion so the user's open sessions end on their next request. */
export async function setDisabled(tx: Tx, actor: Actor, userId: string, disabled: boolean): Promise<Changed> {
  const loaded = await loadToManage(tx, actor, userId, "account");
  const { user } = loaded;
  assertChangeAllowed(actor, loaded, { disabled });
  const after = await tx.user.update({
    where: { id: userId },
    data: { disabledAt: disabled ? (user.disabledAt ?? new Date()) : null, sessionVersion: { increment: 1 } },
  });
  if (disabled) await releaseClaimsOf(userId, tx); // their alarm claims go back to the queue at once
  return { before: view(user), after: view({ ...after, role: user.role }) };
}

/**
 * Sets a generated one-time password and ends the user's sessions; the password is returned once, never stored in
 * clear. Their alarm claims go back to the queue with the sessions, as at sign-out (lib/auth/actions.ts): nobody is
 * left at a desk to answer them.
 */
export async function resetPassword(tx: Tx, actor: Actor, userId: string): Promise<Changed & { password: string }> {
  const { user } = await loadToManage(tx, actor, userId, "account");
  const password = generateOneTimePassword((n) => randomBytes(n));
  const after = await tx.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
  await releaseClaimsOf(userId, tx);
  return { before: view(user), after: view({ ...after, role: user.role }), password };
}

export async function changeOwnPassword(
  tx: Tx,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<UserView> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) throw new ActionError("unauthenticated", "Your account is not active. Sign in again.");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ActionError("wrong_password", "Your current password is not right.", {
      currentPassword: "Not your current password",
    });
  }
  const after = await tx.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword) },
  });
  return view(after);
}
