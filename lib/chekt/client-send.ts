import { randomUUID } from "node:crypto";
import { noteWriteAccepted } from "./budget-wait";
import { ChektError, errorFromResponse, isWrite } from "./errors";
import { normalizeDto } from "./normalize";
import { errorText } from "../error-text";
import { callState, type ClientContext } from "./client-context";
import type { LooseInit } from "./loose-api";
import type { AuthHeader, CallState } from "./transport";
import type { CallOptions, ChektResult, HttpMethod } from "./client";

/** One call as the client's insides see it: any path, any init, an answer of unknown shape. */
export type Send = (
  method: HttpMethod,
  path: string,
  init?: LooseInit,
  opts?: CallOptions,
) => Promise<ChektResult<unknown>>;

export function sender(ctx: ClientContext, authFor: (opts: CallOptions, path: string) => AuthHeader): Send {
  return async (method, path, init, opts = {}) => {
    const m = lowerMethod(method);
    const M = m.toUpperCase();
    const write = isWrite(M);
    const idempotencyKey = write ? (opts.idempotencyKey === undefined ? randomUUID() : opts.idempotencyKey) : null;
    const retrySafe = !write || idempotencyKey !== null;
    const state = callState(ctx, { method: M, path, idempotencyKey, retrySafe }, opts);
    const out = await exchange(ctx, state, m, init, authFor(opts, path));
    const answer = readAnswer(ctx, state, out);
    if (write) noteWriteAccepted();
    return answer;
  };
}

type Exchange = { data?: unknown; error?: unknown; response: Response };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** A method as openapi-fetch takes it: lower-case. */
export type LowerMethod = (typeof METHODS)[number];

/** Either case names the method (HttpMethod); openapi-fetch takes it lower-case. */
function lowerMethod(method: string): LowerMethod {
  const m = METHODS.find((x) => x === method.toLowerCase());
  if (!m) throw new ChektError({ kind: "config", code: "bad_method", message: `No such HTTP method: ${method}` });
  return m;
}

async function exchange(
  ctx: ClientContext,
  state: CallState,
  method: LowerMethod,
  init: LooseInit | undefined,
  auth: AuthHeader,
): Promise<Exchange> {
  try {
    return await ctx.api.request(method, state.path, { ...init, fetch: ctx.transport.fetchFor(state, auth) });
  } catch (e) {
    if (e instanceof ChektError) throw e;
    // openapi-fetch could not parse a 2xx body: CHeKT sent something that is not JSON.
    throw new ChektError({
      kind: "server",
      code: "unreadable_response",
      message: `CHeKT sent an answer we could not read: ${errorText(e)}`,
      traceId: state.traceId,
      method: state.method,
      path: state.path,
      attempts: state.attempts,
      mayHaveApplied: isWrite(state.method),
      cause: e,
    });
  }
}

/** A 2xx becomes the result (X-Total-Count read, JSON through the tolerant reader); anything else a ChektError. */
function readAnswer(ctx: ClientContext, state: CallState, out: Exchange): ChektResult<unknown> {
  const { response } = out;
  const traceId = response.headers.get("x-partner-trace-id") ?? state.traceId;
  if (!response.ok) {
    throw errorFromResponse({
      status: response.status,
      body: out.error,
      headers: response.headers,
      method: state.method,
      path: state.path,
      traceId,
      waitedMs: state.waitedMs,
      attempts: state.attempts,
      mayHaveApplied: state.maybeApplied,
    });
  }
  const rawTotal = response.headers.get("x-total-count");
  const totalCount = rawTotal !== null && /^\d+$/.test(rawTotal.trim()) ? Number(rawTotal) : undefined;
  const data =
    ctx.normalize &&
    out.data !== null &&
    typeof out.data === "object" &&
    !(out.data instanceof Blob) &&
    !(out.data instanceof ArrayBuffer)
      ? normalizeDto(out.data)
      : out.data;
  return { data, traceId, response, totalCount, attempts: state.attempts };
}
