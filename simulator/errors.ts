import { randomBytes } from "node:crypto";

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An answer in the contract's error envelope (ErrorEnvelope in lib/chekt/openapi.yaml). Thrown anywhere in a handler;
 * the server renders it.
 */
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
    const message =
      errors.length === 1
        ? first.message
        : `${errors.length} fields are invalid: ${errors.map((e) => e.message).join("; ")}`;
    return new SimError(
      400,
      "validation_failed",
      message,
      first.field || undefined,
      errors.length > 1 ? errors : undefined,
    );
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

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The NestJS-style body (`class-validator` messages as an array). */
export function nestBody(err: SimError) {
  const messages = err.details?.length ? err.details.map((d) => d.message) : [err.message];
  return { statusCode: err.status, error: REASONS[err.status] ?? "Error", message: messages };
}
