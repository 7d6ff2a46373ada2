import "server-only";
// Step 1 of an answer (answer.ts), before anything goes to CHeKT: claim the item and store what is
// about to be sent, so a resend after a lost answer is the identical request and CHeKT replays it.
import { randomUUID } from "node:crypto";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimInTx } from "./claims";
import { verificationKey, type AnswerAction } from "./answer-rules";
import type { Dealer } from "./answer-record";
import { resolveAnswerOutcome } from "./outcomes";
import { operatorName, type Operator } from "./operator";

export type AnswerInput = {
  id: string;
  action: AnswerAction;
  contactId: number;
  outcomeId: string;
  checkedSteps: string[];
};

type VerificationKey = ReturnType<typeof verificationKey>;
type StoredAnswer = { answerIdemKey: string | null; answeredAt: Date | null };

/**
 * The Idempotency-Key and responded_at of the answer: the stored ones on a resend, new ones (stored now,
 * with who sends them) else.
 */
async function storeAnswerKey(
  tx: Prisma.TransactionClient,
  key: VerificationKey,
  row: StoredAnswer,
  input: AnswerInput,
  me: Operator,
  now: () => Date,
): Promise<{ idemKey: string; respondedAt: Date }> {
  if (row.answerIdemKey && row.answeredAt) return { idemKey: row.answerIdemKey, respondedAt: row.answeredAt };
  const idemKey = `verif-${input.id}-${randomUUID()}`;
  const respondedAt = now();
  await tx.verification.update({
    where: key,
    data: {
      answerIdemKey: idemKey,
      answerAction: input.action,
      answerContactId: input.contactId,
      answeredAt: respondedAt,
      answerSentById: me.id,
      answerSentByName: operatorName(me),
      answerError: null,
    },
  });
  return { idemKey, respondedAt };
}

/**
 * Claims (or renews our claim) and stores the Idempotency-Key, action, contact and responded_at in
 * one transaction; an answer already stored with a different action or contact is refused (no
 * second answer). Returns what the send and the audit row need.
 */
export async function prepareAnswer(dealer: Dealer, me: Operator, input: AnswerInput, now: () => Date) {
  const { id, action, contactId } = input;
  const key = verificationKey(dealer.id, id);
  return prisma.$transaction(async (tx) => {
    const before = await tx.verification.findUnique({ where: key });
    // The outcome and checklist are checked before anything is claimed or stored: a refusal
    // (another dealer's outcome, wrong kind, a required step unchecked) leaves the row as it was.
    const chosen = before ? await resolveAnswerOutcome(tx, dealer, before.siteId, action, input) : null;
    await claimInTx(tx, dealer, id, me, now());
    const row = await tx.verification.findUniqueOrThrow({ where: key });
    if (row.answerIdemKey && (row.answerAction !== action || row.answerContactId !== contactId)) {
      throw new ActionError(
        "answer_stored",
        `A ${row.answerAction} answer is already stored for this alarm and may have reached CHeKT. Use ` +
          `"Check with CHeKT" before answering differently.`,
      );
    }
    const { idemKey, respondedAt } = await storeAnswerKey(tx, key, row, input, me, now);
    // The outcome is ours, not sent to CHeKT with the answer: a resend may carry a corrected one.
    if (chosen) {
      await tx.verification.update({
        where: key,
        data: {
          answerOutcomeId: chosen.outcome.id,
          answerOutcomeLabel: chosen.outcome.label,
          answerSteps: chosen.steps,
        },
      });
    }
    return {
      idemKey,
      respondedAt,
      siteId: row.siteId,
      alarmId: row.alarmId,
      expiresAt: row.expiresAt,
      before: { state: before?.state ?? row.state, claimedBy: before?.claimedByName ?? null },
    };
  });
}

export type PreparedAnswer = Awaited<ReturnType<typeof prepareAnswer>>;
