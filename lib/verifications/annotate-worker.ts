import "server-only";
// The pg-boss job that retries annotations CHeKT did not take (429, 5xx, dropped connection): a
// singleton queue run every minute, so one sweep at a time across every app instance; each row is
// leased before it is sent anyway (annotate.ts).
import { startMinutelyWorker, type MinutelyWorkerOptions } from "@/lib/jobs/minutely";
import { deliverAnnotation, deliverDueAnnotations } from "./annotate";
import { errorText } from "@/lib/error-text";

export const ANNOTATIONS_QUEUE = "desk-annotations";

export function startAnnotationWorker(opts: MinutelyWorkerOptions) {
  return startMinutelyWorker(ANNOTATIONS_QUEUE, opts, async (log) => {
    const c = await deliverDueAnnotations();
    if (c.sent || c.pending || c.failed || c.scope_missing || c.no_key)
      log(
        `sent ${c.sent}, to retry ${c.pending}, failed ${c.failed}, scope missing ${c.scope_missing}, no ` +
          `key ${c.no_key}`,
      );
  });
}

/**
 * The first attempt, right after the answer was recorded, without making the operator wait for it:
 * whatever happens is kept on the row, and the sweep above retries what is still pending.
 */
export function kickAnnotation(dealerLinkId: string, verificationId: string, traceId?: string): void {
  void deliverAnnotation(dealerLinkId, verificationId, () => new Date(), traceId).catch((e) =>
    console.log(`[annotate] ${verificationId}: ${errorText(e)} (the sweep retries it)`),
  );
}
