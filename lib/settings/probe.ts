// Raw HTTP probes for the connection check. Deliberately NOT the shared CHeKT client: that client
// retries, waits out 429s and refreshes tokens, which is right for features and wrong for a
// diagnosis — the admin must see CHeKT's first answer as it was, quickly.
import { randomUUID } from "node:crypto";
import type { RawAnswer } from "./diagnose";

export type ProbeRequest = {
  baseUrl: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  traceId?: string;
};

function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

function errorCode(error: unknown): { code: string; message: string } {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return { code: "TIMEOUT", message: "no answer within the time limit" };
  if (e?.name === "TypeError" && /Invalid URL|Failed to parse URL/i.test(e.message ?? "")) return { code: "ERR_INVALID_URL", message: e.message ?? "" };
  const code = e?.cause?.code ?? e?.code ?? e?.name ?? "ERROR";
  return { code, message: e?.cause?.message ?? e?.message ?? String(error) };
}

/** One request, no retries; the body is read as text (at most 64 KiB kept) whatever it is. */
export async function probe(req: ProbeRequest): Promise<RawAnswer & { traceIdSent: string }> {
  const traceIdSent = req.traceId ?? randomUUID();
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(joinUrl(req.baseUrl, req.path), {
      method: req.method,
      headers: { accept: "application/json", "x-partner-trace-id": traceIdSent, ...req.headers },
      body: req.body,
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const bodyText = (await res.text()).slice(0, 65_536);
    const retryAfter = res.headers.get("retry-after");
    const remaining = res.headers.get("x-ratelimit-remaining");
    return {
      kind: "http",
      status: res.status,
      contentType: res.headers.get("content-type") ?? "",
      bodyText,
      retryAfterS: retryAfter !== null && retryAfter !== "" && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) : undefined,
      rateLimitRemaining: remaining !== null && remaining !== "" ? Number(remaining) : undefined,
      traceId: res.headers.get("x-partner-trace-id") ?? traceIdSent,
      ms: ms(),
      traceIdSent,
    };
  } catch (error) {
    return { kind: "network", ...errorCode(error), ms: ms(), traceIdSent };
  }
}
