"use client";
import { createElement, Fragment, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import type { ActionFailure } from "@/lib/actions/errors";
import { waitSeconds } from "@/lib/chekt/errors";
import type { Outcome } from "./action-result";

/**
 * The countdown of a write that CHeKT's rate limit made wait (issue 12, point 5). The server
 * refused it before sending anything (code "budget_wait", lib/chekt/budget-wait.ts), so the form
 * shows "Waiting for CHeKT's rate limit — sending in 4 s", keeps a Cancel button, and sends the
 * same input again when the countdown ends. Leaving the page cancels it.
 */

export type BudgetWaitFailure = ActionFailure & { code: "budget_wait"; retryAfterMs: number };

export function isBudgetWait(f: ActionFailure): f is BudgetWaitFailure {
  return f.code === "budget_wait" && typeof f.retryAfterMs === "number" && f.retryAfterMs >= 0;
}

export const CANCELLED_FAILURE: ActionFailure = { code: "cancelled", message: "Cancelled. Nothing was sent to CHeKT." };

// Never count down for ever on a bad value; the server estimates seconds, not minutes.
const MAX_WAIT_MS = 120_000;

/** What a wait says: the steady words are announced once, the seconds after them are not (CountdownText). */
export const WAIT_TITLE = "Waiting for CHeKT's rate limit";
export function waitTicking(secondsLeft: number): string {
  return ` — sending in ${secondsLeft} s`;
}

/**
 * The countdown's toast: sonner's list is a live region that reads changed text, so the seconds are
 * aria-hidden there (the form's notice keeps them readable) and the toast is announced once.
 */
export function waitToastMessage(secondsLeft: number) {
  return createElement(
    Fragment,
    null,
    WAIT_TITLE,
    createElement("span", { "aria-hidden": true }, waitTicking(secondsLeft)),
  );
}

export type BudgetWait = {
  /** Seconds until the resend, while waiting; null otherwise. */
  secondsLeft: number | null;
  /** Counts down `ms`; true when it ran out (send again), false when cancelled. */
  countdown(ms: number): Promise<boolean>;
  cancel(): void;
};

/** `withToast`: also show the countdown as a toast with a Cancel action (for buttons without a form of their own). */
export function useBudgetWait({ withToast = false }: { withToast?: boolean } = {}): BudgetWait {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const current = useRef<{ resolve(go: boolean): void; timer: ReturnType<typeof setInterval> } | null>(null);
  const toastId = `budget-wait-${useId()}`;

  function finish(go: boolean) {
    const c = current.current;
    if (!c) return;
    clearInterval(c.timer);
    current.current = null;
    setSecondsLeft(null);
    if (withToast) toast.dismiss(toastId);
    c.resolve(go);
  }

  function countdown(ms: number): Promise<boolean> {
    finish(false);
    const until = Date.now() + Math.min(Math.max(0, ms), MAX_WAIT_MS);
    return new Promise<boolean>((resolve) => {
      const tick = () => {
        if (Date.now() >= until) return finish(true);
        const left = waitSeconds(until - Date.now());
        setSecondsLeft(left);
        if (withToast)
          toast.loading(waitToastMessage(left), {
            id: toastId,
            duration: Infinity,
            action: { label: "Cancel", onClick: () => finish(false) },
          });
      };
      current.current = { resolve, timer: setInterval(tick, 250) };
      tick();
    });
  }

  // Leaving the page (or closing the dialog that owns it) cancels: nothing is sent behind the user's back.
  useEffect(() => () => finish(false), []); // eslint-disable-line react-hooks/exhaustive-deps

  return { secondsLeft, countdown, cancel: () => finish(false) };
}

/**
 * Sends, and while the server refuses the write for CHeKT's rate limit, counts its wait down and sends
 * the same again: the one resend loop of forms and one-shot buttons. Null when the user cancelled a
 * countdown (nothing was sent).
 */
export async function sendThroughBudgetWait<D>(
  send: () => Promise<Outcome<D>>,
  budgetWait: BudgetWait,
): Promise<Outcome<D> | null> {
  let outcome = await send();
  while (!outcome.ok && isBudgetWait(outcome.failure)) {
    if (!(await budgetWait.countdown(outcome.failure.retryAfterMs))) return null;
    outcome = await send();
  }
  return outcome;
}
