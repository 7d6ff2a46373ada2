"use client";
import type { FormEvent, RefObject } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ActionFailure } from "@/lib/actions/errors";
import { changedFields } from "./action-result";
import { messagesOf } from "./form-resolver";
import { isField, type FormMode, type Strings } from "./form-values";
import type { FieldErrorsState } from "./use-field-errors";

export const INVALID_BEFORE_SENDING: ActionFailure = {
  code: "invalid_input",
  message: "Some fields need fixing; nothing was sent.",
};
export const UNCHANGED_FAILURE: ActionFailure = {
  code: "unchanged",
  message: "Nothing has changed, so there is nothing to save.",
};

type SubmitOptions<V extends Record<string, string>> = {
  initial: V;
  mode?: FormMode;
  prepare?: (values: V) => V;
};

type SubmitParts = {
  form: UseFormReturn<Strings>;
  /** Set here from the submit button pressed; read when the values are checked and sent. */
  intent: RefObject<string | null>;
  pending: boolean;
  errors: FieldErrorsState;
  setFailure: (failure: ActionFailure | null) => void;
  /** Sends the values once they pass the schema. */
  send: (checked: Strings) => Promise<void>;
};

/**
 * A useActionForm form's submit handler: what happens before anything is sent. It notes the submit
 * button pressed, fills what create mode may generate, refuses an edit that changes nothing, and
 * sends only values the schema accepts (else it says nothing was sent and focuses the first field).
 */
export function useActionFormSubmit<V extends Record<string, string>>(
  { initial, mode, prepare }: SubmitOptions<V>,
  { form, intent, pending, errors, setFailure, send }: SubmitParts,
) {
  return async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    errors.setFormElement(e.currentTarget);
    const submitter = e.nativeEvent instanceof SubmitEvent ? e.nativeEvent.submitter : null;
    intent.current = submitter?.getAttribute("name") === "intent" ? submitter.getAttribute("value") : null;
    if (pending) return;
    // Shown in the fields too, so a resend after a lost answer sends the same generated ID.
    const current: V = { ...initial, ...form.getValues() };
    if (mode !== "update" && prepare) {
      const ready = prepare(current);
      for (const key of Object.keys(ready)) {
        if (isField(initial, key) && ready[key] !== current[key]) form.setValue(key, ready[key]);
      }
    }
    if (mode === "update" && Object.keys(changedFields(initial, form.getValues())).length === 0) {
      setFailure(UNCHANGED_FAILURE);
      return;
    }
    await form.handleSubmit(send, (invalid) => {
      setFailure(INVALID_BEFORE_SENDING);
      errors.focusFirst(messagesOf(invalid));
    })();
  };
}
