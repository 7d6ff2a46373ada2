import type { BudgetClass } from "./budget-class";
import { BudgetWaitTooLong, type BudgetClock, type BudgetTicket, type CallBudget } from "./budget";
import { BudgetWaitError, handBackOn429, noteSent, refusalFor } from "./budget-wait";
import { ChektError, isTransientStatus, isWrite, rateLimitWaitMs, waitSeconds } from "./errors";
import type { TokenNeed } from "./token";
import { errorText } from "../error-text";

/**
 * The part of the client that sends one logical call: a token from the credential's shared budget
 * (budget.ts) at the call's class, auth header, per-attempt timeout, retries within a deadline,
 * 401 refresh, 429 wait. openapi-fetch builds the Request (typed by
 * the OpenAPI document) and hands it to the `fetch` this module makes, so all policy lives here.
 */

export type TransportEvent =
  | { type: "retry"; reason: string; attempt: number; delayMs: number; method: string; path: string; traceId: string }
  | { type: "rate_limited"; waitMs: number; method: string; path: string; traceId: string }
  | { type: "token_refresh"; method: string; path: string; traceId: string };

export type TransportSettings = {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Budget for the whole call: attempts, backoff and rate-limit waits. */
  deadlineMs: number;
  /**
   * Tries at most (first one included) after 5xx / timeout / network failures; 429 waits and the 401 refresh do not
   * count.
   */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  fetch: typeof globalThis.fetch;
  onEvent?: (e: TransportEvent) => void;
  /** Deadlines, backoff and 429 waits go by this clock (tests pass a fake one); the per-attempt timer stays real. */
  clock: BudgetClock;
};

/** Where the Authorization header of an attempt comes from. */
export type AuthHeader = {
  /** The bearer value for the next attempt (null = send none) of the call `need` describes. */
  token(need: TokenNeed): Promise<string | null>;
  /** After a 401 on `token`: drop it, so the next `token` is a new one; absent when a new one cannot help. */
  forget?(token: string): void;
};

/** What the transport learned about one logical call; the client reads it to build results and errors. */
export type CallState = {
  method: string;
  /** The OpenAPI path template (no IDs), for errors and logs. */
  path: string;
  traceId: string;
  idempotencyKey: string | null;
  /** Which share of the credential's budget every attempt of this call spends. */
  budgetClass: BudgetClass;
  /** Safe to send again after an ambiguous failure (GET, or a write carrying an idempotency key). */
  retrySafe: boolean;
  deadline: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Not sent before this resolves (CallOptions.sendAfter); its rejection is the call's failure. */
  sendAfter?: Promise<unknown>;
  /** Told as each request goes out (CallOptions.onSend). */
  onSend?: () => void;
  /** Requests sent for this call (429 waits and the 401 refresh included). */
  attempts: number;
  /** Resends after a 5xx, timeout or network failure; `maxAttempts` bounds these, not 429 waits. */
  retries: number;
  waitedMs: number;
  /** A write reached CHeKT (or may have) without a definite answer. */
  maybeApplied: boolean;
};

// Failures where the request certainly never left this machine: safe to resend any method.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCode(err: unknown): string | undefined {
  for (
    let e: unknown = err, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Which call an event is about. */
const callOf = (state: CallState) => ({ method: state.method, path: state.path, traceId: state.traceId });

/** What every error of a call says about it: which call, how far it got, and whether it may have applied. */
const callFacts = (state: CallState) => ({
  ...callOf(state),
  attempts: state.attempts,
  waitedMs: state.waitedMs,
  mayHaveApplied: state.maybeApplied,
});

type FailedAttempt = { ok: false; timedOut: boolean; aborted: boolean; notSent: boolean; error: unknown };
type Attempt = { ok: true; response: Response; body: ArrayBuffer } | FailedAttempt;

/** The request's headers with the call's trace id, and its Idempotency-Key when it has one (never another's). */
function callHeaders(req: Request, state: CallState): Headers {
  const headers = new Headers(req.headers);
  headers.set("x-partner-trace-id", state.traceId);
  if (state.idempotencyKey) headers.set("Idempotency-Key", state.idempotencyKey);
  else headers.delete("Idempotency-Key");
  return headers;
}

export class Transport {
  constructor(
    readonly settings: TransportSettings,
    readonly budget: CallBudget,
  ) {}

  /** The `fetch` handed to openapi-fetch for one call. */
  fetchFor(state: CallState, auth: AuthHeader): (req: Request) => Promise<Response> {
    return (req) => this.run(req, state, auth);
  }

  private async attempt(url: string, init: RequestInit, state: CallState): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const budget = Math.max(1, Math.min(state.timeoutMs, state.deadline - this.settings.clock.now()));
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${budget} ms`));
    }, budget);
    const onCallerAbort = () => controller.abort(state.signal?.reason);
    // A listener added after the abort never fires: check first.
    if (state.signal?.aborted) onCallerAbort();
    else state.signal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const response = await this.settings.fetch(url, { ...init, signal: controller.signal });
      // Read the whole body under the same timer: a connection dropped mid-body is a network
      // failure of this attempt (and can be retried), not a crash in the caller's JSON parse.
      const body = await response.arrayBuffer();
      return { ok: true, response, body };
    } catch (error) {
      return {
        ok: false,
        timedOut,
        aborted: !timedOut && state.signal?.aborted === true,
        notSent: !timedOut && NOT_SENT_CODES.has(errorCode(error) ?? ""),
        error,
      };
    } finally {
      clearTimeout(timer);
      state.signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** Jittered exponential backoff; false when the next try would not fit in the deadline. */
  private async backoff(state: CallState, reason: string): Promise<boolean> {
    const { backoffBaseMs, backoffMaxMs, maxAttempts } = this.settings;
    if (state.retries + 1 >= maxAttempts) return false;
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** state.retries);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    // Leave room for the next attempt to get an answer, or it is a wasted request.
    if (this.settings.clock.now() + delay + Math.min(250, state.timeoutMs) > state.deadline) return false;
    this.settings.onEvent?.({
      type: "retry",
      reason,
      attempt: state.attempts,
      delayMs: delay,
      ...callOf(state),
    });
    try {
      await this.settings.clock.sleep(delay, state.signal);
    } catch (e) {
      throw this.abortedError(state, e);
    }
    state.retries += 1;
    return true;
  }

  private async run(req: Request, state: CallState, auth: AuthHeader): Promise<Response> {
    const write = isWrite(state.method);
    const body = req.body ? new Uint8Array(await req.arrayBuffer()) : undefined;
    const headers = callHeaders(req, state);
    let refreshed = false;

    for (;;) {
      if (state.signal?.aborted) throw this.abortedError(state, state.signal.reason);
      // The token first, then the rate-limit slot: the token request takes a slot of its own,
      // and holding one while asking for another could wait on itself.
      const token = await this.authorize(headers, state, auth);
      const ticket = await this.takeTicket(state);

      // Awaited after the token: the caller started it before the call, so the two ran side by side.
      // Its failure is thrown as is (nothing was sent; the token taken is not given back).
      if (state.sendAfter) await state.sendAfter;
      state.onSend?.();
      state.attempts += 1;
      noteSent(write);
      const a = await this.attempt(req.url, { method: state.method, headers, body, redirect: "follow" }, state);
      await this.budget.settle(ticket, a.ok ? a.response.headers : null);

      if (!a.ok) {
        await this.resendOrThrow(state, a, write);
        continue;
      }
      const status = a.response.status;
      if (status === 401 && token && auth.forget && !refreshed) {
        // The token expired or was revoked: CHeKT did nothing, so any method may be sent again, once,
        // with the new token the next turn asks for.
        refreshed = true;
        this.settings.onEvent?.({ type: "token_refresh", ...callOf(state) });
        auth.forget(token);
        continue;
      }
      if (await this.resendAfter(state, a.response, write)) continue;
      return new Response(NULL_BODY_STATUSES.has(status) ? null : a.body, {
        status,
        statusText: a.response.statusText,
        headers: a.response.headers,
      });
    }
  }

  /** Sets (or clears) the attempt's Authorization header; the token it used, for a 401 refresh. */
  private async authorize(headers: Headers, state: CallState, auth: AuthHeader): Promise<string | null> {
    let token: string | null;
    try {
      token = await auth.token({ budgetClass: state.budgetClass, deadline: state.deadline });
    } catch (e) {
      throw e instanceof ChektError ? this.tokenError(state, e) : e;
    }
    if (token) headers.set("authorization", `Bearer ${token}`);
    else headers.delete("authorization");
    return token;
  }

  /** A slot of the credential's budget at the call's class, or the call's error when it cannot wait for one. */
  private async takeTicket(state: CallState): Promise<BudgetTicket> {
    try {
      // Only an interactive action nothing of which has gone out yet may be handed back to the form to wait.
      const refusal = state.attempts === 0 ? refusalFor(state.budgetClass) : undefined;
      const ticket = await this.budget.acquire(state.budgetClass, {
        deadline: state.deadline,
        signal: state.signal,
        refuseOverMs: refusal?.overMs,
        judgeAs: refusal?.judgeAs,
      });
      state.waitedMs += ticket.waitedMs;
      return ticket;
    } catch (e) {
      if (e instanceof BudgetWaitTooLong && e.refused) throw this.budgetWaitError(state, e.waitMs, e.waitedMs);
      if (e instanceof BudgetWaitTooLong) {
        throw new ChektError({
          kind: "rate_limited",
          code: "rate_limited",
          message: `CHeKT's rate limit needs a ${waitSeconds(e.waitMs)} s wait, longer than this call may take`,
          retryAfterS: waitSeconds(e.waitMs),
          ...callFacts(state),
          waitedMs: state.waitedMs + e.waitedMs,
        });
      }
      throw this.abortedError(state, e);
    }
  }

  /** An attempt that got no answer: resolves when it may be sent again (after the backoff), else throws. */
  private async resendOrThrow(state: CallState, a: FailedAttempt, write: boolean): Promise<void> {
    if (a.aborted) throw this.abortedError(state, a.error);
    if (write && !a.notSent) state.maybeApplied = true;
    const reason = a.timedOut ? "timeout" : `network: ${errorCode(a.error) ?? errorText(a.error)}`;
    if ((state.retrySafe || a.notSent) && (await this.backoff(state, reason))) return;
    throw new ChektError({
      kind: a.timedOut ? "timeout" : "network",
      code: a.timedOut ? "timeout" : (errorCode(a.error)?.toLowerCase() ?? "network_error"),
      message: a.timedOut
        ? `CHeKT did not answer within ${state.timeoutMs} ms ` +
          `(${state.attempts} attempt${state.attempts > 1 ? "s" : ""})`
        : `Could not reach CHeKT: ${errorText(a.error)}`,
      ...callFacts(state),
      cause: a.error,
    });
  }

  /** True when the status asks for the call to go again: a 429 whose wait fits, a 5xx or 408 that may be retried. */
  private async resendAfter(state: CallState, response: Response, write: boolean): Promise<boolean> {
    const status = response.status;
    if (status === 429) {
      // Not processed: safe to resend any method once the wait is over, if it fits the deadline.
      const now = this.settings.clock.now();
      const waitMs = rateLimitWaitMs(response.headers, now);
      await this.budget.block(now + waitMs, state.budgetClass);
      this.settings.onEvent?.({
        type: "rate_limited",
        waitMs,
        ...callOf(state),
      });
      // A person is waiting on an action CHeKT changed nothing of: the form counts the wait down and sends again.
      const handBackOverMs = handBackOn429(state.budgetClass, write);
      if (handBackOverMs !== undefined && waitMs > handBackOverMs) {
        // The resend, not a background sweep, gets the token the block ends with.
        await this.budget.handBack(state.budgetClass, waitMs);
        throw this.budgetWaitError(state, waitMs, 0);
      }
      return now + waitMs + Math.min(250, state.timeoutMs) <= state.deadline;
    }
    if (isTransientStatus(status)) {
      // A 5xx write may have been applied; a 408 was never read whole, so any method may go again.
      const unread = status === 408;
      if (write && !unread) state.maybeApplied = true;
      return (state.retrySafe || unread) && (await this.backoff(state, `HTTP ${status}`));
    }
    return false;
  }

  /**
   * The token request failed: report it as this call's failure (its method, path and trace id),
   * keeping the token endpoint's kind and code. Nothing of this call was sent, so a token request
   * that broke mid-way never makes a page say "may have been saved".
   */
  private tokenError(state: CallState, e: ChektError): ChektError {
    return new ChektError({
      kind: e.kind,
      status: e.status,
      code: e.code,
      message: `Getting a CHeKT access token failed: ${e.message}`,
      fieldErrors: e.fieldErrors,
      requestId: e.requestId,
      retryAfterS: e.retryAfterS,
      ...callFacts(state),
      waitedMs: state.waitedMs + e.waitedMs,
      cause: e,
    });
  }

  /** The action is handed back to the form unsent (or refused by CHeKT, which changed nothing): wait `waitMs`. */
  private budgetWaitError(state: CallState, waitMs: number, waitedMs: number): BudgetWaitError {
    return new BudgetWaitError({
      retryAfterMs: waitMs,
      waitedMs: state.waitedMs + waitedMs,
      traceId: state.traceId,
      method: state.method,
      path: state.path,
      attempts: state.attempts,
    });
  }

  private abortedError(state: CallState, cause: unknown): ChektError {
    return new ChektError({
      kind: "network",
      code: "aborted",
      message: "The call to CHeKT was cancelled",
      ...callFacts(state),
      cause,
    });
  }
}
