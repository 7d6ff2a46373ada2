import type { ClientPathsWithMethod, Client, MaybeOptionalInit, MethodResponse } from "openapi-fetch";
import type { paths } from "./schema";
import type { BudgetClass } from "./budget-class";
import type { BudgetClock, CallBudget } from "./budget";
import { clientContext, clientStats } from "./client-context";
import { methodTable } from "./client-methods";
import { sender, type LowerMethod } from "./client-send";
import { clientAuth } from "./client-token";
import type { LooseInit } from "./loose-api";
import type { ChektAuth } from "./token";
import type { TransportEvent } from "./transport";

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

/** Either case: `"GET"` and `"get"` name the same operation. */
export type HttpMethod = LowerMethod | Uppercase<LowerMethod>;
type Api = Client<paths>;
/** Paths of the document that have method `M`. */
export type ChektPath<M extends HttpMethod> = ClientPathsWithMethod<Api, Lowercase<M>>;
type Operation<M extends HttpMethod, P extends ChektPath<M>> = paths[P] & Record<Lowercase<M>, unknown>;
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
  /**
   * Called as each request of the call goes out: after its budget token, however long that took to
   * come, and after `sendAfter`. A mirror read takes its read time here (lib/mirror/pull.ts), by its
   * own clock, rather than when it asked for the token.
   */
  onSend?: () => void;
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
  const ctx = clientContext(config);
  const auth = clientAuth(ctx, config.auth);
  return {
    baseUrl: ctx.baseUrl,
    ...methodTable(sender(ctx, auth.header)),
    stats: () => clientStats(ctx, auth.tokenRequests()),
  };
}
