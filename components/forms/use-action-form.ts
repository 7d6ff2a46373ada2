"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { ActionFailure } from "@/lib/actions/errors";
import { changedFields, NETWORK_FAILURE, toOutcome, zodFieldErrors, type ActionFn } from "./action-result";
import { CANCELLED_FAILURE, isBudgetWait, useBudgetWait } from "./use-budget-wait";
import { useUnsavedGuard } from "./use-unsaved-guard";

type Parser = {
  safeParse(v: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
};

export type UseActionFormOptions<V extends Record<string, string>, I, D> = {
  /** What the fields show at first (and, in "update" mode, what counts as unchanged). */
  initial: V;
  /** The server action. */
  action: ActionFn<I, D>;
  /** Turns the typed values into the action's input ("update" mode gets only the changed fields). */
  toInput: (values: Partial<V>) => I;
  /** The same zod schema the action parses with, to catch mistakes before anything is sent. */
  schema?: Parser;
  /** Ask before leaving with typed but unsaved values (tab close, reload, a link in the app). */
  guardUnsaved?: boolean;
  /** Create mode: fills what the user may leave empty (a generated ID) before checking; they see it. */
  prepare?: (values: V) => V;
  /** "update" sends only what changed (PUT is partial) and refuses an empty change. */
  mode?: "create" | "update";
  successMessage: string | ((data: D | undefined) => string);
  onSuccess?: (data: D | undefined) => void;
};

/**
 * State for a form backed by a server action. What was typed stays in the fields on every error;
 * field messages (ours or CHeKT's 400) sit beside their field; the form-level failure keeps its
 * trace id; a toast confirms success. A write CHeKT's rate limit makes wait counts down
 * ("sending in 4 s", `budgetWait`) and is sent again unless cancelled.
 */
export function useActionForm<V extends Record<string, string>, I, D>(opts: UseActionFormOptions<V, I, D>) {
  const [values, setValues] = useState<V>(opts.initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, setPending] = useState(false);
  const [slow, setSlow] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(false);
  const dirty = !saved && Object.keys(changedFields(opts.initial, values)).length > 0;
  const guard = useUnsavedGuard(!!opts.guardUnsaved && dirty);
  // The toast reaches every form; a form passing `budgetWait` to FormFooter shows it inline too.
  const budgetWait = useBudgetWait({ withToast: true });

  // A long wait is usually CHeKT's rate limit (the server waits Retry-After); say so.
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => setSlow(true), 2500);
    return () => {
      clearTimeout(t);
      setSlow(false);
    };
  }, [pending]);

  function focusFirstError(errors: Record<string, string>) {
    const first = Object.keys(errors)[0];
    if (!first) return;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
  }

  function set<K extends keyof V>(key: K, value: V[K]) {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
    if (fieldErrors[key as string]) setFieldErrors(({ [key as string]: _, ...rest }) => rest);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    // Shown in the fields too, so a resend after a lost answer sends the same generated ID.
    const ready = opts.mode !== "update" && opts.prepare ? opts.prepare(values) : values;
    if (ready !== values) setValues(ready);
    const payload: Partial<V> = opts.mode === "update" ? changedFields(opts.initial, ready) : ready;
    if (opts.mode === "update" && Object.keys(payload).length === 0) {
      setFailure({ code: "unchanged", message: "Nothing has changed, so there is nothing to save." });
      return;
    }
    if (opts.schema) {
      const check = opts.schema.safeParse(payload);
      if (!check.success) {
        const errs = zodFieldErrors(check.error?.issues ?? []);
        setFieldErrors(errs);
        setFailure({ code: "invalid_input", message: "Some fields need fixing; nothing was sent." });
        focusFirstError(errs);
        return;
      }
    }
    setPending(true);
    setFailure(null);
    setFieldErrors({});
    try {
      const input = opts.toInput(payload);
      let outcome = toOutcome(await opts.action(input));
      // Refused before sending because of CHeKT's rate limit: count down, then the same input again.
      while (!outcome.ok && isBudgetWait(outcome.failure)) {
        if (!(await budgetWait.countdown(outcome.failure.retryAfterMs))) {
          setFailure(CANCELLED_FAILURE);
          return;
        }
        outcome = toOutcome(await opts.action(input));
      }
      if (!outcome.ok) {
        setFailure(outcome.failure);
        setFieldErrors(outcome.fieldErrors);
        focusFirstError(outcome.fieldErrors);
        return;
      }
      setSaved(true);
      guard.release();
      toast.success(
        typeof opts.successMessage === "function" ? opts.successMessage(outcome.data) : opts.successMessage,
      );
      opts.onSuccess?.(outcome.data);
    } catch {
      setFailure(NETWORK_FAILURE);
    } finally {
      setPending(false);
    }
  }

  /** Props for a text field bound to `key`. */
  function field<K extends keyof V & string>(key: K) {
    return {
      name: key,
      value: values[key],
      error: fieldErrors[key] ?? null,
      onChange: (e: { target: { value: string } }) => set(key, e.target.value as V[K]),
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
    formRef,
    budgetWait,
  };
}
