// No "server-only": the browser reads what it fetched and what it stored with these (components/).
import { z } from "zod";

/** `text` read as JSON of `schema`'s shape; null when there is no text, it is not JSON, or not that shape. */
export function jsonAs<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * A fetch answer's body read as JSON of `schema`'s shape:
 * null when it cannot be read, is not JSON, or not that shape.
 */
export async function bodyAs<T>(res: Response, schema: z.ZodType<T>): Promise<T | null> {
  return jsonAs(await res.text().catch(() => null), schema);
}

// What the API routes answer when they refuse (lib/auth/require.ts): { error: { code, message } }.
const errorBody = z.object({ error: z.object({ code: z.string().optional(), message: z.string() }) });

/** A refused request's code and message (`fallback` when its body has none: not JSON, another shape). */
export async function failureOf(res: Response, fallback: string): Promise<{ code: string | null; message: string }> {
  const body = await bodyAs(res, errorBody);
  return { code: body?.error.code ?? null, message: body?.error.message ?? fallback };
}

/** The message a refused request's answer carries, or `fallback` when its body has none (not JSON, another shape). */
export async function failureMessage(res: Response, fallback: string): Promise<string> {
  return (await failureOf(res, fallback)).message;
}
