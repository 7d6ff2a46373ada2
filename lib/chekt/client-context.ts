import { randomUUID } from "node:crypto";
import { defaultBudgetClass } from "./budget-class";
import { CallBudget, credentialKey, systemClock, type BudgetClock } from "./budget";
import { looseApi, type LooseApi } from "./loose-api";
import { Transport, type CallState } from "./transport";
import type { CallOptions, ChektClientConfig, ChektStats } from "./client";

/**
 * What every part of one client shares (client.ts puts them together): the transport and its
 * budget, the clock, the untyped openapi-fetch client, and the counts `stats()` reports.
 */
export type ClientContext = {
  baseUrl: string;
  api: LooseApi;
  transport: Transport;
  clock: BudgetClock;
  timeoutMs: number;
  normalize: boolean;
  counts: { requests: number; retries: number };
};

export function clientContext(config: ChektClientConfig): ClientContext {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const counts = { requests: 0, retries: 0 };
  const baseFetch = config.fetch ?? globalThis.fetch;
  const clock = config.clock ?? config.budget?.clock ?? systemClock;
  const countingFetch: typeof globalThis.fetch = (input, init) => {
    counts.requests += 1;
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
        if (e.type === "retry") counts.retries += 1;
        config.onEvent?.(e);
      },
      clock,
    },
    config.budget ?? new CallBudget(credentialKey(config.auth), { clock }),
  );
  return { baseUrl, api: looseApi(baseUrl), transport, clock, timeoutMs, normalize: config.normalize ?? true, counts };
}

/** A new logical call: its trace id, key, class and deadline, fixed for every attempt. */
export function callState(
  ctx: ClientContext,
  call: { method: string; path: string; idempotencyKey: string | null; retrySafe: boolean },
  opts: CallOptions,
): CallState {
  return {
    ...call,
    traceId: opts.traceId ?? randomUUID(),
    budgetClass: opts.budgetClass ?? defaultBudgetClass(call.method),
    deadline: ctx.clock.now() + (opts.deadlineMs ?? ctx.transport.settings.deadlineMs),
    timeoutMs: opts.timeoutMs ?? ctx.timeoutMs,
    signal: opts.signal,
    sendAfter: opts.sendAfter,
    onSend: opts.onSend,
    attempts: 0,
    retries: 0,
    waitedMs: 0,
    maybeApplied: false,
  };
}

export function clientStats(ctx: ClientContext, tokenRequests: number): ChektStats {
  return {
    requests: ctx.counts.requests,
    tokenRequests,
    retries: ctx.counts.retries,
    rateLimitWaitMs: ctx.transport.budget.waitedMsTotal,
  };
}
