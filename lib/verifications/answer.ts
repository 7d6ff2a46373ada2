import "server-only";
import { randomUUID } from "node:crypto";
import { ActionError } from "@/lib/actions/errors";
import type { ActionContext } from "@/lib/actions/client";
import { answerAlarmVerification } from "@/lib/chekt/api/verifications";
import { ChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyVerification } from "@/lib/webhooks/notify";

type Tx = Prisma.TransactionClient;
type Dealer = { id: string; chektDealerId: number };
type Me = { id: string; name: string; email: string };

export type AnswerAction = "dispatch" | "disregard";

export type AnswerResult =
  | { outcome: "answered"; state: "dispatched" | "disregarded"; traceId: string }
  | { outcome: "expired"; message: string };

export const EXPIRED_MESSAGE =
  "CHeKT no longer accepts an answer for this alarm: it expired or was already answered elsewhere. It has left the queue; nothing was sent to responders by us.";

/**
 * Claims atomically: succeeds only on a pending item, or one this user already holds. A second
 * operator gets "claimed by …" and cannot answer. Runs inside the caller's transaction (with the
 * audit row) and NOTIFYs so every open page shows the claim at once.
 */
export async function claimInTx(tx: Tx, dealer: Dealer, id: string, me: Me, now = new Date()) {
  const rows = await tx.$queryRaw<{ id: string; state: string }[]>`
    UPDATE verifications
       SET state = 'claimed', claimed_by_id = ${me.id}, claimed_by_name = ${me.name || me.email},
           claimed_at = COALESCE(CASE WHEN claimed_by_id = ${me.id} THEN claimed_at END, ${now}), updated_at = ${now}
     WHERE id = ${id} AND dealer_link_id = ${dealer.id} AND expires_at > ${now}
       AND (state = 'pending' OR (state = 'claimed' AND claimed_by_id = ${me.id}))
     RETURNING id, state::text AS state`;
  if (rows.length === 0) throw await refusal(tx, dealer, id, now);
  await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "claimed" });
}

/** Why a claim or answer cannot go ahead, in words an operator understands. */
async function refusal(tx: Tx, dealer: Dealer, id: string, now: Date): Promise<ActionError> {
  const row = await tx.verification.findFirst({ where: { id, dealerLinkId: dealer.id } });
  if (!row) return new ActionError("not_found", "This verification is not in this dealer's queue.");
  if (row.state === "claimed") return new ActionError("claimed", `Claimed by ${row.claimedByName ?? "another operator"}.`);
  if (row.state === "pending" && row.expiresAt <= now) return new ActionError("expired", "This verification has expired.");
  if (row.state === "dispatched" || row.state === "disregarded") {
    return new ActionError("answered", `Already ${row.state} by ${row.answeredByName ?? "another operator"}.`);
  }
  if (row.state === "cancelled") return new ActionError("cancelled", "The alarm was resolved; this verification was cancelled.");
  return new ActionError("expired", "This verification has expired.");
}

export async function releaseInTx(tx: Tx, dealer: Dealer, id: string, me: Me, now = new Date()) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE verifications SET state = 'pending', claimed_by_id = NULL, claimed_by_name = NULL, claimed_at = NULL, updated_at = ${now}
     WHERE id = ${id} AND dealer_link_id = ${dealer.id} AND state = 'claimed' AND claimed_by_id = ${me.id}
     RETURNING id`;
  if (rows.length === 0) throw await refusal(tx, dealer, id, now);
  await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "pending" });
}

/**
 * Dispatch or disregard. Steps, each safe to repeat:
 * 1. claim (or confirm our claim) and store the Idempotency-Key and responded_at BEFORE sending,
 *    so a retry after a lost answer sends the same request and CHeKT replays instead of answering twice;
 * 2. PATCH CHeKT;
 * 3. record the outcome with the audit row (and NOTIFY) in one transaction.
 * A 404 from CHeKT means expired/unknown/answered: the item is marked expired and the operator told.
 */
export async function answerVerification(ctx: Pick<ActionContext, "commit" | "traceId">, dealer: Dealer, me: Me, input: { id: string; action: AnswerAction; contactId: number }): Promise<AnswerResult> {
  const { id, action, contactId } = input;
  const prepared = await prisma.$transaction(async (tx) => {
    await claimInTx(tx, dealer, id, me);
    const row = await tx.verification.findUniqueOrThrow({ where: { id } });
    const reuse = row.answerIdemKey && row.answerAction === action && row.answerContactId === contactId && row.answeredAt;
    const key = reuse ? row.answerIdemKey! : `verif-${id}-${randomUUID()}`;
    const respondedAt = reuse ? row.answeredAt! : new Date();
    await tx.verification.update({
      where: { id },
      data: { answerIdemKey: key, answerAction: action, answerContactId: contactId, answeredAt: respondedAt, answerError: null },
    });
    return { key, respondedAt, siteId: row.siteId, before: { state: row.state, claimedBy: row.claimedByName } };
  });

  try {
    const { traceId } = await answerAlarmVerification(
      { dealerId: dealer.chektDealerId },
      prepared.siteId,
      id,
      { action, contactId, respondedAt: prepared.respondedAt },
      { idempotencyKey: prepared.key, traceId: ctx.traceId },
    );
    const state = action === "dispatch" ? "dispatched" : "disregarded";
    await ctx.commit(
      { action: `verifications.${action}`, objectKind: "verification", chektId: id, dealerLinkId: dealer.id, traceId: traceId ?? ctx.traceId, before: prepared.before, after: { state, contactId, respondedAt: prepared.respondedAt, idempotencyKey: prepared.key } },
      async (tx) => {
        await tx.verification.update({
          where: { id },
          data: { state, answeredById: me.id, answeredByName: me.name || me.email, answerTraceId: traceId ?? ctx.traceId, answerError: null },
        });
        await notifyVerification(tx, { id, dealerLinkId: dealer.id, state });
      },
    );
    return { outcome: "answered", state, traceId: traceId ?? ctx.traceId };
  } catch (error) {
    if (error instanceof ChektError && error.status === 404) {
      await ctx.commit(
        { action: "verifications.expire", objectKind: "verification", chektId: id, dealerLinkId: dealer.id, traceId: error.traceId ?? ctx.traceId, before: prepared.before, after: { state: "expired", reason: `CHeKT 404 on ${action}` } },
        async (tx) => {
          await tx.verification.update({ where: { id }, data: { state: "expired", answerError: `CHeKT 404: ${error.message}`, answerTraceId: error.traceId ?? ctx.traceId } });
          await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "expired" });
        },
      );
      return { outcome: "expired", message: EXPIRED_MESSAGE };
    }
    // Kept claimed with the same key: the operator can retry and CHeKT will replay if it did apply.
    const message = error instanceof Error ? error.message : String(error);
    await prisma.verification.update({ where: { id }, data: { answerError: message.slice(0, 500) } }).catch(() => undefined);
    if (error instanceof ChektError && error.status === 400 && error.fieldErrors?.contact_id) {
      throw new ActionError("validation", error.fieldErrors.contact_id, { contactId: error.fieldErrors.contact_id });
    }
    throw error;
  }
}
