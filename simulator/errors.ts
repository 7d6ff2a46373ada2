import { randomBytes } from "node:crypto";

export interface FieldError {
  field: string;
  message: string;
}

/** An answer in CONTRACT.md's error envelope. Thrown anywhere in a handler; the server renders it. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static validation(errors: FieldError[]): SimError {
    const first = errors[0] ?? { field: "", message: "invalid request" };
    const message = errors.length === 1 ? first.message : `${errors.length} fields are invalid: ${errors.map((e) => e.message).join("; ")}`;
    return new SimError(400, "validation_failed", message, first.field || undefined, errors.length > 1 ? errors : undefined);
  }

  static notFound(what: string, code = "not_found"): SimError {
    return new SimError(404, code, `${what} not found`);
  }
}

export function requestId(): string {
  return `req_${randomBytes(9).toString("base64url")}`;
}

export function envelope(err: SimError, reqId: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      request_id: reqId,
      ...(err.field ? { field: err.field } : {}),
      ...(err.details ? { details: err.details } : {}),
    },
  };
}
