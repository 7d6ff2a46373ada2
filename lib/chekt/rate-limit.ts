/**
 * Small helpers the shared call budget (budget.ts, budget-rules.ts) and the transport use: a
 * cancellable sleep and CHeKT's X-RateLimit-Reset read as a time. The per-process limiter that
 * used to live here was replaced by the budget, which is shared by every instance.
 */

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** X-RateLimit-Reset as epoch ms: CHeKT sends unix seconds; a small number is read as seconds from now. */
export function resetAtMs(raw: string | null, now = Date.now()): number | null {
  if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) return null;
  const v = Number(raw.trim());
  return v > 1e9 ? v * 1000 : now + v * 1000;
}
