"use client";
import { useState } from "react";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FlatValidationErrors } from "./action-result";
import type { ConfirmActionProps } from "./confirm-action";
import { useActionRunner } from "./use-action-runner";

type Options<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = Pick<
  ConfirmActionProps<S, E, D>,
  "action" | "input" | "successMessage" | "typeToConfirm" | "onDone"
>;

/**
 * ConfirmAction's state: the dialog open or closed, the name typed to confirm, and the run of the action
 * (pending, its kept failure, the budget wait); a success closes the dialog and forgets what was typed.
 */
export function useConfirmAction<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>(
  opts: Options<S, E, D>,
) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { run, pending, failure, clearFailure, budgetWait } = useActionRunner(opts.action);
  const needsTyping = opts.typeToConfirm !== undefined;
  const typedOk = !needsTyping || typed.trim() === opts.typeToConfirm?.trim();

  async function confirm() {
    // Enter in the type-to-confirm field calls this too, and a second press (or a held key) must not send again.
    if (!typedOk || pending) return;
    const r = await run(opts.input, opts.successMessage);
    if (r.ok) {
      setOpen(false);
      setTyped("");
      opts.onDone?.(r.data);
    }
  }

  return {
    open,
    /** Opens the dialog afresh: a failure from the last try is not shown again. */
    openDialog() {
      clearFailure();
      setOpen(true);
    },
    close: () => setOpen(false),
    typed,
    setTyped,
    typedOk,
    pending,
    failure,
    budgetWait,
    confirm,
  };
}
