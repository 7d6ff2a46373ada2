"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { createUserSchema, setDisabledSchema, setRoleSchema, userIdSchema } from "@/lib/users/schemas";
import { createUser, resetPassword, setDisabled, setRole, type UserView } from "@/lib/users/service";

// The audit entry is filled in inside the transaction (before/after are only known there); commit
// writes the row after `fn` returns, in the same transaction.
type Entry = { action: string; objectKind: string; externalId?: string; before?: unknown; after?: unknown };

export const createUserAction = actionClient
  .metadata({ name: "users.create", role: "admin", objectKind: "user" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    const entry: Entry = { action: "users.create", objectKind: "user" };
    const user = (await ctx.commit(entry, async (tx) => {
      const created = await createUser(tx, parsedInput);
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
    const entry: Entry = { action: "users.set_role", objectKind: "user", externalId: parsedInput.userId };
    await ctx.commit(entry, async (tx) => {
      const { before, after } = await setRole(tx, ctx.user.id, parsedInput.userId, parsedInput.role);
      Object.assign(entry, { before, after });
    });
    revalidatePath("/users");
    return { role: parsedInput.role };
  });

export const setDisabledAction = actionClient
  .metadata({ name: "users.set_disabled", role: "admin", objectKind: "user" })
  .inputSchema(setDisabledSchema)
  .action(async ({ parsedInput, ctx }) => {
    const entry: Entry = { action: parsedInput.disabled ? "users.disable" : "users.enable", objectKind: "user", externalId: parsedInput.userId };
    await ctx.commit(entry, async (tx) => {
      const { before, after } = await setDisabled(tx, ctx.user.id, parsedInput.userId, parsedInput.disabled);
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
    const entry: Entry = { action: "users.reset_password", objectKind: "user", externalId: parsedInput.userId };
    const password = await ctx.commit(entry, async (tx) => {
      const r = await resetPassword(tx, parsedInput.userId);
      Object.assign(entry, { before: r.before, after: r.after });
      return r.password;
    });
    revalidatePath("/users");
    return { oneTimePassword: password as string };
  });
