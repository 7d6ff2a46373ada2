"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useForm, useWatch, type FieldErrors, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { toast } from "sonner";
import type { ActionFailure } from "@/lib/actions/errors";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  changedFields,
  NETWORK_FAILURE,
  type FlatValidationErrors,
  type SafeAction,
  type SafeActionInput,
} from "./action-result";
import { CANCELLED_FAILURE, type BudgetWait } from "./use-budget-wait";
import { useSendAction } from "./use-send-action";
import { useUnsavedGuard } from "./use-unsaved-guard";

/**
 * A zod object schema over the form's fields. Its input is often wider than the strings a form
 * holds (a preprocess takes unknown), so only "an object" is required here.
 */
type FormSchema = z.ZodType<unknown, Record<string, unknown>>;

/** What react-hook-form holds: every field is a string, as typed. */
type Strings = Record<string, string>;

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
  mode?: "create" | "update";
  /** The toast after a success; null when the form shows the result itself. */
  successMessage: string | ((data: D | undefined, sent: V) => string) | null;
  onSuccess?: (data: D | undefined) => void;
  /** Empty the fields (back to `initial`) after a success: create-another forms, password forms. */
  resetOnSuccess?: boolean;
};

export const INVALID_BEFORE_SENDING: ActionFailure = {
  code: "invalid_input",
  message: "Some fields need fixing; nothing was sent.",
};
export const UNCHANGED_FAILURE: ActionFailure = {
  code: "unchanged",
  message: "Nothing has changed, so there is nothing to save.",
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

/** First message per top-level field from react-hook-form's errors (ours, the resolver's or the server's). */
function messagesOf(errors: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, e] of Object.entries(errors)) {
    const message = e && typeof e === "object" && "message" in e ? e.message : undefined;
    if (key !== "root" && typeof message === "string" && message) out[key] = message;
  }
  return out;
}

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
  const { mode, initial, schema } = opts;
  // The schema checks what the action would receive (in "update" mode the changed fields only, as
  // an edit's schema is partial; the ids toInput adds included); raw: the action parses it itself.
  const intent = useRef<string | null>(null);
  const resolver: Resolver<Strings> = async (values) => {
    const current: V = { ...initial, ...values };
    const payload: Partial<V> = mode === "update" ? changedFields(initial, current) : current;
    if (!schema) return { values, errors: {} };
    const input = Object.fromEntries(Object.entries(opts.toInput(payload, intent.current) ?? {}));
    const checked = await zodResolver(schema, undefined, { raw: true })(input, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    const messages = messagesOf(checked.errors);
    if (Object.keys(messages).length === 0) return { values, errors: {} };
    const errors: FieldErrors<Strings> = {};
    for (const [key, message] of Object.entries(messages)) errors[key] = { type: "zod", message };
    return { values: {}, errors };
  };
  const form = useForm<Strings>({
    defaultValues: initial,
    resolver,
    mode: "onSubmit",
    // Typing in a field clears its message (set() below); no re-check on every key stroke.
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  // The toast reaches every form; a form passing `budgetWait` to FormFooter shows it inline too.
  const { send: sendAction, budgetWait } = useSendAction(opts.action, { withToast: true });
  const values: V = { ...initial, ...useWatch({ control: form.control }) };
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  // Server messages for names that are not fields of this form (shown by the form if it wants).
  const [otherErrors, setOtherErrors] = useState<Record<string, string>>({});
  const [slow, setSlow] = useState(false);
  // The form element, taken from the submit event (a ref handed to the page would make every
  // value of this hook look like a ref to the React Compiler's lint).
  const formRef = useRef<HTMLFormElement | null>(null);
  const [saved, setSaved] = useState(false);
  const pending = form.formState.isSubmitting;
  const dirty = !saved && Object.keys(changedFields(initial, values)).length > 0;
  const guard = useUnsavedGuard(!!opts.guardUnsaved && dirty);

  // A long wait is usually CHeKT's rate limit (the server waits Retry-After); say so.
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => setSlow(true), 2500);
    return () => {
      clearTimeout(t);
      setSlow(false);
    };
  }, [pending]);

  const isField = (key: string): key is keyof V & string => Object.hasOwn(initial, key);

  function focusFirstError(errors: Record<string, string>) {
    const first = Object.keys(errors)[0];
    if (!first) return;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
  }

  function set<K extends keyof V & string>(key: K, value: V[K]) {
    write(key, value);
  }

  // react-hook-form's paths are plain strings here (all fields are top-level strings).
  function write(name: string, value: string) {
    setSaved(false);
    form.setValue(name, value, { shouldDirty: true });
    clearError(name);
  }

  function clearError(key: string) {
    form.clearErrors(key);
    if (otherErrors[key]) setOtherErrors(({ [key]: _, ...rest }) => rest);
  }

  function showServerFieldErrors(errors: Record<string, string>) {
    const others: Record<string, string> = {};
    for (const [key, message] of Object.entries(errors)) {
      if (isField(key)) form.setError(key, { type: "server", message });
      else others[key] = message;
    }
    setOtherErrors(others);
    focusFirstError(errors);
  }

  async function send(checked: Strings) {
    const current: V = { ...initial, ...checked };
    const payload: Partial<V> = mode === "update" ? changedFields(initial, current) : current;
    setFailure(null);
    setOtherErrors({});
    try {
      const input = opts.toInput(payload, intent.current);
      const outcome = await sendAction(input);
      if (!outcome) {
        setFailure(CANCELLED_FAILURE);
        return;
      }
      if (!outcome.ok) {
        setFailure(outcome.failure);
        showServerFieldErrors(outcome.fieldErrors);
        return;
      }
      setSaved(true);
      guard.release();
      if (opts.resetOnSuccess) form.reset(initial);
      const message =
        typeof opts.successMessage === "function" ? opts.successMessage(outcome.data, current) : opts.successMessage;
      if (message !== null) toast.success(message);
      opts.onSuccess?.(outcome.data);
    } catch {
      setFailure(NETWORK_FAILURE);
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    formRef.current = e.currentTarget;
    const submitter = e.nativeEvent instanceof SubmitEvent ? e.nativeEvent.submitter : null;
    intent.current = submitter?.getAttribute("name") === "intent" ? submitter.getAttribute("value") : null;
    if (pending) return;
    // Shown in the fields too, so a resend after a lost answer sends the same generated ID.
    const current: V = { ...initial, ...form.getValues() };
    if (mode !== "update" && opts.prepare) {
      const ready = opts.prepare(current);
      for (const key of Object.keys(ready)) {
        if (isField(key) && ready[key] !== current[key]) form.setValue(key, ready[key]);
      }
    }
    if (mode === "update" && Object.keys(changedFields(initial, form.getValues())).length === 0) {
      setFailure(UNCHANGED_FAILURE);
      return;
    }
    await form.handleSubmit(send, (errors) => {
      setFailure(INVALID_BEFORE_SENDING);
      focusFirstError(messagesOf(errors));
    })();
  }

  const fieldErrors = { ...otherErrors, ...messagesOf(form.formState.errors) };

  /** Props for a text field bound to `key`. */
  function field<K extends keyof V & string>(key: K) {
    return {
      name: key,
      value: values[key] ?? "",
      error: fieldErrors[key] ?? null,
      onChange: (e: { target: { value: string } }) => write(key, e.target.value),
    };
  }

  return {
    values,
    set,
    field,
    dirty,
    fieldErrors,
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
