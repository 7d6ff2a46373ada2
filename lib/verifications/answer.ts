import "server-only";
import { randomUUID } from "node:crypto";
import { ActionError } from "@/lib/actions/errors";
import type { ActionContext } from "@/lib/actions/client";
import { answerAlarmVerification } from "@/lib/chekt/api/verifications";
import { ChektError, isTransient } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { notifyVerification } from "@/lib/webhooks/notify";
import { claimInTx } from "./claims";
import { deskConfig } from "./config";
import { alarmVerdict, type AlarmVerdict } from "./check";
import { queueAnnotationInTx } from "./annotate";
import { annotationBody } from "./annotate-format";
import { resolveAnswerOutcome } from "./outcomes";
import type { CheckedStep } from "./outcomes-schemas";
import { errorText } from "@/lib/error-text";
import { operatorName, type Operator } from "./operator";

export { claimInTx, releaseInTx } from "./claims";

type Dealer = { id: string; chektDealerId: number };

export type AnswerAction = "dispatch" | "disregard";

export type AnswerResult =
  | { outcome: "answered"; state: "dispatched" | "disregarded"; traceId: string }
  | { outcome: "expired"; message: string }
  /**
   * CHeKT did not answer in time (429, 5xx, dropped): the browser waits `retryInMs` and sends again with the same key.
   */
  | { outcome: "retrying"; retryInMs: number; reason: string; windowEndsAt: string }
  /** The retry window is over and CHeKT may have applied it: the operator checks with CHeKT. */
  | { outcome: "uncertain"; message: string }
  /** The retry window is over and CHeKT certainly did not apply it: nothing was recorded. */
  | { outcome: "not_sent"; message: string };

export const EXPIRED_MESSAGE =
  "CHeKT no longer accepts an answer for this alarm: it expired or was already answered elsewhere. It has " +
  "left the queue; nothing was sent to responders by us.";

// Each server-side attempt is short so the operator sees why an answer waits (and can cancel)
// instead of a silent spinner; the browser resends with the stored key until the window closes.
const ATTEMPT_DEADLINE_MS = 4_000;
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10_000;

const STATE_OF: Record<AnswerAction, "dispatched" | "disregarded"> = {
  dispatch: "dispatched",
  disregard: "disregarded",
};

function reasonOf(e: ChektError): string {
  if (e.kind === "rate_limited") return "CHeKT's rate limit";
  if (e.kind === "network") return "a dropped connection to CHeKT";
  if (e.kind === "timeout") return "CHeKT not answering in time";
  return `CHeKT answering ${e.status ?? "an error"}`;
}

/**
 * Dispatch or disregard. Steps, each safe to repeat:
 * 1. claim (or renew our claim) and store the Idempotency-Key, action, contact and responded_at
 *    BEFORE sending, so a resend after a lost answer is the identical request and CHeKT replays it;
 *    an answer already stored with a different action or contact is refused (no second answer);
 * 2. PATCH CHeKT on the "answer" budget class, with a short deadline;
 * 3. success: state, who, trace id and the audit row in one transaction (with NOTIFY).
 * 429/5xx/dropped → "retrying" until the window (VERIFICATION_ANSWER_RETRY_SECONDS from the first
 * attempt, never past the deadline) closes. A 404 is checked against CHeKT before "expired".
 */
export async function answerVerification(
  ctx: Pick<ActionContext, "commit" | "traceId">,
  dealer: Dealer,
  me: Operator,
  input: { id: string; action: AnswerAction; contactId: number; outcomeId: string; checkedSteps: string[] },
  now = () => new Date(),
): Promise<AnswerResult> {
  const { id, action, contactId } = input;
  const key = { dealerLinkId_id: { dealerLinkId: dealer.id, id } };
  const prepared = await prisma.$transaction(async (tx) => {
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
    const stored = !!row.answerIdemKey && !!row.answeredAt;
    const idemKey = stored ? row.answerIdemKey! : `verif-${id}-${randomUUID()}`;
    const respondedAt = stored ? row.answeredAt! : now();
    if (!stored) {
      await tx.verification.update({
        where: key,
        data: {
          answerIdemKey: idemKey,
          answerAction: action,
          answerContactId: contactId,
          answeredAt: respondedAt,
          answerError: null,
        },
      });
    }
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
    if (error instanceof ChektError && error.status === 404) {
      return afterNotFound(
        ctx,
        dealer,
        me,
        { id, action, alarmId: prepared.alarmId, expiresAt: prepared.expiresAt, before: prepared.before, error },
        now(),
      );
    }
    const message = errorText(error);
    const mayHaveApplied = !(error instanceof ChektError) || error.mayHaveApplied;
    if (error instanceof ChektError && isTransient(error)) {
      const windowEndsAt = new Date(
        Math.min(
          prepared.respondedAt.getTime() + deskConfig().VERIFICATION_ANSWER_RETRY_SECONDS * 1000,
          prepared.expiresAt.getTime(),
        ),
      );
      const left = windowEndsAt.getTime() - now().getTime();
      if (left > MIN_RETRY_MS) {
        await prisma.verification
          .update({ where: key, data: { answerError: message.slice(0, 500) } })
          .catch(() => undefined);
        const suggested = error.retryAfterS !== undefined ? error.retryAfterS * 1000 : 3_000;
        return {
          outcome: "retrying",
          retryInMs: Math.min(MAX_RETRY_MS, left - MIN_RETRY_MS, Math.max(MIN_RETRY_MS, suggested)),
          reason: reasonOf(error),
          windowEndsAt: windowEndsAt.toISOString(),
        };
      }
    }
    // Certainly not applied: forget the stored answer, so the operator may answer differently.
    await prisma.verification
      .update({
        where: key,
        data: mayHaveApplied
          ? { answerError: message.slice(0, 500) }
          : {
              answerError: message.slice(0, 500),
              answerIdemKey: null,
              answerAction: null,
              answerContactId: null,
              answeredAt: null,
            },
      })
      .catch(() => undefined);
    if (error instanceof ChektError && error.status === 400 && error.fieldErrors?.contact_id) {
      throw new ActionError("validation", error.fieldErrors.contact_id, { contactId: error.fieldErrors.contact_id });
    }
    if (error instanceof ChektError && isTransient(error)) {
      return mayHaveApplied
        ? {
            outcome: "uncertain",
            message:
              `CHeKT did not confirm the ${action} in time (${reasonOf(error)}). It may or may not have been ` +
              "saved — check with CHeKT.",
          }
        : {
            outcome: "not_sent",
            message:
              `CHeKT did not take the ${action} in time (${reasonOf(error)}). ` +
              "Nothing was recorded; send it again.",
          };
    }
    throw error;
  }
}

async function recordAnswer(
  ctx: Pick<ActionContext, "commit" | "traceId">,
  dealer: Dealer,
  me: Operator,
  id: string,
  action: AnswerAction,
  a: {
    traceId: string;
    before: unknown;
    contactId: number | null;
    respondedAt: Date | null;
    idempotencyKey: string | null;
    note?: string;
  },
) {
  const state = STATE_OF[action];
  const row = await prisma.verification.findUnique({
    where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
    select: { alarmId: true, answerOutcomeLabel: true, answerSteps: true },
  });
  const outcome = row?.answerOutcomeLabel
    ? { outcome: row.answerOutcomeLabel, steps: storedSteps(row.answerSteps) }
    : {};
  await ctx.commit(
    {
      action: `verifications.${action}`,
      objectKind: "verification",
      chektId: id,
      dealerLinkId: dealer.id,
      traceId: a.traceId,
      before: a.before,
      after: {
        state,
        contactId: a.contactId,
        respondedAt: a.respondedAt,
        idempotencyKey: a.idempotencyKey,
        ...outcome,
        ...(a.note ? { note: a.note } : {}),
      },
    },
    async (tx) => {
      // CHeKT accepted the answer: the annotation is owed from now on (sent after this commit).
      if (row?.alarmId && row.answerOutcomeLabel) {
        const notes = await tx.verificationNote.findMany({
          where: { dealerLinkId: dealer.id, verificationId: id },
          orderBy: { createdAt: "asc" },
          select: { text: true },
        });
        const body = annotationBody(
          row.answerOutcomeLabel,
          storedSteps(row.answerSteps),
          notes.map((n) => n.text),
        );
        await queueAnnotationInTx(tx, { dealerLinkId: dealer.id, verificationId: id, alarmId: row.alarmId, body });
      }
      await tx.verification.update({
        where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
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

/** The checked steps as the answer stored them (JSON). */
export function storedSteps(json: unknown): CheckedStep[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((s: unknown) => {
    if (typeof s !== "object" || s === null) return [];
    const { id, text, optional, checked } = s as Record<string, unknown>;
    return typeof id === "string" && typeof text === "string"
      ? [{ id, text, optional: optional === true, checked: checked === true }]
      : [];
  });
}

async function markExpired(
  ctx: Pick<ActionContext, "commit" | "traceId">,
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
        where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
        data: { state: "expired", answerError: reason.slice(0, 500), answerTraceId: traceId, leaseExpiresAt: null },
      });
      await notifyVerification(tx, { id, dealerLinkId: dealer.id, state: "expired" });
    },
  );
}

/**
 * CHeKT answered 404 (unknown, expired or already answered). Before calling it expired we read the
 * alarm from CHeKT: our own earlier attempt may have been recorded (a lost answer), or the alarm
 * may still be open, in which case nothing is thrown away.
 */
async function afterNotFound(
  ctx: Pick<ActionContext, "commit" | "traceId">,
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
        where: { dealerLinkId_id: { dealerLinkId: dealer.id, id: a.id } },
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

/**
 * "Check with CHeKT" after "may or may not have been saved": reads the alarm; records the answer
 * when CHeKT shows it, otherwise says it was not recorded (the operator may send it again — the
 * stored key makes a resend safe either way).
 */
export async function checkStoredAnswer(
  ctx: Pick<ActionContext, "commit" | "traceId">,
  dealer: Dealer,
  me: Operator,
  id: string,
): Promise<{ recorded: boolean; message: string }> {
  const row = await prisma.verification.findUnique({ where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } } });
  if (!row) throw new ActionError("not_found", "This verification is not in this dealer's queue.");
  if (row.state === "dispatched" || row.state === "disregarded")
    return { recorded: true, message: `Already ${row.state} by ${row.answeredByName ?? "an operator"}.` };
  if (!row.answerAction || (row.answerAction !== "dispatch" && row.answerAction !== "disregard"))
    return { recorded: false, message: "No answer is stored for this alarm; nothing to check." };
  const action: AnswerAction = row.answerAction;
  const verdict = await alarmVerdict(dealer.id, row.alarmId, action, ctx.traceId);
  if (verdict.kind === "recorded") {
    await recordAnswer(ctx, dealer, me, id, action, {
      traceId: ctx.traceId,
      before: { state: row.state },
      contactId: row.answerContactId,
      respondedAt: row.answeredAt,
      idempotencyKey: row.answerIdemKey,
      note: `confirmed by CHeKT (alarm ${verdict.alarmStatus})`,
    });
    return { recorded: true, message: `CHeKT has the ${action}: the alarm is ${verdict.alarmStatus}.` };
  }
  if (verdict.kind === "open") {
    // CHeKT moves the alarm when it records an answer: it has not, so the stored answer is
    // forgotten and the operator may send it again or answer differently.
    await prisma.verification.update({
      where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
      data: { answerIdemKey: null, answerAction: null, answerContactId: null, answeredAt: null },
    });
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
