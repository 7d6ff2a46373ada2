"use client";
import { useState, type ReactNode } from "react";
import { Button, Dialog, Input, type ButtonSize, type ButtonVariant } from "@/components/ui";
import { BudgetWaitNotice, FormFailure } from "./form-failure";
import { useActionRunner } from "./use-action-runner";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FlatValidationErrors, SafeAction, SafeActionInput } from "./action-result";

export type ConfirmActionProps<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = {
  /** The server action, imported from `@/actions/<domain>` by the component that renders this. */
  action: SafeAction<S, E, D>;
  input: SafeActionInput<S, E, D>;
  /** The button that opens the dialog. */
  label: string;
  /** Accessible name when the label alone is ambiguous (e.g. "Delete Ana Lee"). */
  ariaLabel?: string;
  icon?: ReactNode;
  variant?: ButtonVariant;
  /** "sm" in a table row, beside the row's other small actions. */
  size?: ButtonSize;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  successMessage: string;
  destructive?: boolean;
  /** When set, the user must type this (e.g. the site's name) before confirming. */
  typeToConfirm?: string;
  /** Extra warning inside the dialog (e.g. "3 sites still route alarms here"). */
  children?: ReactNode;
  onDone?: (data: D | undefined) => void;
};

/** A button that asks first, then runs a server action with pending state, toast and a kept error. */
export function ConfirmAction<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>(
  props: ConfirmActionProps<S, E, D>,
) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { run, pending, failure, clearFailure, budgetWait } = useActionRunner(props.action);
  const needsTyping = props.typeToConfirm !== undefined;
  const typedOk = !needsTyping || typed.trim() === props.typeToConfirm?.trim();

  async function confirm() {
    if (!typedOk) return;
    const r = await run(props.input, props.successMessage);
    if (r.ok) {
      setOpen(false);
      setTyped("");
      props.onDone?.(r.data);
    }
  }

  return (
    <>
      <Button
        variant={props.variant ?? (props.destructive ? "danger" : "secondary")}
        size={props.size}
        icon={props.icon}
        aria-label={props.ariaLabel}
        onClick={() => {
          clearFailure();
          setOpen(true);
        }}
      >
        {props.label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={props.title}
        description={props.description}
        size="sm"
        dismissible={!pending}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending} data-autofocus>
              Cancel
            </Button>
            <Button
              variant={props.destructive ? "danger" : "primary"}
              onClick={() => void confirm()}
              pending={pending}
              disabled={!typedOk}
            >
              {props.confirmLabel}
            </Button>
          </>
        }
      >
        <div className="space-y-3">
          {props.children}
          {needsTyping ? (
            <Input
              label={
                <>
                  Type <strong className="font-semibold">{props.typeToConfirm}</strong> to confirm
                </>
              }
              name="confirm-name"
              value={typed}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void confirm();
                }
              }}
              error={typed && !typedOk ? "That does not match yet." : null}
            />
          ) : null}
          <FormFailure failure={failure} />
          <BudgetWaitNotice secondsLeft={budgetWait.secondsLeft} onCancel={budgetWait.cancel} />
        </div>
      </Dialog>
    </>
  );
}
