"use server";
import { z } from "zod";
import { actionClient } from "@/lib/actions/client";
import { requireCurrentDealer } from "@/lib/dealer";
import { answerVerification, claimInTx, releaseInTx } from "@/lib/verifications/answer";
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

