"use server";
import { revalidatePath } from "next/cache";
import { actionClient, type ActionContext } from "@/lib/actions/client";
import { isOwner } from "@/lib/dealer";
import { createUserSchema, setDisabledSchema, setRoleSchema, userIdSchema } from "@/lib/users/schemas";
import {
  createUser,
  removeMembership,
  resetPassword,
  setDisabled,
  setRole,
  type Actor,
  type UserView,
} from "@/lib/users/service";

// The audit entry is filled in inside the transaction (before/after are only known there); commit
// writes the row after `fn` returns, in the same transaction.
type Entry = { action: string; objectKind: string; externalId?: string; before?: unknown; after?: unknown };

/** A dealer admin manages the users of the dealer they are working on; the owner those of any dealer. */
async function actorOf(ctx: ActionContext): Promise<Actor> {
  const dealer = ctx.requireDealer();
  return { id: ctx.user.id, isOwner: await isOwner(ctx.user.id), dealerLinkId: dealer.id };
}

export const createUserAction = actionClient
  .metadata({ name: "users.create", role: "admin", objectKind: "user" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = { action: "users.create", objectKind: "user" };
    const user = (await ctx.commit(entry, async (tx) => {
      const created = await createUser(tx, actor, parsedInput);
      entry.externalId = created.id;
      entry.after = created;
      return created;
    })) as UserView;
    revalidatePath("/users");
    return { id: user.id, email: user.email };
  });

export const setRoleAction = actionClient
  .metadata({ name: "users.set_role", role: "admin", objectKind: "user" })
  .inputSchema(setRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = { action: "users.set_role", objectKind: "user", externalId: parsedInput.userId };
    await ctx.commit(entry, async (tx) => {
      const { before, after } = await setRole(tx, actor, parsedInput.userId, parsedInput.role);
      Object.assign(entry, { before, after });
    });
    revalidatePath("/users");
    return { role: parsedInput.role };
  });

export const setDisabledAction = actionClient
  .metadata({ name: "users.set_disabled", role: "admin", objectKind: "user" })
  .inputSchema(setDisabledSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = {
      action: parsedInput.disabled ? "users.disable" : "users.enable",
      objectKind: "user",
      externalId: parsedInput.userId,
    };
    await ctx.commit(entry, async (tx) => {
      const { before, after } = await setDisabled(tx, actor, parsedInput.userId, parsedInput.disabled);
      Object.assign(entry, { before, after });
    });
    revalidatePath("/users");
    return { disabled: parsedInput.disabled };
  });

/** Returns the one-time password once; it is not stored in clear and not written to the audit row. */
export const resetPasswordAction = actionClient
  .metadata({ name: "users.reset_password", role: "admin", objectKind: "user" })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = { action: "users.reset_password", objectKind: "user", externalId: parsedInput.userId };
    const password = await ctx.commit(entry, async (tx) => {
      const r = await resetPassword(tx, actor, parsedInput.userId);
      Object.assign(entry, { before: r.before, after: r.after });
      return r.password;
    });
    revalidatePath("/users");
    return { oneTimePassword: password as string };
  });

/** Takes a user out of the current dealer (their account and other dealers stay). */
export const removeMembershipAction = actionClient
  .metadata({ name: "users.remove_membership", role: "admin", objectKind: "user" })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = await actorOf(ctx);
    const entry: Entry = { action: "users.remove_membership", objectKind: "user", externalId: parsedInput.userId };
    await ctx.commit(entry, async (tx) => {
      const { before } = await removeMembership(tx, actor, parsedInput.userId);
      Object.assign(entry, { before, after: null });
    });
    revalidatePath("/users");
    return { removed: true };
  });
