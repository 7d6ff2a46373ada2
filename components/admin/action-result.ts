// Reads a next-safe-action result into what a form shows: one message and per-field messages.
import type { ActionFailure } from "@/lib/actions/errors";

type Result = {
  serverError?: ActionFailure | string;
  validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | unknown;
};

export type Failure = { message: string; fieldErrors: Record<string, string>; traceId?: string } | null;

export function failureOf(result: Result | undefined): Failure {
  if (!result)
    return { message: "No answer from the server. Check your connection; nothing was saved.", fieldErrors: {} };
  if (result.serverError) {
    const e =
      typeof result.serverError === "string" ? { code: "internal", message: result.serverError } : result.serverError;
    return { message: e.message, fieldErrors: e.fieldErrors ?? {}, traceId: e.traceId };
  }
  const v = result.validationErrors as
    { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | undefined;
  if (v) {
    const fieldErrors: Record<string, string> = {};
    for (const [k, msgs] of Object.entries(v.fieldErrors ?? {})) if (msgs?.[0]) fieldErrors[k] = msgs[0];
    const message = v.formErrors?.[0] ?? "Some fields need attention.";
    return { message, fieldErrors };
  }
  return null;
}

export function withTrace(f: NonNullable<Failure>): string {
  return f.traceId ? `${f.message} (trace ${f.traceId})` : f.message;
}
