import { changedFields } from "./action-result";

/** What react-hook-form holds: every field is a string, as typed. */
export type Strings = Record<string, string>;

/** Whether a form makes an object or edits one. */
export type FormMode = "create" | "update";

/** What a form sends: in "update" mode only the changed fields (PUT is partial), else every field. */
export function payloadOf<V extends Record<string, string>>(
  initial: V,
  mode: FormMode | undefined,
  values: Strings,
): Partial<V> {
  const current: V = { ...initial, ...values };
  return mode === "update" ? changedFields(initial, current) : current;
}

/** Whether `key` names one of the form's own fields (the server may name others). */
export function isField<V extends Record<string, string>>(initial: V, key: string): key is keyof V & string {
  return Object.hasOwn(initial, key);
}
