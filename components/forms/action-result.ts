// What a server action made with lib/actions/client.ts hands back to the browser, and how a form
// turns it into words. Pure: no React, so it can be unit-tested.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { SingleInputActionFn, UseActionHookReturn } from "next-safe-action/hooks";
import type { ActionFailure } from "@/lib/actions/errors";

export type ActionResultLike<D> = {
  data?: D;
  serverError?: ActionFailure;
  validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> };
};

/** The validation errors' shape our action client returns ("flattened"). */
export type FlatValidationErrors = NonNullable<ActionResultLike<unknown>["validationErrors"]>;

/**
 * A server action made with lib/actions/client.ts, as next-safe-action's hooks take it: its input
 * schema `S`, validation errors `E` and data `D` stay typed from the action to the form.
 */
export type SafeAction<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = SingleInputActionFn<
  ActionFailure,
  S,
  E,
  D
>;
/** What such an action takes, exactly as `useAction(...).executeAsync` accepts it. */
export type SafeActionInput<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D> = Parameters<
  UseActionHookReturn<ActionFailure, S, E, D>["executeAsync"]
>[0];

export type Outcome<D> =
  { ok: true; data: D | undefined } | { ok: false; failure: ActionFailure; fieldErrors: Record<string, string> };

/**
 * No answer from our server: the request may never have left, or the action may have finished and
 * only its answer was lost, so nothing is promised either way. A create by external ID is recognised
 * when sent again (lib/lost-answer.ts); the answer form resends with its stored key on its own.
 */
export const NETWORK_FAILURE: ActionFailure = {
  code: "network",
  message:
    "We got no answer from the server, so this may or may not have been saved. Refresh to check before " +
    "sending it again; a new item with an external ID is safe to send again.",
};

/** One outcome for every way an action can end: success, refusal, bad input, or no answer at all. */
export function toOutcome<D>(result: ActionResultLike<D> | undefined): Outcome<D> {
  if (result?.serverError) {
    return { ok: false, failure: result.serverError, fieldErrors: { ...(result.serverError.fieldErrors ?? {}) } };
  }
  if (result?.validationErrors) {
    const fieldErrors: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.validationErrors.fieldErrors ?? {})) if (v?.[0]) fieldErrors[k] = v[0];
    const form = result.validationErrors.formErrors?.[0];
    return {
      ok: false,
      failure: { code: "invalid_input", message: form ?? "Some fields need fixing; nothing was saved." },
      fieldErrors,
    };
  }
  if (!result) return { ok: false, failure: NETWORK_FAILURE, fieldErrors: {} };
  return { ok: true, data: result.data };
}

/** Field messages from a zod error, first message per top-level field. */
export function zodFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? "");
    if (key && !out[key]) out[key] = i.message;
  }
  return out;
}

/** Only the fields whose value differs from what the page loaded: PUT bodies are partial. */
export function changedFields<T extends Record<string, string>>(initial: T, values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if ((values[key] ?? "").trim() !== (initial[key] ?? "").trim()) out[key] = values[key];
  }
  return out;
}
