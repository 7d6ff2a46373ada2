"use client";
import type { RefObject } from "react";
import type { FieldErrors, Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { payloadOf, type FormMode, type Strings } from "./form-values";

/**
 * A zod object schema over the form's fields. Its input is often wider than the strings a form
 * holds (a preprocess takes unknown), so only "an object" is required here.
 */
export type FormSchema = z.ZodType<unknown, Record<string, unknown>>;

/** First message per top-level field from react-hook-form's errors (ours, the resolver's or the server's). */
export function messagesOf(errors: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, e] of Object.entries(errors)) {
    const message = e && typeof e === "object" && "message" in e ? e.message : undefined;
    if (key !== "root" && typeof message === "string" && message) out[key] = message;
  }
  return out;
}

type ResolverOptions<V extends Record<string, string>, I> = {
  initial: V;
  mode?: FormMode;
  schema?: FormSchema;
  toInput: (values: Partial<V>, intent: string | null) => I;
};

/**
 * react-hook-form's resolver for a useActionForm form. The schema checks what the action would receive
 * (in "update" mode the changed fields only, as an edit's schema is partial; the ids toInput adds
 * included); raw: the action parses it itself. `intent` is the submit button pressed, read at check time.
 */
export function useSchemaResolver<V extends Record<string, string>, I>(
  { initial, mode, schema, toInput }: ResolverOptions<V, I>,
  intent: RefObject<string | null>,
): Resolver<Strings> {
  return async (values) => {
    const payload = payloadOf(initial, mode, values);
    if (!schema) return { values, errors: {} };
    const input = Object.fromEntries(Object.entries(toInput(payload, intent.current) ?? {}));
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
}
