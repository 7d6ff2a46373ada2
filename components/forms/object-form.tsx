"use client";
import type { ReactNode } from "react";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FlatValidationErrors } from "./action-result";
import type { ActionForm } from "./use-action-form";
import { useObjectForm, type CreateRun, type EditRun, type ObjectFormRun } from "./use-object-form";

/**
 * The form of one of the dealer's objects (site, station, contact) in either mode: `run` is the
 * mode's (`createRun` or `editRun` in use-object-form.ts), `fields` draws the form it gives.
 */
export function ObjectForm<
  V extends Record<string, string>,
  CS extends StandardSchemaV1 | undefined,
  CE extends FlatValidationErrors,
  CD,
  US extends StandardSchemaV1 | undefined,
  UE extends FlatValidationErrors,
  UD,
>({
  run,
  fields,
}: {
  run: CreateRun<V, CS, CE, CD> | EditRun<V, US, UE, UD>;
  fields: (form: ActionForm<V>) => ReactNode;
}) {
  // The two modes' actions take different inputs: each branch narrows `run` to one of them.
  return run.mode === "create" ? <RunForm run={run} fields={fields} /> : <RunForm run={run} fields={fields} />;
}

function RunForm<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
>({ run, fields }: { run: ObjectFormRun<V, S, E, D>; fields: (form: ActionForm<V>) => ReactNode }) {
  return fields(useObjectForm(run));
}
