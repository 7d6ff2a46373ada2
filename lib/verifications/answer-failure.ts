import "server-only";
// What an answer CHeKT did not take comes to (answer.ts, step 2's failure): a resend while the
// retry window is open, a 404 checked against the alarm, or the operator told what is stored.
import { ActionError } from "@/lib/actions/errors";
import { ChektError, isTransient } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { errorText } from "@/lib/error-text";
import { alarmVerdict, type AlarmVerdict } from "./check";
import { deskConfig } from "./config";
import type { PreparedAnswer } from "./answer-prepare";
import { markExpired, recordAnswer, type AnswerContext, type Dealer } from "./answer-record";
import {
  EXPIRED_MESSAGE,
  FORGOTTEN_ANSWER,
  MIN_RETRY_MS,
  STATE_OF,
  gaveUp,
  reasonOf,
  retryDelayMs,
  retryWindowEndsAt,
  verificationKey,
  type AnswerAction,
  type AnswerResult,
} from "./answer-rules";
import type { Operator } from "./operator";

/** The answer that was sent: which item, which action, and what step 1 stored for it. */
export type SentAnswer = { id: string; action: AnswerAction; prepared: PreparedAnswer };

export async function afterSendFailure(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  sent: SentAnswer,
  error: unknown,
  now: () => Date,
): Promise<AnswerResult> {
  const { id, action, prepared } = sent;
  if (error instanceof ChektError && error.status === 404) {
    const { alarmId, expiresAt, before } = prepared;
    return afterNotFound(ctx, dealer, me, { id, action, alarmId, expiresAt, before, error }, now());
  }
  const message = errorText(error);
  const mayHaveApplied = !(error instanceof ChektError) || error.mayHaveApplied;
  if (error instanceof ChektError && isTransient(error)) {
    const retrying = await retryWhileWindowOpen(dealer.id, sent, error, message, now);
    if (retrying) return retrying;
  }
  // Certainly not applied: forget the stored answer, so the operator may answer differently.
  await prisma.verification
    .update({
      where: verificationKey(dealer.id, id),
      data: mayHaveApplied
        ? { answerError: message.slice(0, 500) }
        : { answerError: message.slice(0, 500), ...FORGOTTEN_ANSWER },
    })
    .catch(() => undefined);
  if (error instanceof ChektError && error.status === 400 && error.fieldErrors?.contact_id) {
    throw new ActionError("validation", error.fieldErrors.contact_id, { contactId: error.fieldErrors.contact_id });
  }
  if (error instanceof ChektError && isTransient(error)) return gaveUp(action, error, mayHaveApplied);
  throw error;
}

/** A transient failure with more than a second of the window left: the browser resends after a wait. */
async function retryWhileWindowOpen(
  dealerLinkId: string,
  { id, prepared }: SentAnswer,
  error: ChektError,
  message: string,
  now: () => Date,
): Promise<AnswerResult | null> {
  const windowEndsAt = retryWindowEndsAt(
    prepared.respondedAt,
    prepared.expiresAt,
    deskConfig().VERIFICATION_ANSWER_RETRY_SECONDS,
  );
  const left = windowEndsAt.getTime() - now().getTime();
  if (left <= MIN_RETRY_MS) return null;
  await prisma.verification
    .update({ where: verificationKey(dealerLinkId, id), data: { answerError: message.slice(0, 500) } })
    .catch(() => undefined);
  return {
    outcome: "retrying",
    retryInMs: retryDelayMs(left, error),
    reason: reasonOf(error),
    windowEndsAt: windowEndsAt.toISOString(),
  };
}

/**
 * CHeKT answered 404 (unknown, expired or already answered). Before calling it expired we read the
 * alarm from CHeKT: our own earlier attempt may have been recorded (a lost answer), or the alarm
 * may still be open, in which case nothing is thrown away.
 */
async function afterNotFound(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  a: { id: string; action: AnswerAction; alarmId: string | null; expiresAt: Date; before: unknown; error: ChektError },
  now: Date,
): Promise<AnswerResult> {
  const traceId = a.error.traceId ?? ctx.traceId;
  const verdict: AlarmVerdict = await alarmVerdict(dealer.id, a.alarmId, a.action, ctx.traceId);
  if (verdict.kind === "recorded") {
    await recordAnswer(ctx, dealer, me, a.id, a.action, {
      traceId,
      before: a.before,
      contactId: null,
      respondedAt: null,
      idempotencyKey: null,
      note: `CHeKT 404 on resend; alarm ${verdict.alarmStatus} confirms the ${a.action}`,
    });
    return { outcome: "answered", state: STATE_OF[a.action], traceId };
  }
  if (verdict.kind === "open" && a.expiresAt > now) {
    await prisma.verification
      .update({
        where: verificationKey(dealer.id, a.id),
        data: { answerError: `CHeKT 404: ${a.error.message}`.slice(0, 500) },
      })
      .catch(() => undefined);
    throw new ActionError(
      "not_found_open",
      "CHeKT did not accept the answer (404) although the alarm is still open there. Nothing was recorded; " +
        "try again or call the monitoring station.",
    );
  }
  const why =
    verdict.kind === "closed_otherwise"
      ? `CHeKT 404 on ${a.action}; the alarm is ${verdict.alarmStatus} in CHeKT (answered or resolved elsewhere)`
      : `CHeKT 404 on ${a.action}${verdict.kind === "unknown" ? ` (alarm check failed: ${verdict.message})` : ""}`;
  await markExpired(ctx, dealer, a.id, a.before, why, traceId);
  return { outcome: "expired", message: EXPIRED_MESSAGE };
}
