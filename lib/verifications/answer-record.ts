import "server-only";
// What CHeKT's verdict on an answer leaves in Postgres: the item answered (with the annotation it
// now owes) or expired, each in one commit with its audit row and the NOTIFY open pages wait for.
import type { ActionContext } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyVerification } from "@/lib/webhooks/notify";
import { queueAnnotationInTx } from "./annotate";
import { annotationBody } from "./annotate-format";
import { STATE_OF, alreadyAnswered, storedSteps, verificationKey, type AnswerAction } from "./answer-rules";
import { isAnswered } from "./open";
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

/**
 * The audit row's "after": the answer, the outcome stored with it, why it was recorded late, and whose
 * answer it is when not the recorder's (`answeredBy`).
 */
function answerAfter(state: string, a: RecordedAnswer, row: StoredOutcome | null, answeredBy?: string) {
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
    ...(answeredBy ? { answeredBy } : {}),
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

type StoredSender = { answerIdemKey: string | null; answerSentById: string | null; answerSentByName: string | null };

/**
 * Whose answer CHeKT took: the stored answer's sender when it is that answer being recorded (a replay
 * of its key after a takeover, a check, a 404 confirmed by the alarm), else the recorder's own.
 */
function answeredBy(row: StoredSender | null, a: RecordedAnswer, me: Operator): { id: string; name: string } {
  if (row?.answerSentById && (!a.idempotencyKey || a.idempotencyKey === row.answerIdemKey))
    return { id: row.answerSentById, name: row.answerSentByName ?? "another operator" };
  return { id: me.id, name: operatorName(me) };
}

/**
 * CHeKT took the answer: the item answered, its audit row, the annotation owed and the NOTIFY, in one
 * commit. The row is locked first, so two records of one answer (a double click, a second tab, two
 * operators whose identical requests CHeKT replayed) run one after the other: the second finds the
 * item answered and is refused with who answered it and when, its commit (and audit row) rolled back.
 * The claim is not checked: an answer CHeKT accepted is recorded, as its sender's, even if the claim
 * was taken over or lapsed while it was on its way.
 */
export async function recordAnswer(
  ctx: AnswerContext,
  dealer: Dealer,
  me: Operator,
  id: string,
  action: AnswerAction,
  a: RecordedAnswer,
) {
  const state = STATE_OF[action];
  const key = verificationKey(dealer.id, id);
  const entry = {
    action: `verifications.${action}`,
    objectKind: "verification" as const,
    chektId: id,
    dealerLinkId: dealer.id,
    traceId: a.traceId,
    before: a.before,
    // Filled in under the lock below (the commit builds its audit row after the work).
    after: answerAfter(state, a, null),
  };
  await ctx.commit(entry, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM verifications WHERE dealer_link_id = ${dealer.id} AND id = ${id} FOR UPDATE`;
    const row = await tx.verification.findUnique({
      where: key,
      select: {
        state: true,
        answeredByName: true,
        answeredAt: true,
        alarmId: true,
        answerOutcomeLabel: true,
        answerSteps: true,
        answerIdemKey: true,
        answerSentById: true,
        answerSentByName: true,
      },
    });
    if (row && isAnswered(row.state)) throw new ActionError("answered", alreadyAnswered(row));
    const by = answeredBy(row, a, me);
    entry.after = answerAfter(state, a, row, by.id === me.id ? undefined : by.name);
    if (row?.alarmId && row.answerOutcomeLabel) {
      const stored = { alarmId: row.alarmId, label: row.answerOutcomeLabel, steps: row.answerSteps };
      await queueOwedAnnotation(tx, dealer.id, id, stored);
    }
    await tx.verification.update({
      where: key,
      data: {
        state,
        answeredById: by.id,
        answeredByName: by.name,
        answerTraceId: a.traceId,
        answerError: null,
        leaseExpiresAt: null,
        // What CHeKT took, written again: a "check with CHeKT" that read the alarm before this answer
        // landed may have forgotten the stored answer in between.
        ...(a.idempotencyKey
          ? {
              answerIdemKey: a.idempotencyKey,
              answerAction: action,
              answerContactId: a.contactId,
              answeredAt: a.respondedAt,
              answerSentById: by.id,
              answerSentByName: by.name,
            }
          : {}),
      },
    });
    await notifyVerification(tx, { id, dealerLinkId: dealer.id, state });
  });
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
