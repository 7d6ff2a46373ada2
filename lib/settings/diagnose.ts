// Turns one raw answer from CHeKT into words an admin can act on: the four failures CHeKT's Apps
// set-up guide names (invalid_api_key, permission_denied, wrong base URL, rate limited) plus network
// failure and a CHeKT-side fault. Pure, so every bucket is unit-tested without a server.

import type { RawAnswer } from "@/lib/chekt/api/diagnostics";
import { FREE_TIER } from "@/lib/chekt/budget-rules";
import { isChektErrorShape, parseErrorBody, waitSeconds, type ChektError } from "@/lib/chekt/errors";
import { isRecord } from "@/lib/is-record";

export type { RawAnswer };

export type Bucket =
  | "ok"
  | "invalid_api_key"
  | "invalid_client"
  | "permission_denied"
  | "no_dealer_access"
  | "not_found"
  | "wrong_base_url"
  | "rate_limited"
  | "network"
  | "server_error"
  | "unexpected";

export type Diagnosis = {
  ok: boolean;
  bucket: Bucket;
  title: string;
  detail: string;
  status?: number;
  code?: string;
  serverMessage?: string;
  traceId?: string;
  retryAfterS?: number;
  ms: number;
};

type Envelope = { code?: string; message?: string };
/** An error body's code and message, and whether it is in a shape the CHeKT API sends (`fromApi`). */
export type ErrorBodyReading = Envelope & { fromApi: boolean };

/**
 * Reads a JSON error body with the client's own reader (lib/chekt/errors.ts parseErrorBody), so the
 * check and an action's error take the same code and message from it. Null when the body is no JSON
 * object, or one that says nothing in a shape of CHeKT's.
 */
export function readErrorBody(bodyText: string): ErrorBodyReading | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  if (!isRecord(body)) return null;
  const { code, message } = parseErrorBody(body);
  const fromApi = isChektErrorShape(body);
  return fromApi || code !== undefined || message !== undefined ? { code, message, fromApi } : null;
}

const isJson = (ct: string) => /\bjson\b/i.test(ct);
const looksHtml = (ct: string, text: string) => /html/i.test(ct) || /^\s*<(!doctype|html)/i.test(text);

/** Names the scope in a permission_denied message ("requires devices:read"), when CHeKT says it. */
export function scopeInMessage(message: string | undefined): string | undefined {
  return message?.match(/\b(devices|events|snapshots|alarms|sites):(read|write)\b/)?.[0];
}

export type ProbeContext = {
  /** What was asked, e.g. "GET /v1/devices". */
  label: string;
  /** Which surface: the App key (/v1), the partner token, or a partner read. */
  surface: "app" | "token" | "partner";
  /** The scope this call needs, for the App surface. */
  scope?: string;
  /** The base URL that was used, quoted back in the wrong-base-URL explanation. */
  baseUrl: string;
  /** Whether a 2xx answer has the expected shape (e.g. `{data: []}` for /v1 lists). */
  shapeOk?: (body: unknown) => boolean;
};

type HttpAnswer = Extract<RawAnswer, { kind: "http" }>;
type Fields = Omit<Diagnosis, "ok" | "bucket" | "title" | "detail">;

/**
 * An answer as every bucket below reads it: its status, its error envelope and the fields each diagnosis
 * carries. A probe's raw answer (diagnose) and an error the shared client threw (diagnoseChektError)
 * both become one, so the connection check and the App devices page say the same thing in the same words.
 */
type Reading = { status: number; retryAfterS?: number; ctx: ProbeContext; env: Envelope | null; fields: Fields };

export function diagnose(answer: RawAnswer, ctx: ProbeContext): Diagnosis {
  if (answer.kind === "network") return networkDiagnosis(answer, ctx);
  const { status, traceId, ms } = answer;
  const env = readErrorBody(answer.bodyText);
  const r: Reading = {
    status,
    retryAfterS: answer.retryAfterS,
    ctx,
    env,
    fields: { status, traceId, ms, code: env?.code, serverMessage: env?.message },
  };

  if (status >= 200 && status < 300) return successDiagnosis(answer, r);
  // A JSON error envelope means the CHeKT API itself answered; anything else on 4xx means the
  // path or host is not the CHeKT API (a proxy, a web server, a missing /v1).
  if (status !== 429 && !env?.fromApi && status >= 400 && status < 500) return notTheApi(answer, r);
  return refusal(r);
}

/**
 * An error the shared CHeKT client threw (lib/chekt/errors.ts) in the connection check's words: its
 * envelope was read already, so it goes straight to the bucket of its status, or of no answer.
 */
export function diagnoseChektError(e: ChektError, ctx: ProbeContext): Diagnosis {
  if (e.kind === "network" || e.kind === "timeout" || e.kind === "config" || !e.status)
    return networkDiagnosis(
      { kind: "network", code: e.kind === "timeout" ? "TIMEOUT" : e.code, message: e.message, ms: 0 },
      ctx,
    );
  const fields = { status: e.status, code: e.code, serverMessage: e.message, traceId: e.traceId, ms: 0 };
  return refusal({
    status: e.status,
    retryAfterS: e.retryAfterS,
    ctx,
    env: { code: e.code, message: e.message },
    fields,
  });
}

/** An error answer from the CHeKT API itself, by its status. */
function refusal(r: Reading): Diagnosis {
  const { status } = r;
  if (status === 429) return rateLimited(r);
  if (status === 401) return credentialsRefused(r);
  if (status === 403) return accessDenied(r);
  if (status === 404 || status === 405) return notServed(r);
  if (status >= 500) return serverError(r);
  return unexpected(r);
}

/** A 2xx is only "works" when it is JSON in the shape CHeKT uses; anything else came from elsewhere. */
function successDiagnosis(answer: HttpAnswer, { ctx, fields }: Reading): Diagnosis {
  const { status, contentType, bodyText, ms } = answer;
  if (!isJson(contentType) || looksHtml(contentType, bodyText))
    return wrongBase(
      ctx,
      fields,
      `${ctx.label} answered ${status} with ${contentType || "no content type"} instead of JSON — ` +
        "something other than the CHeKT API answered.",
    );
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return wrongBase(ctx, fields, `${ctx.label} answered ${status} with a body that is not JSON.`);
  }
  if (ctx.shapeOk && !ctx.shapeOk(body))
    return wrongBase(ctx, fields, `${ctx.label} answered ${status} but not in the shape CHeKT uses.`);
  return {
    ok: true,
    bucket: "ok",
    title: "Works",
    detail: `${ctx.label} answered ${status} in ${ms} ms.`,
    ...fields,
  };
}

function rateLimited({ retryAfterS: wait, ctx, fields }: Reading): Diagnosis {
  return {
    ok: false,
    bucket: "rate_limited",
    title: "Rate limited",
    detail:
      `CHeKT refused ${ctx.label} because the rate limit is used up (free tier: ${FREE_TIER.perMin} ` +
      `requests a minute, bursts of ${FREE_TIER.burst} a second).` +
      `${wait !== undefined ? ` It allows calls again in ${waitSeconds(wait * 1000)} s.` : ""} If ` +
      "something calls CHeKT in a tight loop, slow it down, or upgrade the plan.",
    retryAfterS: wait,
    ...fields,
  };
}

function notTheApi(answer: HttpAnswer, { ctx, fields }: Reading): Diagnosis {
  const { status, contentType, bodyText } = answer;
  return wrongBase(
    ctx,
    fields,
    `${ctx.label} answered ${status} with ` +
      `${looksHtml(contentType, bodyText) ? "an HTML page" : "a body that is not a CHeKT error"} — that ` +
      "address does not serve the CHeKT API.",
  );
}

/** 401: the App surface's API key, or the partner's client credentials. */
function credentialsRefused({ ctx, fields }: Reading): Diagnosis {
  if (ctx.surface === "app") {
    return {
      ok: false,
      bucket: "invalid_api_key",
      title: "API key not accepted (invalid_api_key)",
      detail:
        "CHeKT does not accept this API key: it is mistyped, revoked, or was rotated more than 24 hours " +
        "ago. Check the key saved here (or CHEKT_API_KEY) is the one CHeKT showed when the app was " +
        "created, and that it is sent as a Bearer token. If it was revoked, issue a new key under " +
        "Settings → CHeKT Apps in the dealer portal and save it here.",
      ...fields,
    };
  }
  return {
    ok: false,
    bucket: "invalid_client",
    title: "Client credentials not accepted",
    detail:
      "CHeKT refused the client ID and secret (or the signed client assertion). Check CHEKT_CLIENT_ID " +
      "and CHEKT_CLIENT_SECRET / CHEKT_PRIVATE_KEY against what CHeKT issued to your partner account.",
    ...fields,
  };
}

/** 403: the App lacks a scope, or the partner token does not reach this dealer. */
function accessDenied({ ctx, env, fields }: Reading): Diagnosis {
  if (ctx.surface === "app") {
    const scope = scopeInMessage(env?.message) ?? ctx.scope;
    return {
      ok: false,
      bucket: "permission_denied",
      title: `Missing scope${scope ? ` ${scope}` : ""} (permission_denied)`,
      detail:
        "The key is valid but the CHeKT App lacks " +
        `${scope ? `the ${scope} scope` : "the scope this call needs"}. In the dealer portal open Settings ` +
        `→ CHeKT Apps → [your app] → Permissions, grant ${scope ?? "it"}, and have the dealer admin ` +
        "approve the new set.",
      ...fields,
    };
  }
  return {
    ok: false,
    bucket: "no_dealer_access",
    title: "This dealer is not connected to your partner account",
    detail:
      "The partner token is valid but does not reach this dealer. Connect the dealer again from the " +
      "Dealer page (its admin approves on CHeKT).",
    ...fields,
  };
}

/** 404 or 405: a partner read of a dealer CHeKT no longer knows, otherwise a path that is not the API. */
function notServed({ status, ctx, env, fields }: Reading): Diagnosis {
  if (status === 404 && ctx.surface === "partner") {
    return {
      ok: false,
      bucket: "not_found",
      title: "Dealer not found",
      detail: "CHeKT does not know this dealer id any more. It may have been deleted; disconnect and connect it again.",
      ...fields,
    };
  }
  return wrongBase(ctx, fields, `${ctx.label} answered ${status} ${env?.code ?? ""}`.trim() + ".");
}

function serverError({ status, env, fields }: Reading): Diagnosis {
  const serverMessage = env?.message;
  return {
    ok: false,
    bucket: "server_error",
    title: "CHeKT had a problem",
    detail:
      `CHeKT answered ${status}${serverMessage ? ` (${serverMessage})` : ""}. This is on CHeKT's side; try ` +
      "again in a minute. Quote the trace ID to CHeKT support if it persists.",
    ...fields,
  };
}

function unexpected({ status, ctx, env, fields }: Reading): Diagnosis {
  const code = env?.code;
  const serverMessage = env?.message;
  return {
    ok: false,
    bucket: "unexpected",
    title: `Unexpected answer ${status}`,
    detail: `${ctx.label} answered ${status}${code ? ` ${code}` : ""}${serverMessage ? `: ${serverMessage}` : ""}.`,
    ...fields,
  };
}

function wrongBase(ctx: ProbeContext, fields: Fields, why: string): Diagnosis {
  return {
    ok: false,
    bucket: "wrong_base_url",
    title: "Wrong base URL",
    detail: `${why} CHEKT_API_BASE_URL is ${ctx.baseUrl}; it must be the host only (https://api.chekt.com) — the app adds /v1, /partner/v1 and /oauth itself. Do not put /v1 or a trailing path in it.`,
    ...fields,
  };
}

function networkDiagnosis(answer: Extract<RawAnswer, { kind: "network" }>, ctx: ProbeContext): Diagnosis {
  if (answer.code === "ENOTFOUND" || answer.code === "EAI_AGAIN" || answer.code === "ERR_INVALID_URL") {
    return {
      ok: false,
      bucket: "wrong_base_url",
      title: "Wrong base URL",
      detail: `The host in CHEKT_API_BASE_URL (${ctx.baseUrl}) cannot be found (${answer.code}). Check the spelling; the real service is https://api.chekt.com.`,
      code: answer.code,
      ms: answer.ms,
    };
  }
  const timedOut = answer.code === "TIMEOUT" || answer.code === "UND_ERR_CONNECT_TIMEOUT";
  const message = answer.message && answer.message !== answer.code ? `: ${answer.message}` : "";
  return {
    ok: false,
    bucket: "network",
    title: timedOut ? "No answer in time" : "Cannot reach CHeKT",
    detail:
      `${ctx.label} failed before CHeKT answered (${answer.code}${message}). Check that ` +
      `${ctx.baseUrl} is reachable from this server (firewall, proxy, DNS) and try again.`,
    code: answer.code,
    ms: answer.ms,
  };
}
