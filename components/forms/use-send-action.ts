"use client";
import { useAction } from "next-safe-action/hooks";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  toOutcome,
  type FlatValidationErrors,
  type Outcome,
  type SafeAction,
  type SafeActionInput,
} from "./action-result";
import { sendThroughBudgetWait, useBudgetWait } from "./use-budget-wait";

/**
 * How forms (useActionForm) and one-shot buttons (useActionRunner) send an action: next-safe-action's
 * `useAction`, its result as one `Outcome`, and a write CHeKT's rate limit made wait counted down and
 * sent again. `send` answers null when the user cancelled the countdown (nothing was sent); it throws
 * when the server could not be reached, which each caller words its own way.
 */
export function useSendAction<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>(
  action: SafeAction<S, E, D>,
  /** `withToast`: the countdown as a toast with Cancel too (see useBudgetWait). */
  { withToast }: { withToast: boolean },
) {
  const { executeAsync } = useAction(action);
  const budgetWait = useBudgetWait({ withToast });
  function send(input: SafeActionInput<S, E, D>): Promise<Outcome<D> | null> {
    return sendThroughBudgetWait(async () => toOutcome(await executeAsync(input)), budgetWait);
  }
  return { send, budgetWait };
}
