import { AsyncLocalStorage } from "node:async_hooks";
import type { ActionFailure } from "../actions/errors";
import { BUDGET_CLASSES, type BudgetClass } from "./budget-class";
import { ChektError, waitSeconds, type ChektErrorInit } from "./errors";

/**
 * Interactive writes that would wait for the budget say so instead of hanging (issue 12, point 5).
 *
 * A server action that changes something runs inside `runInteractive` (lib/actions/client.ts).
 * There, the action's FIRST call to CHeKT looks at how long an interactive write would wait now;
 * when that is more than `refuseOverMs`, it is refused before anything is sent — `BudgetWaitError`,
 * which reaches the form as `{code: "budget_wait", retryAfterMs}`; the form counts down "sending
 * in 4 s" (cancellable) and sends the same input again. Once any call of the action went out,
 * its later calls wait like any other, so an action is never left half-sent — and a resend whose
 * first call is a read before the write cannot be refused over and over (the read would spend
 * the token the write was waiting for). Answers are never refused: they go first anyway.
 *
 * CHeKT's own 429 is the same news come late (its limit was lowered before the budget learned it): the
 * budget is blocked until its Retry-After for every class and instance (CallBudget.block), and the
 * call that met it is handed back the same way when its wait is longer than `refuseOverMs` and
 * nothing the action sent before may have changed anything (`handBackOn429`): a 429 is never processed.
 */

type Interactive = { refuseOverMs: number; sent: boolean; writesSent: number; writeAccepted: boolean };
const scope = new AsyncLocalStorage<Interactive>();

/** Waits up to this are simply waited out; longer ones are handed back to the form. */
export const INTERACTIVE_REFUSE_OVER_MS = 1_500;

export function runInteractive<T>(fn: () => Promise<T>, refuseOverMs = INTERACTIVE_REFUSE_OVER_MS): Promise<T> {
  return scope.run({ refuseOverMs, sent: false, writesSent: 0, writeAccepted: false }, fn);
}

/**
 * Whether this call, of class `cls`, may be refused instead of held: only the first call of an
 * interactive action, never an answer. The wait is judged as an interactive write's (what the
 * action is about to spend), or as the call's own class when that is higher.
 */
export function refusalFor(cls: BudgetClass): { overMs: number; judgeAs: BudgetClass } | undefined {
  const s = scope.getStore();
  if (!s || s.sent || cls === "answer") return undefined;
  return {
    overMs: s.refuseOverMs,
    judgeAs: BUDGET_CLASSES.indexOf(cls) < BUDGET_CLASSES.indexOf("write") ? cls : "write",
  };
}

/**
 * Runs `fn` outside the running action: work every waiting call shares (the OAuth token request,
 * client-token.ts) is neither refused by the rule of the action that happened to start it nor
 * counted as that action's call going out.
 */
export function outsideInteractive<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** A request of this action is going out (`write`: one that may change something): later calls wait, not refused. */
export function noteSent(write = false): void {
  const s = scope.getStore();
  if (!s) return;
  s.sent = true;
  if (write) s.writesSent += 1;
}

/**
 * CHeKT answered 429 to a request of class `cls` (`write`: a change): the wait over which the action is handed
 * back to the form unsent, or undefined when it must not be. A 429 changed nothing, so the action may be sent
 * again whole as long as no other request of it may have (only reads went out before, and this write's one
 * request was this one); an answer is never handed back.
 */
export function handBackOn429(cls: BudgetClass, write: boolean): number | undefined {
  const s = scope.getStore();
  if (!s || cls === "answer" || s.writesSent > (write ? 1 : 0)) return undefined;
  return s.refuseOverMs;
}

/** CHeKT answered a write of this action with a 2xx: the change is CHeKT's now, whatever happens here after. */
export function noteWriteAccepted(): void {
  const s = scope.getStore();
  if (s) s.writeAccepted = true;
}

/**
 * Whether CHeKT accepted a write of the running action: the one place lib/actions/client.ts learns
 * that a failure on our side (the commit after the write) left a change in CHeKT the console lacks.
 */
export function writeAccepted(): boolean {
  return scope.getStore()?.writeAccepted ?? false;
}

export type BudgetWaitFailure = ActionFailure & { code: "budget_wait"; retryAfterMs: number };

/** Nothing was sent: the budget asks this write to wait `retryAfterMs`. */
export class BudgetWaitError extends ChektError {
  readonly retryAfterMs: number;

  constructor(
    init: Omit<ChektErrorInit, "kind" | "status" | "code" | "message" | "mayHaveApplied"> & { retryAfterMs: number },
  ) {
    const s = waitSeconds(init.retryAfterMs);
    super({
      ...init,
      kind: "rate_limited",
      code: "budget_wait",
      retryAfterS: s,
      mayHaveApplied: false,
      message: `Waiting for CHeKT's rate limit — sending in ${s} s`,
    });
    this.retryAfterMs = init.retryAfterMs;
  }

  override toActionFailure(): BudgetWaitFailure {
    const failure: BudgetWaitFailure = {
      code: "budget_wait",
      message: `${this.message}. Nothing has been sent yet.`,
      retryAfterMs: this.retryAfterMs,
    };
    if (this.traceId !== undefined) failure.traceId = this.traceId;
    return failure;
  }
}
