"use client";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FlatValidationErrors } from "./action-result";
import { useActionForm, type ActionForm, type UseActionFormOptions } from "./use-action-form";
import { useGoTo } from "./use-go-to";

/**
 * One mode of an object's form, as `useActionForm` takes it: create and edit each run their own
 * action with their own input type. `next`: the page to open after a save.
 */
export type ObjectFormRun<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
> = Pick<UseActionFormOptions<V, S, E, D>, "mode" | "schema" | "prepare" | "action" | "toInput" | "successMessage"> & {
  next: (data: D | undefined) => string;
};

/**
 * `useActionForm` for the form of one of the dealer's objects (site, station, contact): it asks
 * before leaving with unsaved values and, after a save (and its toast), opens `next` read afresh.
 */
export function useObjectForm<
  V extends Record<string, string>,
  S extends StandardSchemaV1 | undefined,
  E extends FlatValidationErrors,
  D,
>(initial: V, run: ObjectFormRun<V, S, E, D>): ActionForm<V> {
  const goTo = useGoTo();
  const { next, ...options } = run;
  return useActionForm({
    ...options,
    initial,
    guardUnsaved: true,
    onSuccess: (data) => goTo(next(data)),
  });
}
