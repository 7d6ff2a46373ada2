// What a dealer is told when CHeKT answers 500 to a write on every try (lib/chekt/errors.ts): the change
// may have landed before the error, so the words say so rather than "nothing was saved".
export const UNSURE_AFTER_500 =
  "CHeKT had a problem (HTTP 500); the change may or may not have been saved — refresh to check before trying again.";

/** The outcomes of an action's audit rows, and the trace ids of its failures. */
export const auditSummary = (rows: { outcome: string; traceId: string | null }[]) => ({
  outcomes: rows.map((r) => r.outcome),
  failureTraces: rows.filter((r) => r.outcome === "failure").map((r) => r.traceId),
});
