import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { annotateAlarm, type AlarmAnnotationInput } from "@/lib/chekt/api/alarms";
import { ChektError, DEFAULT_RATE_LIMIT_WAIT_MS, isTransient } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { secretsByLinkId } from "@/lib/webhooks/dealer-secrets";
import { errorText } from "@/lib/error-text";

export { ANNOTATION_SOURCE, annotationBody, annotationLabel } from "./annotate-format";

// The desk's outcome goes back to CHeKT as an annotation on the alarm (POST /v1/alarms/{id}/annotate,
// scope events:write) once CHeKT accepted the answer. The desk_annotations row is the truth: it is
// written in the answer's transaction, sent right after, and retried by the pg-boss sweep
// (annotate-worker.ts) on 429/5xx/dropped connections. Nothing here can block or undo the answer.

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 15_000;
const BACKOFF_MAX_MS = 30 * 60_000;
const ATTEMPT_DEADLINE_MS = 8_000;

export type AnnotationState = "pending" | "sent" | "failed" | "scope_missing" | "no_key";

/** Queues the annotation in the answer's transaction; a second answer record keeps the first row. */
export async function queueAnnotationInTx(
  tx: Prisma.TransactionClient,
  a: { dealerLinkId: string; verificationId: string; alarmId: string; body: AlarmAnnotationInput },
): Promise<void> {
  const body: Prisma.InputJsonObject = a.body;
  await tx.deskAnnotation.upsert({
    where: { dealerLinkId_verificationId: { dealerLinkId: a.dealerLinkId, verificationId: a.verificationId } },
    create: { ...a, body, idempotencyKey: `annotate-${a.verificationId}-${randomUUID()}` },
    update: {},
  });
}

/**
 * The wait before the next attempt: what CHeKT asked (a 429 always carries its wait, see
 * lib/chekt/errors.ts retryAfterFor), never under the shared rate-limit default; otherwise (a 5xx, a
 * dropped connection) a doubling backoff: the answer is recorded already and nothing waits on this.
 */
function backoffMs(attempts: number, retryAfterS?: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return retryAfterS !== undefined ? Math.max(retryAfterS * 1000, DEFAULT_RATE_LIMIT_WAIT_MS) : exp;
}

// The stored row is JSON: read back as the body it was queued as, or refused before anything is sent.
const storedBody = z.object({
  source: z.string(),
  note: z.string().optional(),
  verdict: z.string().optional(),
  confidence: z.number().optional(),
  outcome: z.string().optional(),
}) satisfies z.ZodType<AlarmAnnotationInput>;

/**
 * One attempt for one verification's annotation, if it is due. The row is leased first (an atomic
 * UPDATE … WHERE due) so two instances never send it at the same time; the stored Idempotency-Key
 * makes a resend after a lost answer a replay in CHeKT. A send slower than the lease may find the row
 * leased again by another attempt (its `attempts` moved on): CHeKT's "sent" is written all the same,
 * anything else only while the lease is still this attempt's, so a late failure never puts back to
 * pending an annotation the later attempt sent. Returns the state this attempt wrote, or null when
 * nothing was due or a later attempt took the row over.
 */
export async function deliverAnnotation(
  dealerLinkId: string,
  verificationId: string,
  now = () => new Date(),
  traceId?: string,
): Promise<AnnotationState | null> {
  const at = now();
  const leased = await prisma.deskAnnotation.updateMany({
    where: { dealerLinkId, verificationId, state: "pending", nextAttemptAt: { lte: at } },
    data: { nextAttemptAt: new Date(at.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  if (leased.count === 0) return null;
  const row = await prisma.deskAnnotation.findUniqueOrThrow({
    where: { dealerLinkId_verificationId: { dealerLinkId, verificationId } },
  });
  const ours = { dealerLinkId, verificationId, state: "pending", attempts: row.attempts };
  const finish = async (
    state: AnnotationState,
    data: { lastError?: string | null; nextAttemptAt?: Date; chektId?: string; sentAt?: Date } = {},
  ) => {
    const written = await prisma.deskAnnotation.updateMany({
      where: state === "sent" ? { dealerLinkId, verificationId, state: { not: "sent" } } : ours,
      data: { state, ...data, lastError: data.lastError?.slice(0, 500) ?? null },
    });
    return written.count ? state : null;
  };

  const body = storedBody.safeParse(row.body);
  if (!body.success) return finish("failed", { lastError: "the stored annotation is not a valid body" });
  const secrets = await secretsByLinkId(dealerLinkId);
  if (!secrets?.apiKey)
    return finish("no_key", { lastError: "This dealer has no CHeKT App key; the annotation was not sent." });
  try {
    const ann = await annotateAlarm(secrets.apiKey, row.alarmId, body.data, {
      idempotencyKey: row.idempotencyKey,
      traceId,
      deadlineMs: ATTEMPT_DEADLINE_MS,
    });
    return finish("sent", { chektId: ann.id, sentAt: now() });
  } catch (e) {
    const message = errorText(e);
    if (e instanceof ChektError && e.kind === "forbidden") {
      // CHeKT answers 403 permission_denied when the App key lacks events:write: no retry helps.
      return finish("scope_missing", { lastError: `The CHeKT App key lacks the events:write scope: ${message}` });
    }
    if (e instanceof ChektError && isTransient(e) && row.attempts < MAX_ATTEMPTS) {
      return finish("pending", {
        lastError: message,
        nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts, e.retryAfterS)),
      });
    }
    if (!(e instanceof ChektError) && row.attempts < MAX_ATTEMPTS) {
      return finish("pending", {
        lastError: message,
        nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts)),
      });
    }
    return finish("failed", { lastError: message });
  }
}

/** The sweep: every due annotation of every dealer, oldest first, a bounded batch per run. */
export async function deliverDueAnnotations(
  now = () => new Date(),
  limit = 25,
): Promise<Record<AnnotationState, number>> {
  const due = await prisma.deskAnnotation.findMany({
    where: { state: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { dealerLinkId: true, verificationId: true },
  });
  const counts: Record<AnnotationState, number> = { pending: 0, sent: 0, failed: 0, scope_missing: 0, no_key: 0 };
  for (const d of due) {
    const state = await deliverAnnotation(d.dealerLinkId, d.verificationId, now);
    if (state) counts[state] += 1;
  }
  return counts;
}
