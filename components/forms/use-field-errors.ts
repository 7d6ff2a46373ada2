"use client";
import { useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { messagesOf } from "./form-resolver";
import { isField, type Strings } from "./form-values";

/** The messages beside a useActionForm form's fields, and the focus on the first field that has one. */
export type FieldErrorsState = {
  /** Every field's message: the schema's and the server's, and the server's for names that are not fields. */
  fieldErrors: Record<string, string>;
  clear(key: string): void;
  /** Forgets the server's messages for names that are not fields (a new send is under way). */
  clearOthers(): void;
  showServer(errors: Record<string, string>): void;
  focusFirst(errors: Record<string, string>): void;
  /** The form element, taken from the submit event, where focusFirst looks for the field. */
  setFormElement(form: HTMLFormElement): void;
};

/**
 * The form's own fields keep their messages in react-hook-form; server messages for names that are not
 * fields of this form are kept here (shown by the form if it wants).
 */
export function useFieldErrors<V extends Record<string, string>>(
  form: UseFormReturn<Strings>,
  initial: V,
): FieldErrorsState {
  const [otherErrors, setOtherErrors] = useState<Record<string, string>>({});
  // The form element, taken from the submit event (a ref handed to the page would make every
  // value of this hook look like a ref to the React Compiler's lint).
  const formRef = useRef<HTMLFormElement | null>(null);

  function focusFirst(errors: Record<string, string>) {
    const first = Object.keys(errors)[0];
    if (!first) return;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
  }

  return {
    fieldErrors: { ...otherErrors, ...messagesOf(form.formState.errors) },
    clear(key) {
      form.clearErrors(key);
      if (otherErrors[key]) setOtherErrors(({ [key]: _, ...rest }) => rest);
    },
    clearOthers: () => setOtherErrors({}),
    showServer(errors) {
      const others: Record<string, string> = {};
      for (const [key, message] of Object.entries(errors)) {
        if (isField(initial, key)) form.setError(key, { type: "server", message });
        else others[key] = message;
      }
      setOtherErrors(others);
      focusFirst(errors);
    },
    focusFirst,
    setFormElement: (el) => void (formRef.current = el),
  };
}
