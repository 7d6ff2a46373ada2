import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { answerAlarmVerification } from "@/lib/chekt/api/verifications";
import { prisma } from "@/lib/db";
import { alarmVerdict } from "./check";
import { afterSendFailure } from "./answer-failure";
import { prepareAnswer, type AnswerInput } from "./answer-prepare";
import { recordAnswer, type AnswerContext, type Dealer } from "./answer-record";
import { ANSWERED_STATES, isAnswered } from "./open";
import {
  ATTEMPT_DEADLINE_MS,
  FORGOTTEN_ANSWER,
  alreadyAnswered,
  STATE_OF,
  verificationKey,
  type AnswerAction,
  type AnswerResult,
} from "./answer-rules";
import type { Operator } from "./operator";

export { claimInTx, releaseInTx } from "./claims";
export { EXPIRED_MESSAGE, storedSteps, type AnswerAction, type AnswerResult } from "./answer-rules";

/**
 * Dispatch or disregard. Steps, each safe to repeat:
 * 1. claim (or renew our claim) and store the Idempotency-Key, action, contact and responded_at
 *    BEFORE sending, so a resend after a lost answer is the identical request and CHeKT replays it;
 *    an answer already stored with a different action or contact is refused (no second answer)
 *    (answer-prepare.ts);
 * 2. PATCH CHeKT on the "answer" budget class, with a short deadline;
 * 3. success: state, who, trace id and the audit row in one transaction (with NOTIFY) (answer-record.ts).
 * 429/5xx/dropped → "retrying" until the window (VERIFICATION_ANSWER_RETRY_SECONDS from the first
 * attempt, never past the deadline) closes. A 404 is checked against CHeKT before "expired"
 * (answer-failure.ts).
 */
export async function answerVerification(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  input: AnswerInput,
  now = () => new Date(),
): Promise<AnswerResult> {
  const { id, action, contactId } = input;
  const prepared = await prepareAnswer(dealer, me, input, now);
  try {
    const { traceId } = await answerAlarmVerification(
      { dealerId: dealer.chektDealerId },
      prepared.siteId,
      id,
      { action, contactId, respondedAt: prepared.respondedAt },
      { idempotencyKey: prepared.idemKey, traceId: ctx.traceId, deadlineMs: ATTEMPT_DEADLINE_MS },
    );
    await recordAnswer(ctx, dealer, me, id, action, {
      traceId,
      before: prepared.before,
      contactId,
      respondedAt: prepared.respondedAt,
      idempotencyKey: prepared.idemKey,
    });
    return { outcome: "answered", state: STATE_OF[action], traceId };
  } catch (error) {
    return afterSendFailure(ctx, dealer, me, { id, action, prepared }, error, now);
  }
}

/**
 * "Check with CHeKT" after "may or may not have been saved": reads the alarm; records the answer
 * when CHeKT shows it, otherwise says it was not recorded (the operator may send it again — the
 * stored key makes a resend safe either way).
 */
export async function checkStoredAnswer(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  id: string,
): Promise<{ recorded: boolean; message: string }> {
  const row = await prisma.verification.findUnique({ where: verificationKey(dealer.id, id) });
  if (!row) throw new ActionError("not_found", "This verification is not in this dealer's queue.");
  if (isAnswered(row.state)) return { recorded: true, message: alreadyAnswered(row) };
  if (!row.answerAction || (row.answerAction !== "dispatch" && row.answerAction !== "disregard"))
    return { recorded: false, message: "No answer is stored for this alarm; nothing to check." };
  const action: AnswerAction = row.answerAction;
  const verdict = await alarmVerdict(dealer.id, row.alarmId, action, ctx.traceId);
  if (verdict.kind === "recorded") {
    try {
      await recordAnswer(ctx, dealer, me, id, action, {
        traceId: ctx.traceId,
        before: { state: row.state },
        contactId: row.answerContactId,
        respondedAt: row.answeredAt,
        idempotencyKey: row.answerIdemKey,
        note: `confirmed by CHeKT (alarm ${verdict.alarmStatus})`,
      });
    } catch (e) {
      // The resend (or another check) recorded it while CHeKT was read: recorded all the same.
      if (e instanceof ActionError && e.code === "answered") return { recorded: true, message: e.message };
      throw e;
    }
    return { recorded: true, message: `CHeKT has the ${action}: the alarm is ${verdict.alarmStatus}.` };
  }
  if (verdict.kind === "open") {
    // CHeKT moves the alarm when it records an answer: it has not, so the stored answer is
    // forgotten and the operator may send it again or answer differently. Only the answer that was
    // checked, and only while unanswered: a resend CHeKT took while the alarm was being read keeps
    // the answer it was recorded with, and the operator is told so.
    const forgot = await prisma.verification.updateMany({
      where: { dealerLinkId: dealer.id, id, answerIdemKey: row.answerIdemKey, state: { notIn: [...ANSWERED_STATES] } },
      data: FORGOTTEN_ANSWER,
    });
    const later = forgot.count ? null : await prisma.verification.findUnique({ where: verificationKey(dealer.id, id) });
    if (later && isAnswered(later.state)) return { recorded: true, message: alreadyAnswered(later) };
    return {
      recorded: false,
      message:
        `CHeKT has not recorded the ${action}: the alarm is still ${verdict.alarmStatus}. Send it again or ` +
        "answer differently.",
    };
  }
  if (verdict.kind === "closed_otherwise")
    return {
      recorded: false,
      message:
        `The alarm is ${verdict.alarmStatus} in CHeKT, which does not match the ${action}: it was answered ` +
        "or resolved elsewhere.",
    };
  throw new ActionError("check_failed", `We could not check with CHeKT: ${verdict.message}`);
}
