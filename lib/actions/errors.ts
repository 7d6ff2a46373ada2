// What a failed action sends back to the form: safe to show, never a stack trace or a secret.
export type ActionFailure = {
  code: string;
  message: string;
  /** Messages to show beside fields, keyed by the form field name. */
  fieldErrors?: Record<string, string>;
  traceId?: string;
  /** Set with code "budget_wait": nothing was sent; the form may send the same input again after this many ms. */
  retryAfterMs?: number;
};

/** An expected refusal with words for the user (unauthenticated, forbidden, conflict, …). */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
