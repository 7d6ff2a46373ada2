import "server-only";
import { randomUUID } from "node:crypto";
import { budgetFor, credentialKey, type CallBudget, type ChektAuth } from "@/lib/chekt";
import { BudgetWaitTooLong } from "@/lib/chekt/budget";
import { rateLimitWaitMs, retryAfterFor } from "@/lib/chekt/errors";
import { errorText } from "@/lib/error-text";

/**
 * Raw probes for the Settings connection check (lib/settings/connection-check.ts). Not the typed
 * client: that one retries, waits out 429s and refreshes tokens, which is right for features and
 * wrong for a diagnosis — the admin must see CHeKT's first answer as it was (status, body,
 * Retry-After), quickly. But a probe is still a call on the credential's budget: it takes a
 * "read" token from the same shared budget as every other call (so a check never overspends the
 * partner's limit or the App key's), corrects the budget from the answer's X-RateLimit-* headers,
 * and a 429 holds every instance until Retry-After like any other 429.
 */

/** What the probe sent CHeKT; `credential` names whose budget it spends. */
export type ProbeRequest = {
  baseUrl: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  traceId?: string;
  credential: ChektAuth;
};

/** One raw answer from CHeKT, or no answer (lib/settings/diagnose.ts turns it into words). */
export type RawAnswer =
  | { kind: "network"; code: string; message: string; ms: number }
  | {
      kind: "http";
      status: number;
      contentType: string;
      bodyText: string;
      retryAfterS?: number;
      rateLimitRemaining?: number;
      traceId?: string;
      ms: number;
    };

export type ProbeAnswer = { traceIdSent: string } & (
  | RawAnswer
  /** Not sent: the shared budget had no call for this credential within `PROBE_BUDGET_WAIT_MS`. */
  | { kind: "budget"; waitMs: number; ms: number }
);

/**
 * How long a probe waits for the shared budget. Short on purpose: a longer wait would let the
 * check pass once the bucket refilled and hide the very rate limit the admin is looking for.
 */
export const PROBE_BUDGET_WAIT_MS = 1_000;

function errorCode(error: unknown): { code: string; message: string } {
  if (!(error instanceof Error)) return { code: "ERROR", message: errorText(error) };
  if (error.name === "TimeoutError" || error.name === "AbortError")
    return { code: "TIMEOUT", message: "no answer within the time limit" };
  if (error.name === "TypeError" && /Invalid URL|Failed to parse URL/i.test(error.message))
    return { code: "ERR_INVALID_URL", message: error.message };
  const cause: unknown = error.cause;
  const causeCode =
    cause instanceof Error && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  const ownCode = "code" in error && typeof error.code === "string" ? error.code : undefined;
  return { code: causeCode ?? ownCode ?? error.name, message: errorText(cause instanceof Error ? cause : error) };
}

/** One request, no retries; the body is read as text (at most 64 KiB kept) whatever it is. */
export async function probeChekt(
  req: ProbeRequest,
  budget: CallBudget = budgetFor(credentialKey(req.credential)),
): Promise<ProbeAnswer> {
  const traceIdSent = req.traceId ?? randomUUID();
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let ticket;
  try {
    ticket = await budget.acquire("read", { deadline: Date.now() + Math.min(req.timeoutMs, PROBE_BUDGET_WAIT_MS) });
  } catch (error) {
    if (error instanceof BudgetWaitTooLong) return { kind: "budget", waitMs: error.waitMs, ms: ms(), traceIdSent };
    throw error;
  }
  let res: Response;
  try {
    res = await fetch(req.baseUrl.replace(/\/+$/, "") + req.path, {
      method: req.method,
      headers: { accept: "application/json", "x-partner-trace-id": traceIdSent, ...req.headers },
      body: req.body,
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    await budget.settle(ticket, null);
    return { kind: "network", ...errorCode(error), ms: ms(), traceIdSent };
  }
  const bodyText = (await res.text().catch(() => "")).slice(0, 65_536);
  await budget.settle(ticket, res.headers);
  const now = Date.now();
  if (res.status === 429) await budget.block(now + rateLimitWaitMs(res.headers, now), "read");
  const remaining = res.headers.get("x-ratelimit-remaining");
  return {
    kind: "http",
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    bodyText,
    // The wait as the gateway's errors carry it: a 429's is the one the budget now holds (Retry-After,
    // else one token's refill), so the check names the time the next call may go.
    retryAfterS: retryAfterFor(res.status, res.headers, now),
    rateLimitRemaining: remaining !== null && remaining !== "" ? Number(remaining) : undefined,
    traceId: res.headers.get("x-partner-trace-id") ?? traceIdSent,
    ms: ms(),
    traceIdSent,
  };
}
