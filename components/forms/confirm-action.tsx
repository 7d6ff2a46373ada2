"use client";
import type { ReactNode } from "react";
import { Button, ConfirmDialog, type ButtonSize, type ButtonVariant } from "@/components/ui";
import { BudgetWaitNotice, FormFailure } from "./form-failure";
import { TypeToConfirm } from "./type-to-confirm";
import { useConfirmAction } from "./use-confirm-action";
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
  const c = useConfirmAction(props);
  return (
    <>
      <Button
        variant={props.variant ?? (props.destructive ? "danger" : "secondary")}
        size={props.size}
        icon={props.icon}
        aria-label={props.ariaLabel}
        onClick={c.openDialog}
      >
        {props.label}
      </Button>
      <ConfirmDialog
        open={c.open}
        onClose={c.close}
        title={props.title}
        description={props.description}
        onConfirm={c.confirm}
        confirmLabel={props.confirmLabel}
        destructive={props.destructive}
        pending={c.pending}
        confirmDisabled={!c.typedOk}
      >
        <div className="space-y-3">
          {props.children}
          {props.typeToConfirm !== undefined ? (
            <TypeToConfirm
              text={props.typeToConfirm}
              typed={c.typed}
              ok={c.typedOk}
              onType={c.setTyped}
              onEnter={() => void c.confirm()}
            />
          ) : null}
          <FormFailure failure={c.failure} />
          <BudgetWaitNotice secondsLeft={c.budgetWait.secondsLeft} onCancel={c.budgetWait.cancel} />
        </div>
      </ConfirmDialog>
    </>
  );
}
