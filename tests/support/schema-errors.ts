// What a zod schema says when it refuses an input, in the form a test compares: the "parse and
// expect the issue's path and message" of the schema tests.
import type { z } from "zod";

/** The first message for each top-level field `schema` refuses in `input`; {} when it accepts it. */
export function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of schema.safeParse(input).error?.issues ?? []) out[String(i.path[0])] ??= i.message;
  return out;
}

/** The message of the first issue `schema` finds in `input`; undefined when it accepts it. */
export const firstMessage = (schema: z.ZodType, input: unknown): string | undefined =>
  schema.safeParse(input).error?.issues[0]?.message;
