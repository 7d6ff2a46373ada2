"use server";
import { z } from "zod";
import { actionClient } from "@/lib/actions/client";
import { requireCurrentDealer } from "@/lib/dealer";
import { answerVerification, checkStoredAnswer } from "@/lib/verifications/answer";
import { claimInTx, releaseInTx, takeOverInTx } from "@/lib/verifications/claims";
import { answerSchema, verificationIdSchema } from "@/lib/verifications/schemas";

export const claimVerification = actionClient
  .metadata({ name: "verifications.claim", role: "operator", objectKind: "verification" })
  .inputSchema(z.object({ id: verificationIdSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await requireCurrentDealer();
    await ctx.commit({ action: "verifications.claim", objectKind: "verification", chektId: parsedInput.id, dealerLinkId: dealer.id, after: { state: "claimed" } }, (tx) =>
      claimInTx(tx, dealer, parsedInput.id, ctx.user),
    );
    return { claimed: true };
  });

/** A dealer admin takes another operator's claim (walked away, stuck); the audit row names both. */
export const takeOverVerification = actionClient
  .metadata({ name: "verifications.takeover", role: "admin", objectKind: "verification" })
  .inputSchema(z.object({ id: verificationIdSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await requireCurrentDealer();
    const result = await ctx.commit({ action: "verifications.takeover", objectKind: "verification", chektId: parsedInput.id, dealerLinkId: dealer.id, after: { state: "claimed", claimedBy: ctx.user.name || ctx.user.email } }, (tx) =>
      takeOverInTx(tx, dealer, parsedInput.id, ctx.user),
    );
    return { claimed: true, previous: result?.previous ?? null };
  });

export const releaseVerification = actionClient
  .metadata({ name: "verifications.release", role: "operator", objectKind: "verification" })
  .inputSchema(z.object({ id: verificationIdSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await requireCurrentDealer();
    await ctx.commit({ action: "verifications.release", objectKind: "verification", chektId: parsedInput.id, dealerLinkId: dealer.id, after: { state: "pending" } }, (tx) =>
      releaseInTx(tx, dealer, parsedInput.id, ctx.user),
    );
    return { released: true };
  });

export const answerVerificationAction = actionClient
  .metadata({ name: "verifications.answer", role: "operator", objectKind: "verification" })
  .inputSchema(answerSchema)
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await requireCurrentDealer();
    return answerVerification(ctx, dealer, ctx.user, parsedInput);
  });

/** "Check with CHeKT" after "may or may not have been saved": reads the alarm's status from CHeKT. */
export const checkAnswerAction = actionClient
  .metadata({ name: "verifications.check", role: "operator", objectKind: "verification" })
  .inputSchema(z.object({ id: verificationIdSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await requireCurrentDealer();
    return checkStoredAnswer(ctx, dealer, ctx.user, parsedInput.id);
  });
