import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { ActionError } from "@/lib/actions/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/roles";
import { checkChange, generateOneTimePassword } from "./rules";

type Tx = Prisma.TransactionClient;

/** What an audit row may show of a user: never the hash. */
export type UserView = { id: string; email: string; name: string; role: Role; disabled: boolean; sessionVersion: number };

const view = (u: { id: string; email: string; name: string; role: Role; disabledAt: Date | null; sessionVersion: number }): UserView => ({
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

export async function listUsers(): Promise<UserListRow[]> {
  const since = new Date(Date.now() - DAY_MS);
  const [users, failed, succeeded] = await Promise.all([
    prisma.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }] }),
    prisma.loginAttempt.groupBy({ by: ["email"], where: { success: false, createdAt: { gte: since } }, _count: { _all: true }, _max: { createdAt: true } }),
    prisma.loginAttempt.groupBy({ by: ["email"], where: { success: true }, _max: { createdAt: true } }),
  ]);
  const failedBy = new Map(failed.map((f) => [f.email.toLowerCase(), f]));
  const okBy = new Map(succeeded.map((s) => [s.email.toLowerCase(), s._max.createdAt]));
  return users.map((u) => {
    const f = failedBy.get(u.email.toLowerCase());
    return { ...view(u), createdAt: u.createdAt, failedAttempts24h: f?._count._all ?? 0, lastFailedAt: f?._max.createdAt ?? null, lastSignInAt: okBy.get(u.email.toLowerCase()) ?? null };
  });
}

/** Serialises every change that could remove the last admin (two admins demoting each other at once). */
async function lockAdmins(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users.admin-set'))`;
}

async function loadForChange(tx: Tx, userId: string) {
  await lockAdmins(tx);
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new ActionError("not_found", "That user no longer exists.");
  const activeAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
  return { user, activeAdmins };
}

export async function createUser(tx: Tx, input: { email: string; name: string; role: Role; password: string }): Promise<UserView> {
  const existing = await tx.user.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } } });
  if (existing) throw new ActionError("conflict", "A user with this email already exists.", { email: "A user with this email already exists" });
  const created = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) } });
  return view(created);
}

export async function setRole(tx: Tx, actorId: string, userId: string, role: Role): Promise<{ before: UserView; after: UserView }> {
  const { user, activeAdmins } = await loadForChange(tx, userId);
  const refusal = checkChange(actorId, { id: user.id, role: user.role, disabled: !!user.disabledAt }, { role }, activeAdmins);
  if (refusal) throw new ActionError(refusal.code, refusal.message);
  const after = await tx.user.update({ where: { id: userId }, data: { role } });
  return { before: view(user), after: view(after) };
}

/** Disabling bumps sessionVersion so the user's open sessions end on their next request. */
export async function setDisabled(tx: Tx, actorId: string, userId: string, disabled: boolean): Promise<{ before: UserView; after: UserView }> {
  const { user, activeAdmins } = await loadForChange(tx, userId);
  const refusal = checkChange(actorId, { id: user.id, role: user.role, disabled: !!user.disabledAt }, { disabled }, activeAdmins);
  if (refusal) throw new ActionError(refusal.code, refusal.message);
  const after = await tx.user.update({
    where: { id: userId },
    data: { disabledAt: disabled ? (user.disabledAt ?? new Date()) : null, sessionVersion: { increment: 1 } },
  });
  return { before: view(user), after: view(after) };
}

/** Sets a generated one-time password and ends the user's sessions; the password is returned once, never stored in clear. */
export async function resetPassword(tx: Tx, userId: string): Promise<{ before: UserView; after: UserView; password: string }> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new ActionError("not_found", "That user no longer exists.");
  const password = generateOneTimePassword((n) => randomBytes(n));
  const after = await tx.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } } });
  return { before: view(user), after: view(after), password };
}

export async function changeOwnPassword(tx: Tx, userId: string, currentPassword: string, newPassword: string): Promise<UserView> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) throw new ActionError("unauthenticated", "Your account is not active. Sign in again.");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ActionError("wrong_password", "Your current password is not right.", { currentPassword: "Not your current password" });
  }
  const after = await tx.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  return view(after);
}
