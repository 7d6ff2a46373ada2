import "server-only";
// What CHeKT's verdict on an answer leaves in Postgres: the item answered (with the annotation it
// now owes) or expired, each in one commit with its audit row and the NOTIFY open pages wait for.
import type { ActionContext } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyVerification } from "@/lib/webhooks/notify";
import { queueAnnotationInTx } from "./annotate";
import { annotationBody } from "./annotate-format";
import { STATE_OF, storedSteps, verificationKey, type AnswerAction } from "./answer-rules";
import { operatorName, type Operator } from "./operator";

export type AnswerContext = Pick<ActionContext, "commit" | "traceId">;
export type Dealer = { id: string; chektDealerId: number };

/** What the audit row of an answer CHeKT took says about it. */
export type RecordedAnswer = {
  traceId: string;
  before: unknown;
  contactId: number | null;
  respondedAt: Date | null;
  idempotencyKey: string | null;
  note?: string;
};

type StoredOutcome = { alarmId: string | null; answerOutcomeLabel: string | null; answerSteps: Prisma.JsonValue };

/** The audit row's "after": the answer, the outcome stored with it, and why it was recorded late. */
function answerAfter(state: string, a: RecordedAnswer, row: StoredOutcome | null) {
  const outcome = row?.answerOutcomeLabel
    ? { outcome: row.answerOutcomeLabel, steps: storedSteps(row.answerSteps) }
    : {};
  return {
    state,
    contactId: a.contactId,
    respondedAt: a.respondedAt,
    idempotencyKey: a.idempotencyKey,
    ...outcome,
    ...(a.note ? { note: a.note } : {}),
  };
}

/** CHeKT accepted the answer: the annotation is owed from now on (sent after this commit). */
async function queueOwedAnnotation(
  tx: Prisma.TransactionClient,
  dealerLinkId: string,
  id: string,
  stored: { alarmId: string; label: string; steps: Prisma.JsonValue },
) {
  const notes = await tx.verificationNote.findMany({
    where: { dealerLinkId, verificationId: id },
    orderBy: { createdAt: "asc" },
    select: { text: true },
  });
  const body = annotationBody(
    stored.label,
    storedSteps(stored.steps),
    notes.map((n) => n.text),
  );
  await queueAnnotationInTx(tx, { dealerLinkId, verificationId: id, alarmId: stored.alarmId, body });
}

export async function recordAnswer(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  id: string,
  action: AnswerAction,
  a: RecordedAnswer,
) {
  const state = STATE_OF[action];
  const row = await prisma.verification.findUnique({
    where: verificationKey(dealer.id, id),
    select: { alarmId: true, answerOutcomeLabel: true, answerSteps: true },
  });
  await ctx.commit(
    {
      action: `verifications.${action}`,
      objectKind: "verification",
      chektId: id,
      dealerLinkId: dealer.id,
      traceId: a.traceId,
      before: a.before,
      after: answerAfter(state, a, row),
    },
    async (tx) => {
      if (row?.alarmId && row.answerOutcomeLabel) {
        const stored = { alarmId: row.alarmId, label: row.answerOutcomeLabel, steps: row.answerSteps };
        await queueOwedAnnotation(tx, dealer.id, id, stored);
      }
      await tx.verification.update({
        where: verificationKey(dealer.id, id),
        data: {
          state,
          answeredById: me.id,
          answeredByName: operatorName(me),
          answerTraceId: a.traceId,
          answerError: null,
          leaseExpiresAt: null,
        },
      });
      await notifyVerification(tx, { id, dealerLinkId: dealer.id, state });
    },
  );
}

export async function markExpired(
  ctx: AnswerContext,
  dealer: Dealer,
  id: string,
  before: unknown,
  reason: string,
  traceId: string,
) {
  await ctx.commit(
    {
      action: "verifications.expire",
      objectKind: "verification",
      chektId: id,
      dealerLinkId: dealer.id,
      traceId,
      before,
      after: { state: "expired", reason },
    },
    async (tx) => {
      await tx.verification.update({
        where: verificationKey(dealer.id, id),
        data: { state: "expired", answerError: reason.slice(0, 500), answerTraceId: traceId, leaseExpiresAt: null },
      });
      await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "expired" });
    },
  );
}
