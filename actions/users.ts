"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient, type DealerActionContext } from "@/lib/actions/client";
import { isOwner } from "@/lib/dealer";
import { createUserSchema, setDisabledSchema, setRoleSchema, userIdSchema } from "@/lib/users/schemas";
import { createUser, removeMembership, resetPassword, setDisabled, setRole, type Actor } from "@/lib/users/service";
import type { Prisma } from "@/lib/generated/prisma/client";

// The audit entry is filled in inside the transaction (before/after are only known there); commit
// writes the row after `fn` returns, in the same transaction. Its action and kind are the metadata's.
type Entry = { action?: string; externalId?: string; before?: unknown; after?: unknown };

/** A dealer admin manages the users of the dealer they are working on; the owner those of any dealer. */
async function actorOf(ctx: DealerActionContext): Promise<Actor> {
  return { id: ctx.user.id, isOwner: await isOwner(ctx.user.id), dealerLinkId: ctx.dealer.id };
}

/**
 * One change to an existing user by the acting admin: the change's before and after become the
 * audit row, written in the same transaction (named by the action's metadata unless `action` says).
 */
async function changeUser<R extends { before?: unknown; after?: unknown }>(
  ctx: DealerActionContext,
  userId: string,
  change: (tx: Prisma.TransactionClient, actor: Actor) => Promise<R>,
  action?: string,
): Promise<R> {
  const actor = await actorOf(ctx);
  const entry: Entry = { action, externalId: userId };
  const r = await ctx.commit(entry, async (tx) => {
    const out = await change(tx, actor);
    Object.assign(entry, { before: out.before, after: out.after });
    return out;
  });
  revalidatePath("/users");
  return r;
}

export const createUserAction = dealerActionClient
  .metadata({ name: "users.create", role: "admin", objectKind: "user" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = {};
    const user = await ctx.commit(entry, async (tx) => {
      const created = await createUser(tx, actor, parsedInput);
      entry.externalId = created.id;
      entry.after = created;
      return created;
    });
    revalidatePath("/users");
    return { id: user.id, email: user.email };
  });

export const setRoleAction = dealerActionClient
  .metadata({ name: "users.set_role", role: "admin", objectKind: "user" })
  .inputSchema(setRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    await changeUser(ctx, parsedInput.userId, (tx, actor) => setRole(tx, actor, parsedInput.userId, parsedInput.role));
    return { role: parsedInput.role };
  });

export const setDisabledAction = dealerActionClient
  .metadata({ name: "users.set_disabled", role: "admin", objectKind: "user" })
  .inputSchema(setDisabledSchema)
  .action(async ({ parsedInput, ctx }) => {
    await changeUser(
      ctx,
      parsedInput.userId,
      (tx, actor) => setDisabled(tx, actor, parsedInput.userId, parsedInput.disabled),
      parsedInput.disabled ? "users.disable" : "users.enable",
    );
    return { disabled: parsedInput.disabled };
  });

/** Returns the one-time password once; it is not stored in clear and not written to the audit row. */
export const resetPasswordAction = dealerActionClient
  .metadata({ name: "users.reset_password", role: "admin", objectKind: "user" })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const r = await changeUser(ctx, parsedInput.userId, (tx, actor) => resetPassword(tx, actor, parsedInput.userId));
    return { oneTimePassword: r.password };
  });

/** Takes a user out of the current dealer (their account and other dealers stay). */
export const removeMembershipAction = dealerActionClient
  .metadata({ name: "users.remove_membership", role: "admin", objectKind: "user" })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await changeUser(ctx, parsedInput.userId, async (tx, actor) => {
      const { before } = await removeMembership(tx, actor, parsedInput.userId);
      return { before, after: null };
    });
    return { removed: true };
  });
