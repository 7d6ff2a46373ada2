"use client";
import type { RefObject } from "react";
import type { UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ActionFailure } from "@/lib/actions/errors";
import { NETWORK_FAILURE, type FlatValidationErrors, type Outcome, type SafeActionInput } from "./action-result";
import { payloadOf, type Strings } from "./form-values";
import { CANCELLED_FAILURE } from "./use-budget-wait";
import type { UseActionFormOptions } from "./use-action-form";
import type { FieldErrorsState } from "./use-field-errors";

type SendParts<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = {
  form: UseFormReturn<Strings>;
  /** The submit button pressed (useActionForm's `toInput` gets it). */
  intent: RefObject<string | null>;
  sendAction: (input: SafeActionInput<S, E, D>) => Promise<Outcome<D> | null>;
  setFailure: (failure: ActionFailure | null) => void;
  errors: FieldErrorsState;
  /** The values are saved: the form is no longer dirty and may be left at once. */
  onSaved: () => void;
};

/**
 * Sends the checked values of a useActionForm form and shows the answer: what was typed stays in the
 * fields on every error, field messages sit beside their field, the form-level failure keeps its trace
 * id, and a success is confirmed by a toast (and empties the fields when asked).
 */
export function useFormSend<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
>(
  opts: UseActionFormOptions<V, S, E, D>,
  { form, intent, sendAction, setFailure, errors, onSaved }: SendParts<S, E, D>,
) {
  const { initial } = opts;
  return async function send(checked: Strings) {
    const current: V = { ...initial, ...checked };
    const payload = payloadOf(initial, opts.mode, checked);
    setFailure(null);
    errors.clearOthers();
    try {
      const input = opts.toInput(payload, intent.current);
      const outcome = await sendAction(input);
      if (!outcome) {
        setFailure(CANCELLED_FAILURE);
        return;
      }
      if (!outcome.ok) {
        setFailure(outcome.failure);
        errors.showServer(outcome.fieldErrors);
        return;
      }
      onSaved();
      if (opts.resetOnSuccess) form.reset(initial);
      const message =
        typeof opts.successMessage === "function" ? opts.successMessage(outcome.data, current) : opts.successMessage;
      if (message !== null) toast.success(message);
      opts.onSuccess?.(outcome.data);
    } catch {
      setFailure(NETWORK_FAILURE);
    }
  };
}
