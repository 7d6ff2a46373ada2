import { z } from "zod";
import type { ActionFailure } from "../actions/errors";
import { isRecord } from "../is-record";

/**
 * One error type for everything that can go wrong talking to CHeKT. Pure module (no server-only)
 * so tests and pages can use it; it never carries a secret (no headers, no tokens).
 */
export type ChektErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server"
  | "network"
  | "timeout"
  | "config";

export type ChektErrorInit = {
  kind: ChektErrorKind;
  /** HTTP status; left out (null) when no answer arrived (network, timeout, config). */
  status?: number | null;
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
  traceId?: string;
  requestId?: string;
  retryAfterS?: number;
  /** Milliseconds this call spent waiting on the rate limit before giving up. */
  waitedMs?: number;
  method?: string;
  /** The OpenAPI path template, e.g. /partner/v1/dealers/{dealerId}/sites. */
  path?: string;
  /**
   * True when a write reached CHeKT (or may have) and no definite answer came back, so it may
   * have been saved. False when CHeKT certainly did not apply it (4xx, 429, refused connection)
   * or the call was a read.
   */
  mayHaveApplied?: boolean;
  attempts?: number;
  cause?: unknown;
};

export class ChektError extends Error {
  readonly kind: ChektErrorKind;
  readonly status: number | null;
  readonly code: string;
  readonly fieldErrors: Record<string, string>;
  readonly traceId?: string;
  readonly requestId?: string;
  readonly retryAfterS?: number;
  readonly waitedMs: number;
  readonly method?: string;
  readonly path?: string;
  readonly mayHaveApplied: boolean;
  readonly attempts: number;

  constructor(init: ChektErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ChektError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? {};
    this.traceId = init.traceId;
    this.requestId = init.requestId;
    this.retryAfterS = init.retryAfterS;
    this.waitedMs = init.waitedMs ?? 0;
    this.method = init.method;
    this.path = init.path;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
    this.attempts = init.attempts ?? 1;
  }

  /** Words a dealer understands, for a form or a toast (lib/actions calls this). */
  toActionFailure(): ActionFailure {
    const failure: ActionFailure = { code: this.code, message: dealerMessage(this) };
    // Left out when unknown, so the action's own trace id (spread first by lib/actions) survives.
    if (this.traceId !== undefined) failure.traceId = this.traceId;
    if (Object.keys(this.fieldErrors).length > 0) failure.fieldErrors = { ...this.fieldErrors };
    return failure;
  }
}

export function isChektError(e: unknown): e is ChektError {
  return e instanceof ChektError;
}

/**
 * Whether sending the same request again (with the same Idempotency-Key) may go through: CHeKT was
 * busy, failing or unreachable, not refusing what was sent. Each status isTransientStatus names maps
 * (kindForStatus) to one of these kinds, so an answer and the error made of it agree.
 */
export function isTransient(e: ChektError): boolean {
  return e.kind === "rate_limited" || e.kind === "server" || e.kind === "network" || e.kind === "timeout";
}

/**
 * The statuses worth the same request again after a wait, for every caller (the transport's resend,
 * the bulk worker, isTransient): 429 and 5xx, as lib/chekt/openapi.yaml and the contract name them,
 * and 408, which says the server stopped waiting before it had read the request whole, so nothing of
 * it was applied (RFC 9110 §15.5.9) — a proxy in front of CHeKT may send it.
 */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function kindForStatus(status: number): ChektErrorKind {
  if (status === 408) return "timeout";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "validation";
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export function isWrite(method: string | undefined): boolean {
  return method !== undefined && WRITE_METHODS.has(method.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Reading error bodies: CHeKT's envelope and the NestJS shape (ErrorBody in lib/chekt/openapi.yaml).

export type ParsedErrorBody = {
  code?: string;
  message?: string;
  requestId?: string;
  fieldErrors: Record<string, string>;
};

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:(?:\.[A-Za-z0-9_]+)|(?:\[\d+\]))*$/;
// class-validator's sentences: "<field> must …", "<field> should …", "property <f> should not exist",
// "each value in <f> must …", "nested property <f> must be …".
const FIELD_SENTENCES: RegExp[] = [
  /^property (\S+) should not exist/i,
  /^each value in (?:nested property )?(\S+) /i,
  /^nested property (\S+) /i,
  /^(\S+) (?:must|should|is|are|has|have|cannot|can not|may not|contains|needs|was|already)\b/,
];
// Words that start ordinary sentences and so are never a field.
const NOT_FIELDS = new Set([
  "it",
  "this",
  "that",
  "the",
  "a",
  "an",
  "request",
  "value",
  "body",
  "input",
  "there",
  "token",
  "you",
]);

/** The field a NestJS-style message is about ("name must not be empty" → "name"), if any. */
export function fieldOfMessage(message: string): string | undefined {
  for (const re of FIELD_SENTENCES) {
    const m = re.exec(message.trim());
    const field = m?.[1];
    if (field && FIELD_RE.test(field) && !NOT_FIELDS.has(field.toLowerCase()) && /^[a-z_]/.test(field)) return field;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : undefined;
}

function snake(v: string): string {
  return v
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

function addField(out: Record<string, string>, field: unknown, message: unknown) {
  const f = str(field);
  const m = str(message);
  if (!f || !m) return;
  // Several messages for one field read as one sentence each.
  out[f] = out[f] ? `${out[f]}; ${m}` : m;
}

/**
 * CHeKT's error envelope (ErrorEnvelope in lib/chekt/openapi.yaml; the simulator always answers with
 * it): `{ error: { code, message, request_id, field, details } }`, read here and by
 * lib/settings/simulator.ts. Only the nesting is required; each field stays as it came, since the
 * readers differ in what they take from a draft API (parseErrorBody reads a numeric code as text).
 * `details` that is no list is dropped.
 */
const loose = z.unknown().optional();
export const errorEnvelope = z.object({
  error: z.object({
    code: loose,
    message: loose,
    request_id: loose,
    field: loose,
    details: z.array(z.unknown()).optional().catch(undefined),
  }),
  request_id: loose,
});
/** One entry of the envelope's `details`: a field that failed and why. */
const fieldFailure = z.object({ field: loose, message: loose });

/** Reads any error body CHeKT may send (object, JSON text, plain text, empty). Never throws. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  let b: unknown = body;
  if (typeof b === "string") {
    const t = b.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        b = JSON.parse(t);
      } catch {
        /* plain text */
      }
    }
    if (typeof b === "string") return { message: t.length > 0 && t.length <= 500 ? t : undefined, fieldErrors: {} };
  }
  if (!isRecord(b)) return { fieldErrors: {} };
  const fieldErrors: Record<string, string> = {};

  // 1) CHeKT envelope: { error: { code, message, request_id, field, details: [{field, message}] } }
  const envelope = errorEnvelope.safeParse(b);
  if (envelope.success) {
    const e = envelope.data.error;
    for (const d of e.details ?? []) {
      const failure = fieldFailure.safeParse(d);
      if (failure.success) addField(fieldErrors, failure.data.field, failure.data.message);
    }
    const field = str(e.field);
    if (field && !fieldErrors[field]) addField(fieldErrors, field, e.message);
    return {
      code: str(e.code),
      message: str(e.message),
      requestId: str(e.request_id) ?? str(envelope.data.request_id),
      fieldErrors,
    };
  }

  // 2) NestJS: { statusCode, error: "Bad Request", message: string | string[] }
  const messages = Array.isArray(b.message)
    ? b.message.map(str).filter((m): m is string => !!m)
    : str(b.message)
      ? [str(b.message)!]
      : [];
  for (const m of messages) {
    const field = fieldOfMessage(m);
    if (field) addField(fieldErrors, field, m);
  }
  const code = str(b.code) ?? (typeof b.error === "string" ? snake(b.error) : undefined);
  return {
    code: code || undefined,
    // The token endpoint's OAuth error (RFC 6749 §5.2) says why in error_description.
    message: messages.length > 0 ? messages.join("; ") : str(b.error_description),
    requestId: str(b.request_id) ?? str(b.requestId),
    fieldErrors,
  };
}

/**
 * Whether a body is in one of the error shapes CHeKT sends: ErrorBody in lib/chekt/openapi.yaml (the
 * envelope, NestJS's `{statusCode, error, message}`) or the token endpoint's `{error, error_description}`.
 * parseErrorBody reads any body; the connection check (lib/settings/diagnose.ts) takes a 4xx in
 * another shape for an answer from something that is not the CHeKT API.
 */
export function isChektErrorShape(body: unknown): boolean {
  if (!isRecord(body)) return false;
  return errorEnvelope.safeParse(body).success || typeof body.statusCode === "number" || typeof body.error === "string";
}

const DEFAULT_CODES: Record<ChektErrorKind, string> = {
  validation: "validation_failed",
  unauthorized: "unauthorized",
  forbidden: "permission_denied",
  not_found: "not_found",
  conflict: "conflict",
  rate_limited: "rate_limited",
  server: "server_error",
  network: "network_error",
  timeout: "timeout",
  config: "config_error",
};

/** A ChektError from a non-2xx answer. */
export function errorFromResponse(args: {
  status: number;
  body: unknown;
  headers: Headers;
  method?: string;
  path?: string;
  traceId?: string;
  waitedMs?: number;
  attempts?: number;
  mayHaveApplied?: boolean;
  /** Overrides the kind the status implies (a refused token request is "unauthorized"). */
  kind?: ChektErrorKind;
  /** When the answer came (default now): an X-RateLimit-Reset is read against it. */
  now?: number;
}): ChektError {
  const kind = args.kind ?? kindForStatus(args.status);
  const parsed = parseErrorBody(args.body);
  return new ChektError({
    kind,
    status: args.status,
    code: parsed.code ?? DEFAULT_CODES[kind],
    message: parsed.message ?? `CHeKT answered HTTP ${args.status}`,
    fieldErrors: parsed.fieldErrors,
    requestId: parsed.requestId,
    traceId: args.headers.get("x-partner-trace-id") ?? args.traceId,
    retryAfterS: retryAfterFor(args.status, args.headers, args.now),
    waitedMs: args.waitedMs,
    method: args.method,
    path: args.path,
    attempts: args.attempts,
    mayHaveApplied: args.mayHaveApplied ?? (kind === "server" && isWrite(args.method)),
  });
}

// RFC 9110's three HTTP-date forms each start with the day's name; Date.parse alone reads "-1" or
// "abc 1" as a day in 2001, which would make a garbled Retry-After mean "now".
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const at = HTTP_DATE.test(raw) ? Date.parse(raw) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The wait a 429 gets when it names none: no readable Retry-After and no X-RateLimit-Limit. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * How long a 429 asks every caller of the credential to wait, in ms from `now`: Retry-After, else
 * one token's refill at X-RateLimit-Limit a minute, else DEFAULT_RATE_LIMIT_WAIT_MS (the free
 * tier's token). Never until X-RateLimit-Reset: CHeKT's limit is a token bucket, and Reset is when
 * the bucket is full again, seconds after the next call may go. The one rule for the transport, the
 * connection check's probes (api/diagnostics.ts) and the snapshot image fetch
 * (lib/verifications/snapshot-fetch.ts), so a 429 holds the shared budget for as long whichever
 * path met it; here because lib/chekt/errors is what code outside lib/chekt may import.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number {
  const seconds = retryAfterSeconds(headers, now);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  const limit = headers.get("x-ratelimit-limit")?.trim();
  return limit && /^\d+$/.test(limit) && Number(limit) > 0
    ? Math.ceil(60_000 / Number(limit))
    : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/**
 * The seconds an answer asks before the same call goes again, as errors carry it (retryAfterS): a
 * 429's is the wait the shared budget holds for it (rateLimitWaitMs, so never absent), in whole
 * seconds; another status's is its Retry-After, when it sends one.
 */
export function retryAfterFor(status: number, headers: Headers, now = Date.now()): number | undefined {
  return status === 429 ? waitSeconds(rateLimitWaitMs(headers, now)) : retryAfterSeconds(headers, now);
}

/**
 * How long a caller waits before sending again after a rate-limited failure: the wait it carries,
 * else DEFAULT_RATE_LIMIT_WAIT_MS — the one fallback for the bulk worker, the mirror sweep, the
 * answer's resend and the annotation sweep. Read structurally, so an error that is not a ChektError
 * gets the fallback.
 */
export function retryWaitMs(e: unknown): number {
  const s = isRecord(e) ? e.retryAfterS : undefined;
  return typeof s === "number" && s > 0 ? s * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/**
 * A wait of `ms` in the whole seconds shown and counted down: rounded up, and at least 1 s, so no
 * resend goes out before the wait ends and no message says "in 0 s". The one rule for every wait
 * a dealer sees (the budget's refusal, the connection check, snapshot retries, the answer's resend,
 * the forms' countdown); here because lib/chekt/errors is pure and importable from pages.
 */
export function waitSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

// ---------------------------------------------------------------------------------------------
// Words for dealers.

const MAY_HAVE_SAVED = "may or may not have been saved — refresh to check before trying again.";
const UNSURE = `the change ${MAY_HAVE_SAVED}`;

/**
 * What happened to the change, in a few words. Reads (pages) say nothing about saving; writes
 * say "Nothing was saved" only when that is certain: a write that reached CHeKT earlier in the call
 * (a 5xx or no answer, then a 429 or a refusal) may have landed.
 */
function outcome(e: ChektError, whenSure: string): string {
  if (!isWrite(e.method) && e.method !== undefined) return "";
  return e.mayHaveApplied ? `The change ${MAY_HAVE_SAVED}` : whenSure;
}

function dealerMessage(e: ChektError): string {
  const detail = e.message && !e.message.startsWith("CHeKT answered HTTP") ? e.message : "";
  const withDetail = (s: string) => (detail ? `${s}: ${detail}` : s);
  const join = (...parts: string[]) => parts.filter(Boolean).join(" ");
  switch (e.kind) {
    case "validation":
      return Object.keys(e.fieldErrors).length > 0
        ? "CHeKT did not accept the change (see the fields)."
        : `${withDetail("CHeKT did not accept the change")}.`;
    case "unauthorized":
      return join(
        "CHeKT refused our credentials.",
        outcome(e, "Nothing was saved."),
        "An admin should check the CHeKT connection in Settings.",
      );
    case "forbidden":
      if (/scope|permission/i.test(detail) && !/dealer/i.test(detail)) {
        return (
          `The CHeKT App key is missing a permission (${detail}). An admin can add the scope in CHeKT and ` +
          "update the key in Settings."
        );
      }
      return join(
        `${withDetail("CHeKT refused access")}.`,
        "This dealer may no longer be connected to our partner account — an admin can reconnect it on the Dealer page.",
        outcome(e, "Nothing was saved."),
      );
    case "not_found":
      return `${withDetail("CHeKT could not find it")}. It may have been deleted or have expired — refresh the page.`;
    case "conflict":
      if (e.code === "idempotency_conflict") {
        return (
          "CHeKT already received a different change under the same request key. Refresh the page and make " +
          "the change again."
        );
      }
      return (
        withDetail("CHeKT already has this (conflict or duplicate)") + ". Use another ID or edit the existing one."
      );
    case "rate_limited": {
      const waited = e.waitedMs > 0 ? `waited ${waitSeconds(e.waitedMs)} s and gave up.` : "gave up.";
      const again =
        e.retryAfterS !== undefined ? `Try again in ${waitSeconds(e.retryAfterS * 1000)} s.` : "Try again in a minute.";
      return join(`CHeKT is busy (rate limit); ${waited}`, outcome(e, "Nothing was saved."), again);
    }
    case "server":
      return e.mayHaveApplied
        ? `CHeKT had a problem (HTTP ${e.status}); ${UNSURE}`
        : join(`CHeKT had a problem (HTTP ${e.status}).`, outcome(e, "Nothing was changed."), "Try again shortly.");
    case "network":
      return e.mayHaveApplied
        ? `The connection to CHeKT broke before it answered; ${UNSURE}`
        : join("Could not reach CHeKT.", outcome(e, "Nothing was saved."));
    case "timeout":
      return e.mayHaveApplied
        ? `CHeKT did not answer in time; ${UNSURE}`
        : join("CHeKT did not answer in time.", outcome(e, "Nothing was saved."), "Try again shortly.");
    case "config":
      return "The CHeKT connection is not configured correctly. An admin should check Settings.";
  }
}
