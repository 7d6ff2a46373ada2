"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ActionFailure } from "@/lib/actions/errors";
import { NETWORK_FAILURE, type FlatValidationErrors, type SafeAction, type SafeActionInput } from "./action-result";
import { CANCELLED_FAILURE } from "./use-budget-wait";
import { useSendAction } from "./use-send-action";

/**
 * Runs a one-shot action (delete, toggle, switch) through next-safe-action's `useAction`: pending
 * state, failure kept for display, toast on success. A write CHeKT's rate limit makes wait shows a
 * countdown toast with Cancel (`budgetWait` for an inline notice too) and is sent again when it ends.
 */
export function useActionRunner<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>(
  action: SafeAction<S, E, D>,
  /** `toasts: false`: the caller shows every outcome inline (the freshness line); no toast at all. */
  { toasts = true }: { toasts?: boolean } = {},
) {
  const { send, budgetWait } = useSendAction(action, { withToast: toasts });
  // Covers the countdown between attempts too, not only the request (useAction's isExecuting).
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  /** `successMessage` null: no toast (the caller shows the result itself, e.g. a one-time password). */
  async function run(
    input: SafeActionInput<S, E, D>,
    successMessage: string | ((data: D | undefined) => string) | null,
  ): Promise<{ ok: boolean; data?: D }> {
    setPending(true);
    setFailure(null);
    try {
      const outcome = await send(input);
      if (!outcome) {
        setFailure(CANCELLED_FAILURE);
        return { ok: false };
      }
      if (!outcome.ok) {
        setFailure(outcome.failure);
        if (toasts)
          toast.error(outcome.failure.message, {
            description: outcome.failure.traceId ? `Trace ID for support: ${outcome.failure.traceId}` : undefined,
          });
        return { ok: false };
      }
      if (toasts && successMessage !== null)
        toast.success(typeof successMessage === "function" ? successMessage(outcome.data) : successMessage);
      return { ok: true, data: outcome.data };
    } catch {
      setFailure(NETWORK_FAILURE);
      if (toasts) toast.error(NETWORK_FAILURE.message);
      return { ok: false };
    } finally {
      setPending(false);
    }
  }

  return { run, pending, failure, clearFailure: () => setFailure(null), budgetWait };
}
