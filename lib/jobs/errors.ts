// How the bulk worker reads a failed CHeKT call. The client throws ChektError (lib/chekt/errors);
// we read it structurally so this module also works on errors from fetch itself.
import { isTransientStatus, retryWaitMs } from "@/lib/chekt/errors";
import { errorText } from "@/lib/error-text";

export type Failure =
  /** Wait and send again; nothing was done. */
  | { type: "rate"; waitS: number; message: string }
  /** We cannot know whether CHeKT applied it: resend with the same Idempotency-Key. */
  | { type: "unknown"; message: string }
  /** The key is bound to another body, or has lapsed: reconcile by listing, then send with a new key. */
  | { type: "conflict"; message: string }
  /** CHeKT refused the whole request; every item in it failed with this status. */
  | { type: "rejected"; status: number; message: string };

type ErrorLike = {
  status?: unknown;
  code?: unknown;
  kind?: unknown;
};

export function classifyFailure(error: unknown): Failure {
  const e: ErrorLike = typeof error === "object" && error !== null ? error : {};
  const message = errorText(error);
  const status = typeof e.status === "number" ? e.status : 0;
  // The client also says rate_limited (no status) when the wait would outlast its own deadline.
  if (status === 429 || e.kind === "rate_limited") return { type: "rate", waitS: retryWaitMs(error) / 1000, message };
  if (e.code === "idempotency_conflict") return { type: "conflict", message };
  // Our own configuration (no credentials, no dealer): nothing was sent and resending will not help.
  if (e.kind === "config") return { type: "rejected", status: 0, message };
  // No status: timeout, dropped connection, DNS… A 5xx may have been applied before it failed.
  if (status === 0 || isTransientStatus(status)) return { type: "unknown", message };
  return { type: "rejected", status, message };
}
