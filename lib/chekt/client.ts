import { randomUUID } from "node:crypto";
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type MethodResponse,
} from "openapi-fetch";
import type { paths } from "./schema";
import { defaultBudgetClass, type BudgetClass } from "./budget-class";
import { CallBudget, credentialKey, systemClock, type BudgetClock } from "./budget";
import { ChektError, errorFromResponse, isWrite } from "./errors";
import { normalizeDto } from "./normalize";
import { TokenSource, type ChektAuth, type TokenResponse } from "./token";
import { Transport, type AuthHeader, type CallState, type TransportEvent } from "./transport";
import { errorText } from "../error-text";

/**
 * The typed CHeKT client. Methods and paths exist only in lib/chekt/openapi.yaml: callers name a
 * path from `paths` and get its body, params and answer types from the generated schema.
 *
 * ```ts
 * const { data, traceId } = await chekt.request("put", "/partner/v1/dealers/{dealerId}/sites/{siteId}",
 *   { params: { path: { dealerId, siteId } }, body: { name } }, { traceId: ctx.traceId });
 * ```
 *
 * This module holds no configuration and no secrets of its own (index.ts reads lib/env and is
 * server-only); tests build clients with `createChektClient`.
 */

type LowerMethod = "get" | "post" | "put" | "patch" | "delete";
/** Either case: `"GET"` and `"get"` name the same operation. */
export type HttpMethod = LowerMethod | Uppercase<LowerMethod>;
type Api = Client<paths>;
/** Paths of the document that have method `M`. */
export type ChektPath<M extends HttpMethod> = ClientPathsWithMethod<Api, Lowercase<M>>;
type Operation<M extends HttpMethod, P extends ChektPath<M>> = paths[P] & Record<Lowercase<M>, unknown>;
/** The init any operation accepts; only seen when the path is not known statically. */
type LooseInit = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
};
/** openapi-fetch's init (params, body, parseAs, …) for this operation, without its transport knobs. */
export type ChektInit<M extends HttpMethod, P extends ChektPath<M>> = [P] extends [never]
  ? LooseInit
  : Omit<NonNullable<MaybeOptionalInit<Operation<M, P>, Lowercase<M>>>, "fetch" | "baseUrl" | "signal" | "middleware">;
/** The success body of this operation (after the tolerant reader). */
export type ChektData<M extends HttpMethod, P extends ChektPath<M>> = [P] extends [never]
  ? unknown
  : MethodResponse<Api, Lowercase<M>, P>;

export type CallOptions = {
  /**
   * Writes carry an Idempotency-Key: a fresh UUID by default, or this stable key (bulk chunks and
   * verification answers pass the one they stored, so a resend after a crash never applies
   * twice). `null` sends none — and then the write is never retried.
   */
  idempotencyKey?: string | null;
  /** Correlation id sent as x-partner-trace-id (default: a fresh UUID per call). */
  traceId?: string;
  /** Per-attempt timeout (default: the client's, from CHEKT_REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Budget for the whole call incl. retries and rate-limit waits. */
  deadlineMs?: number;
  /** A user's OAuth token instead of the client token (PUT /partner/v1/dealers/connect). */
  bearer?: string;
  signal?: AbortSignal;
  /** Which share of the credential's budget this call spends (default: by method, see budget-class.ts). */
  budgetClass?: BudgetClass;
  /**
   * Work the call must not be sent before (an action's "before" read, lib/mirror/before.ts): the
   * call takes its budget token meanwhile and is sent once this has resolved. When it rejects,
   * nothing is sent and the call fails with its reason.
   */
  sendAfter?: Promise<unknown>;
};

export type ChektResult<T> = {
  data: T;
  /** The trace id CHeKT echoed (or the one we sent). */
  traceId: string;
  response: Response;
  /** X-Total-Count of list endpoints (matches before limit/offset). */
  totalCount?: number;
  attempts: number;
};

// `{} extends Init`: every key of the call's init is optional, so the init itself may be left out.
export type ChektArgs<M extends HttpMethod, P extends ChektPath<M>> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends ChektInit<M, P>
    ? [init?: ChektInit<M, P>, opts?: CallOptions]
    : [init: ChektInit<M, P>, opts?: CallOptions];

export type ChektClientConfig = {
  /** e.g. https://api.chekt.com (CHEKT_API_BASE_URL). */
  baseUrl: string;
  auth: ChektAuth;
  /** Per-attempt timeout, default 10 s. */
  timeoutMs?: number;
  /** Whole-call budget, default max(30 s, 3 × timeout). */
  deadlineMs?: number;
  /** Attempts for retry-safe failures, default 4. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Apply the tolerant reader (normalize.ts) to JSON answers; default true. */
  normalize?: boolean;
  fetch?: typeof globalThis.fetch;
  onEvent?: (e: TransportEvent) => void;
  /**
   * The credential's share of CHeKT's rate limit (budget.ts). The app passes one kept in Postgres
   * and shared by every instance (index.ts); without one, the client keeps its own in memory,
   * with no limit assumed until CHeKT's headers tell it.
   */
  budget?: CallBudget;
  /**
   * Time for deadlines, backoff, 429 waits and token expiry (default: the budget's, else the system's). Tests pass
   * one that skips sleeps, so they assert what the clock says instead of elapsed wall time.
   */
  clock?: BudgetClock;
};

export type ChektStats = {
  /** HTTP requests sent (every attempt, token requests included). */
  requests: number;
  tokenRequests: number;
  retries: number;
  rateLimitWaitMs: number;
};

export interface ChektClient {
  request<M extends HttpMethod, P extends ChektPath<M>>(
    method: M,
    path: P,
    ...args: ChektArgs<M, P>
  ): Promise<ChektResult<ChektData<M, P>>>;
  get<P extends ChektPath<"get">>(path: P, ...args: ChektArgs<"get", P>): Promise<ChektResult<ChektData<"get", P>>>;
  post<P extends ChektPath<"post">>(path: P, ...args: ChektArgs<"post", P>): Promise<ChektResult<ChektData<"post", P>>>;
  put<P extends ChektPath<"put">>(path: P, ...args: ChektArgs<"put", P>): Promise<ChektResult<ChektData<"put", P>>>;
  patch<P extends ChektPath<"patch">>(
    path: P,
    ...args: ChektArgs<"patch", P>
  ): Promise<ChektResult<ChektData<"patch", P>>>;
  delete<P extends ChektPath<"delete">>(
    path: P,
    ...args: ChektArgs<"delete", P>
  ): Promise<ChektResult<ChektData<"delete", P>>>;
  stats(): ChektStats;
  readonly baseUrl: string;
}

export function createChektClient(config: ChektClientConfig): ChektClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const stats = { requests: 0, retries: 0 };
  const baseFetch = config.fetch ?? globalThis.fetch;
  const clock = config.clock ?? config.budget?.clock ?? systemClock;
  const countingFetch: typeof globalThis.fetch = (input, init) => {
    stats.requests += 1;
    return baseFetch(input, init);
  };
  const transport = new Transport(
    {
      timeoutMs,
      deadlineMs: config.deadlineMs ?? Math.max(30_000, timeoutMs * 3),
      maxAttempts: config.maxAttempts ?? 4,
      backoffBaseMs: config.backoffBaseMs ?? 250,
      backoffMaxMs: config.backoffMaxMs ?? 4_000,
      fetch: countingFetch,
      onEvent: (e) => {
        if (e.type === "retry") stats.retries += 1;
        config.onEvent?.(e);
      },
      clock,
    },
    config.budget ?? new CallBudget(credentialKey(config.auth), { clock }),
  );
  const api = createClient<paths>({ baseUrl });
  const normalize = config.normalize ?? true;

  const newState = (
    method: string,
    path: string,
    opts: CallOptions,
    idempotencyKey: string | null,
    retrySafe: boolean,
  ): CallState => ({
    method,
    path,
    traceId: opts.traceId ?? randomUUID(),
    idempotencyKey,
    budgetClass: opts.budgetClass ?? defaultBudgetClass(method),
    retrySafe,
    deadline: clock.now() + (opts.deadlineMs ?? transport.settings.deadlineMs),
    timeoutMs: opts.timeoutMs ?? timeoutMs,
    signal: opts.signal,
    sendAfter: opts.sendAfter,
    attempts: 0,
    retries: 0,
    waitedMs: 0,
    maybeApplied: false,
  });

  // /oauth/token goes through the same transport (pacing, retries): asking for a token twice is harmless.
  const fetchToken = async (form: Record<string, string>): Promise<TokenResponse> => {
    // Every class needs the token and one request serves them all: it goes at the interactive
    // write class, above everything but answers (another instance's answer still goes first).
    const state = newState("POST", "/oauth/token", { budgetClass: "write" }, null, true);
    const { data, error, response } = await api.POST("/oauth/token", {
      body: form as never,
      bodySerializer: (b: Record<string, string>) => new URLSearchParams(b).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      fetch: transport.fetchFor(state, { token: async () => null }),
    });
    if (error !== undefined || !response.ok) {
      // A refused token request means our credentials are wrong, whatever status CHeKT chose.
      const refused = response.status === 400 || response.status === 401 || response.status === 403;
      throw errorFromResponse({
        status: response.status,
        body: error,
        headers: response.headers,
        method: "POST",
        path: "/oauth/token",
        traceId: state.traceId,
        waitedMs: state.waitedMs,
        attempts: state.attempts,
        kind: refused ? "unauthorized" : undefined,
      });
    }
    return data as TokenResponse;
  };

  const auth = config.auth;
  const tokens =
    auth.type === "client_secret" || auth.type === "private_key_jwt"
      ? new TokenSource(auth, `${baseUrl}/oauth/token`, fetchToken, () => clock.now())
      : null;

  const authFor = (opts: CallOptions): AuthHeader => {
    if (opts.bearer) return { token: async () => opts.bearer! };
    if (auth.type === "api_key") return { token: async () => auth.apiKey };
    if (tokens) return { token: () => tokens.get(), refresh: (t) => tokens.refresh(t) };
    return { token: async () => null };
  };

  async function request(
    method: HttpMethod,
    path: string,
    init?: Record<string, unknown>,
    opts: CallOptions = {},
  ): Promise<ChektResult<unknown>> {
    const M = method.toUpperCase();
    const m = method.toLowerCase();
    const write = isWrite(M);
    const idempotencyKey = write ? (opts.idempotencyKey === undefined ? randomUUID() : opts.idempotencyKey) : null;
    const state = newState(M, path, opts, idempotencyKey, !write || idempotencyKey !== null);
    let out: { data?: unknown; error?: unknown; response: Response };
    try {
      out = await (api.request as (m: string, p: string, i: unknown) => Promise<typeof out>)(m, path, {
        ...init,
        fetch: transport.fetchFor(state, authFor(opts)),
      });
    } catch (e) {
      if (e instanceof ChektError) throw e;
      // openapi-fetch could not parse a 2xx body: CHeKT sent something that is not JSON.
      throw new ChektError({
        kind: "server",
        code: "unreadable_response",
        message: `CHeKT sent an answer we could not read: ${errorText(e)}`,
        traceId: state.traceId,
        method: M,
        path,
        attempts: state.attempts,
        mayHaveApplied: write,
        cause: e,
      });
    }
    const { response } = out;
    const traceId = response.headers.get("x-partner-trace-id") ?? state.traceId;
    if (!response.ok) {
      throw errorFromResponse({
        status: response.status,
        body: out.error,
        headers: response.headers,
        method: M,
        path,
        traceId,
        waitedMs: state.waitedMs,
        attempts: state.attempts,
        mayHaveApplied: state.maybeApplied,
      });
    }
    const rawTotal = response.headers.get("x-total-count");
    const totalCount = rawTotal !== null && /^\d+$/.test(rawTotal.trim()) ? Number(rawTotal) : undefined;
    const data =
      normalize &&
      out.data !== null &&
      typeof out.data === "object" &&
      !(out.data instanceof Blob) &&
      !(out.data instanceof ArrayBuffer)
        ? normalizeDto(out.data)
        : out.data;
    return { data, traceId, response, totalCount, attempts: state.attempts };
  }

  const client = {
    baseUrl,
    request,
    get: (path: string, init?: Record<string, unknown>, opts?: CallOptions) => request("get", path, init, opts),
    post: (path: string, init?: Record<string, unknown>, opts?: CallOptions) => request("post", path, init, opts),
    put: (path: string, init?: Record<string, unknown>, opts?: CallOptions) => request("put", path, init, opts),
    patch: (path: string, init?: Record<string, unknown>, opts?: CallOptions) => request("patch", path, init, opts),
    delete: (path: string, init?: Record<string, unknown>, opts?: CallOptions) => request("delete", path, init, opts),
    stats: (): ChektStats => ({
      requests: stats.requests,
      tokenRequests: tokens?.requests ?? 0,
      retries: stats.retries,
      rateLimitWaitMs: transport.budget.waitedMsTotal,
    }),
  };
  // The implementation is untyped inside; the interface above is what callers see.
  return client as unknown as ChektClient;
}
