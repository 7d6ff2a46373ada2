"use server";
import { z } from "zod";
import { actionClient, namedDealerActionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { checkSecondFactor, disableTwoFactor, regenerateRecoveryCodes, TwoFactorError } from "@/lib/auth/two-factor";
import { checkCurrentPassword } from "@/lib/auth/current-password";
import { hashPassword } from "@/lib/auth/password";
import { currentSessionId } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/sessions";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

/**
 * Every signed-in user may change their own password. The current one is checked under the
 * sign-in throttle; the change ends every other session of the user (this browser stays signed in).
 */
export const changeOwnPasswordAction = actionClient
  .metadata({ name: "account.change_password", role: "viewer", objectKind: "user" })
  .inputSchema(changeOwnPasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    await checkCurrentPassword(ctx.user.id, parsedInput.currentPassword);
    const passwordHash = await hashPassword(parsedInput.newPassword);
    const keep = await currentSessionId();
    const ended = await ctx.commit({ externalId: ctx.user.id, after: { passwordChanged: true } }, async (tx) => {
      await tx.user.update({ where: { id: ctx.user.id }, data: { passwordHash } });
      return endSessions(tx, ctx.user.id, "password_changed", { except: keep ?? undefined });
    });
    return { changed: true, otherSessionsEnded: ended ?? 0 };
  });

const codeField = z.string().trim().min(6, "Enter a code from your app or a recovery code").max(20);

/** Turning two-factor off needs the password and a code (a borrowed session cannot do it alone). */
export const disableTwoFactorAction = actionClient
  .metadata({ name: "account.two_factor_disable", role: "viewer", objectKind: "user" })
  .inputSchema(z.object({ password: z.string().min(1, "Enter your password"), code: codeField }))
  .action(async ({ parsedInput, ctx }) => {
    await checkCurrentPassword(ctx.user.id, parsedInput.password, "password");
    if (!(await checkSecondFactor(prisma, ctx.user.id, parsedInput.code, env.SECRETS_ENCRYPTION_KEY))) {
      throw new ActionError("wrong_code", "That code is not right.", {
        code: "Not a current code or an unused recovery code",
      });
    }
    await ctx.commit({ externalId: ctx.user.id, after: { enabled: false } }, async () => {
      try {
        await disableTwoFactor(prisma, ctx.user.id);
      } catch (e) {
        if (e instanceof TwoFactorError) throw new ActionError(e.code, e.message);
        throw e;
      }
    });
    return { disabled: true };
  });

/** New recovery codes replace the old ones (all of them), after a code proves the phone is at hand. */
export const newRecoveryCodesAction = actionClient
  .metadata({ name: "account.recovery_codes", role: "viewer", objectKind: "user" })
  .inputSchema(z.object({ code: codeField }))
  .action(async ({ parsedInput, ctx }) => {
    if (!(await checkSecondFactor(prisma, ctx.user.id, parsedInput.code, env.SECRETS_ENCRYPTION_KEY))) {
      throw new ActionError("wrong_code", "That code is not right.", {
        code: "Not a current code or an unused recovery code",
      });
    }
    const codes = await ctx.commit({ externalId: ctx.user.id, after: { regenerated: true } }, () =>
      regenerateRecoveryCodes(prisma, ctx.user.id),
    );
    return { codes: codes ?? [] };
  });

/**
 * A dealer's admin requires (or stops requiring) two-factor sign-in of the dealer's users. The
 * account page lists every dealer the user administers, so the dealer is the one the input names
 * (the role is checked there, not in the current dealer) and only that one is updated.
 */
export const setDealerTwoFactorAction = namedDealerActionClient
  .metadata({ name: "dealer.require_two_factor", role: "admin", objectKind: "dealer", dealer: "named" })
  .inputSchema(z.object({ dealerLinkId: z.string().min(1), required: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await ctx.commit({ after: { requireTwoFactor: parsedInput.required } }, async (tx) => {
      const { count } = await tx.dealerLink.updateMany({
        where: { id: ctx.dealer.id },
        data: { requireTwoFactor: parsedInput.required },
      });
      if (count !== 1) throw new ActionError("not_found", "No such dealer.");
    });
    return { required: parsedInput.required };
  });
