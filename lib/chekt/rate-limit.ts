/**
 * Paces calls by what CHeKT tells us (X-RateLimit-Remaining / X-RateLimit-Reset, and Retry-After
 * on a 429), shared by every call of one client instance. It does not guess the bucket size: it
 * only holds calls back when CHeKT said the budget is spent, so the same code fits the free,
 * pro and enterprise tiers. (Several app instances each pace themselves; a 429 still lands
 * safely because the transport waits Retry-After and retries.)
 */

export class RateLimitWaitTooLong extends Error {
  constructor(
    readonly waitMs: number,
    readonly waitedMs: number,
  ) {
    super(`rate limit wait of ${waitMs} ms does not fit in the deadline`);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
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

export class RateLimiter {
  /** Calls CHeKT still allows in the current window; null = unknown (send and learn). */
  private remaining: number | null = null;
  private resetAt = 0;
  /** Set by a 429: nobody sends before this. */
  private blockedUntil = 0;
  private inFlight = 0;
  /** Total time calls spent held back, for stats and the bench. */
  waitedMsTotal = 0;

  /** How long a call must wait before it may be sent at `now` (0 = go). */
  delayFor(now: number): number {
    if (this.blockedUntil > now) return this.blockedUntil - now;
    if (this.remaining !== null && this.remaining <= 0) {
      if (this.resetAt > now) return this.resetAt - now;
      this.remaining = null; // the window has passed; the next answer tells us the new budget
    }
    return 0;
  }

  /**
   * Waits until a call may be sent, then takes one unit of the budget. Throws
   * RateLimitWaitTooLong when the wait would pass `deadline` (epoch ms).
   */
  async acquire(deadline: number, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = Date.now();
      const delay = this.delayFor(now);
      if (delay <= 0) {
        if (this.remaining !== null) this.remaining -= 1;
        this.inFlight += 1;
        return waited;
      }
      if (now + delay > deadline) throw new RateLimitWaitTooLong(delay, waited);
      await sleep(delay, signal);
      waited += delay;
      this.waitedMsTotal += delay;
    }
  }

  /** Call once per acquired slot when its answer (or failure) arrived. */
  release(headers: Headers | null, now = Date.now()): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!headers) return;
    const rawRemaining = headers.get("x-ratelimit-remaining");
    if (rawRemaining === null || !/^\d+$/.test(rawRemaining.trim())) return;
    const reset = resetAtMs(headers.get("x-ratelimit-reset"), now);
    // Calls still in flight were sent after CHeKT counted this one: take them off too, so a
    // burst never overshoots the budget (erring towards a short wait, never towards a 429).
    this.remaining = Math.max(0, Number(rawRemaining) - this.inFlight);
    if (reset !== null) this.resetAt = reset;
  }

  /** A 429 said "not before `untilMs`": hold every call of this client until then. */
  block(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
  }
}
