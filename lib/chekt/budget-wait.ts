import { AsyncLocalStorage } from "node:async_hooks";
import type { ActionFailure } from "../actions/errors";
import { ChektError, type ChektErrorInit } from "./errors";

/**
 * Interactive writes that would wait for the budget say so instead of hanging (issue 12, point 5).
 *
 * A server action runs inside `runInteractive` (lib/actions/client.ts). There, a write of class
 * "write" whose token is more than `refuseOverMs` away is refused before anything is sent —
 * `BudgetWaitError`, which reaches the form as `{code: "budget_wait", retryAfterMs}`; the form
 * counts down "sending in 4 s" (cancellable) and sends the same input again. Only the action's
 * first write may be refused: once a write went out, later calls of the same action wait like
 * any other, so an action is never left half-sent.
 */

type Interactive = { refuseOverMs: number; writeSent: boolean };
const scope = new AsyncLocalStorage<Interactive>();

/** Waits up to this are simply waited out; longer ones are handed back to the form. */
export const INTERACTIVE_REFUSE_OVER_MS = 1_500;

export function runInteractive<T>(fn: () => Promise<T>, refuseOverMs = INTERACTIVE_REFUSE_OVER_MS): Promise<T> {
  return scope.run({ refuseOverMs, writeSent: false }, fn);
}

/** The wait above which this write is refused rather than held (undefined: hold it). */
export function refusalFor(write: boolean): number | undefined {
  const s = scope.getStore();
  return s && write && !s.writeSent ? s.refuseOverMs : undefined;
}

/** A write of this action is going out: from now on its calls wait instead of being refused. */
export function noteWriteSent(): void {
  const s = scope.getStore();
  if (s) s.writeSent = true;
}

export type BudgetWaitFailure = ActionFailure & { code: "budget_wait"; retryAfterMs: number };

/** Nothing was sent: the budget asks this write to wait `retryAfterMs`. */
export class BudgetWaitError extends ChektError {
  readonly retryAfterMs: number;

  constructor(init: Omit<ChektErrorInit, "kind" | "status" | "code" | "message" | "mayHaveApplied"> & { retryAfterMs: number }) {
    const s = Math.max(1, Math.ceil(init.retryAfterMs / 1000));
    super({ ...init, kind: "rate_limited", status: null, code: "budget_wait", retryAfterS: s, mayHaveApplied: false, message: `Waiting for CHeKT's rate limit — sending in ${s} s` });
    this.retryAfterMs = init.retryAfterMs;
  }

  override toActionFailure(): BudgetWaitFailure {
    const failure: BudgetWaitFailure = { code: "budget_wait", message: `${this.message}. Nothing has been sent yet.`, retryAfterMs: this.retryAfterMs };
    if (this.traceId !== undefined) failure.traceId = this.traceId;
    return failure;
  }
}
