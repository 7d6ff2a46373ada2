import "server-only";
import type { components } from "@/lib/chekt/schema";
import { chekt, type CallOpts, type DealerRef } from "./call";

export type VerificationAnswer = {
  action: components["schemas"]["VerificationAction"];
  contactId: number;
  respondedAt: Date;
};

/**
 * Answers a pending alarm verification. The Idempotency-Key is the one the caller stored before
 * sending, so a resend after a lost answer replays instead of answering twice. Spends the
 * "answer" class: the top of the budget, never behind bulk jobs or sweeps.
 */
export async function answerAlarmVerification(
  scope: DealerRef,
  siteId: number,
  verificationId: string,
  answer: VerificationAnswer,
  // deadlineMs: the alarm desk retries in the browser (visible wait, cancellable), so each call is short.
  opts: CallOpts & { idempotencyKey: string; deadlineMs?: number },
): Promise<{ traceId: string }> {
  const { traceId } = await chekt.request(
    "PATCH",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}",
    {
      params: { path: { dealerId: scope.dealerId, siteId, verificationId } },
      body: {
        verification_id: verificationId,
        action: answer.action,
        contact_id: answer.contactId,
        responded_at: answer.respondedAt.toISOString(),
      },
    },
    { budgetClass: "answer", ...opts },
  );
  return { traceId };
}
