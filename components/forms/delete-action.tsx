"use client";
import { Trash2 } from "lucide-react";
import { ConfirmAction, type ConfirmActionProps } from "./confirm-action";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FlatValidationErrors } from "./action-result";

export type DeleteActionProps<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = Omit<
  ConfirmActionProps<S, E, D>,
  "label" | "icon" | "title" | "confirmLabel" | "destructive"
> & {
  /** The object's own name, in the dialog's title: "Delete Main Street?". */
  name: string;
  /** What the object is ("site"), on the dialog's confirm button: "Delete site". */
  noun: string;
  /** The button that opens the dialog; "Delete" where the page makes plain what goes. */
  label?: string;
};

/**
 * THE delete button of an object's page or row (site, station, contact): red with a trash icon, then
 * "Delete {name}?" and "Delete {noun}" in ConfirmAction's dialog, so every delete asks the same way.
 */
export function DeleteAction<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>({
  name,
  noun,
  label = "Delete",
  ...rest
}: DeleteActionProps<S, E, D>) {
  return (
    <ConfirmAction
      {...rest}
      label={label}
      destructive
      icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
      title={`Delete ${name}?`}
      confirmLabel={`Delete ${noun}`}
    />
  );
}
