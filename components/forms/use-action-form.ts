"use client";
import { useRef, useState, type FormEvent } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { ActionFailure } from "@/lib/actions/errors";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { changedFields, type FlatValidationErrors, type SafeAction, type SafeActionInput } from "./action-result";
import { useSchemaResolver, type FormSchema } from "./form-resolver";
import type { FormMode, Strings } from "./form-values";
import { useActionFormSubmit } from "./use-action-form-submit";
import type { BudgetWait } from "./use-budget-wait";
import { useFieldErrors } from "./use-field-errors";
import { useFormSend } from "./use-form-send";
import { useSendAction } from "./use-send-action";
import { useSlowFlag } from "./use-slow-flag";
import { useUnsavedGuard } from "./use-unsaved-guard";

export { INVALID_BEFORE_SENDING, UNCHANGED_FAILURE } from "./use-action-form-submit";

export type UseActionFormOptions<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
> = {
  /** What the fields show at first (and, in "update" mode, what counts as unchanged). */
  initial: V;
  /** The server action (from `@/actions/<domain>`), run through next-safe-action's `useAction`. */
  action: SafeAction<S, E, D>;
  /**
   * Turns the typed values into the action's input ("update" mode gets only the changed fields).
   * `intent`: the `value` of the submit button pressed when it has `name="intent"` (a second way
   * to send the same form, e.g. "save and forget the password"), else null.
   */
  toInput: (values: Partial<V>, intent: string | null) => SafeActionInput<S, E, D>;
  /** The same zod schema the action parses with, to catch mistakes before anything is sent. */
  schema?: FormSchema;
  /** Ask before leaving with typed but unsaved values (tab close, reload, a link in the app). */
  guardUnsaved?: boolean;
  /** Create mode: fills what the user may leave empty (a generated ID) before checking; they see it. */
  prepare?: (values: V) => V;
  /** "update" sends only what changed (PUT is partial) and refuses an empty change. */
  mode?: FormMode;
  /** The toast after a success; null when the form shows the result itself. */
  successMessage: string | ((data: D | undefined, sent: V) => string) | null;
  onSuccess?: (data: D | undefined) => void;
  /** Empty the fields (back to `initial`) after a success: create-another forms, password forms. */
  resetOnSuccess?: boolean;
};

/** What a form component reads from `useActionForm`; the same for every action, so fields can be shared. */
export type ActionForm<V extends Record<string, string>> = {
  values: V;
  set<K extends keyof V & string>(key: K, value: V[K]): void;
  /** Props for a text field bound to `key`. */
  field<K extends keyof V & string>(
    key: K,
  ): { name: K; value: string; error: string | null; onChange(e: { target: { value: string } }): void };
  dirty: boolean;
  fieldErrors: Record<string, string>;
  failure: ActionFailure | null;
  pending: boolean;
  slow: boolean;
  onSubmit(e: FormEvent<HTMLFormElement>): Promise<void>;
  budgetWait: BudgetWait;
};

/**
 * State for a form backed by a server action: react-hook-form holds the values and field errors,
 * the zod resolver checks them with the schema the action parses with, and next-safe-action's
 * `useAction` runs the action. What was typed stays in the fields on every error; field messages
 * (ours or CHeKT's 400) sit beside their field; the form-level failure keeps its trace id; a toast
 * confirms success. A write CHeKT's rate limit makes wait counts down ("sending in 4 s",
 * `budgetWait`) and is sent again unless cancelled.
 *
 * Not the adapter's `useHookFormAction`: it binds the form's values to the action's input, and
 * these forms hold strings, send only the changed fields on an edit, add the object's id and
 * resend after a budget wait, so the form and the action meet in `toInput` instead.
 */
export function useActionForm<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
>(opts: UseActionFormOptions<V, S, E, D>): ActionForm<V> {
  const { initial } = opts;
  // The submit button pressed (its `intent`), for the schema check and for `toInput`.
  const intent = useRef<string | null>(null);
  const form = useForm<Strings>({
    defaultValues: initial,
    resolver: useSchemaResolver(opts, intent),
    mode: "onSubmit",
    // Typing in a field clears its message (set() below); no re-check on every key stroke.
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  // The toast reaches every form; a form passing `budgetWait` to FormFooter shows it inline too.
  const { send: sendAction, budgetWait } = useSendAction(opts.action, { withToast: true });
  const values: V = { ...initial, ...useWatch({ control: form.control }) };
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const pending = form.formState.isSubmitting;
  const slow = useSlowFlag(pending);
  const dirty = !saved && Object.keys(changedFields(initial, values)).length > 0;
  const guard = useUnsavedGuard(!!opts.guardUnsaved && dirty);
  const errors = useFieldErrors(form, initial);
  const onSaved = () => {
    setSaved(true);
    guard.release();
  };
  const send = useFormSend(opts, { form, intent, sendAction, setFailure, errors, onSaved });
  const onSubmit = useActionFormSubmit(opts, { form, intent, pending, errors, setFailure, send });

  // react-hook-form's paths are plain strings here (all fields are top-level strings).
  function write(name: string, value: string) {
    setSaved(false);
    form.setValue(name, value, { shouldDirty: true });
    errors.clear(name);
  }

  return {
    values,
    set: (key, value) => write(key, value),
    field: (key) => ({
      name: key,
      value: values[key] ?? "",
      error: errors.fieldErrors[key] ?? null,
      onChange: (e: { target: { value: string } }) => write(key, e.target.value),
    }),
    dirty,
    fieldErrors: errors.fieldErrors,
    failure,
    pending,
    slow: slow && budgetWait.secondsLeft === null,
    onSubmit,
    budgetWait,
  };
}

/**
 * `useActionForm` for a form whose values, as typed, are the action's whole input (a password change,
 * settings, the connect form): there is nothing to add or rename, so no `toInput` to write.
 */
export function useInputForm<
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
  V extends Strings & SafeActionInput<S, E, D>,
>(opts: Omit<UseActionFormOptions<V, S, E, D>, "toInput" | "mode">): ActionForm<V> {
  return useActionForm({ ...opts, toInput: (values) => ({ ...opts.initial, ...values }) });
}
