"use server";
import { actionClient } from "@/lib/actions/client";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";
import { changeOwnPassword } from "@/lib/users/service";

/** Every signed-in user may change their own password (the current one is required). */
export const changeOwnPasswordAction = actionClient
  .metadata({ name: "account.change_password", role: "viewer", objectKind: "user" })
  .inputSchema(changeOwnPasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    await ctx.commit({ action: "account.change_password", objectKind: "user", externalId: ctx.user.id, after: { passwordChanged: true } }, (tx) =>
      changeOwnPassword(tx, ctx.user.id, parsedInput.currentPassword, parsedInput.newPassword),
    );
    return { changed: true };
  });
