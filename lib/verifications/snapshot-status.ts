// Which snapshot failures are worth trying again: one table for the server's fetch from CHeKT
// (snapshot-fetch.ts), our route's answer (app/api/snapshots/[id]/route.ts) and the page's retries
// (components/verifications/snapshots/use-snapshot.ts). Pure and browser-safe.
import { isTransientStatus, retryAfterSeconds } from "@/lib/chekt/errors";

/**
 * An answer that may differ if asked again: the CHeKT client's own rule (isTransientStatus: 408, 429
 * and 5xx, the contract's "429 rate limited, 5xx retry with backoff"). Any other is final.
 */
export const isPassingFailure = isTransientStatus;

/**
 * CHeKT answered, and what it sent can never become an image we show: not an image, too large, a
 * redirect off its host or too many, a refusal other than 403/404. A 4xx of its own, so no level
 * mistakes it for the passing 502 a gateway sends.
 */
export const SNAPSHOT_UNUSABLE = 422;

/** Our route's answer to a failure: 503 with Retry-After while it is passing, else the failure's own status. */
export function snapshotFailureAnswer(failure: {
  status: number;
  retryAfterS?: number;
}): { status: number; code: "snapshot_unavailable" } | { status: 503; code: "snapshot_retry"; retryAfterS: number } {
  if (!isPassingFailure(failure.status)) return { status: failure.status, code: "snapshot_unavailable" };
  return { status: 503, code: "snapshot_retry", retryAfterS: Math.max(1, failure.retryAfterS ?? 2) };
}

/** The page's waits between tries of a passing failure: about two minutes in all. */
export const SNAPSHOT_BACKOFF_S = [1, 2, 4, 8, 15, 30, 30, 30];

/**
 * After failed try number `attempt` (from 0) of our route, `answer` null when none came: give up with
 * the reason, or wait this many seconds (the backoff's, or the route's Retry-After when longer).
 */
export function afterSnapshotFailure(answer: Response | null, attempt: number): { why: string } | { waitS: number } {
  if (answer && !isPassingFailure(answer.status)) return { why: finalReason(answer.status) };
  if (attempt >= SNAPSHOT_BACKOFF_S.length) return { why: "CHeKT did not send it in time" };
  const asked = answer ? (retryAfterSeconds(answer.headers) ?? 0) : 0;
  return { waitS: Math.max(SNAPSHOT_BACKOFF_S[attempt]!, asked) };
}

function finalReason(status: number): string {
  if (status === 404) return "CHeKT no longer has this image";
  if (status === SNAPSHOT_UNUSABLE) return "CHeKT did not send a usable image";
  return "This image cannot be shown";
}
