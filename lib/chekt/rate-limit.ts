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

/** What `acquire` hands out; give it back to `release`. */
export type RateTicket = { waitedMs: number; probe: boolean };

// While one call is out learning the new budget, the others look again this often.
const PROBE_POLL_MS = 20;

export class RateLimiter {
  /** Calls CHeKT still allows in the current window; null = unknown (send and learn). */
  private remaining: number | null = null;
  private resetAt = 0;
  /** Set by a 429: nobody sends before this. */
  private blockedUntil = 0;
  private inFlight = 0;
  /**
   * After the budget ran out and its reset time passed, one call goes first to learn the new
   * budget; the rest wait for its answer instead of all rushing in and meeting a wall of 429s.
   */
  private probing = false;
  /** Calls waiting for a slot, oldest first (by sequence number). */
  private queue: number[] = [];
  private seq = 0;
  /** Total time calls spent held back (summed over calls), for stats and the bench. */
  waitedMsTotal = 0;

  /** How long a call must wait before it may be sent at `now` (0 = go). */
  delayFor(now: number): number {
    if (this.blockedUntil > now) return this.blockedUntil - now;
    if (this.remaining !== null && this.remaining <= 0) {
      if (this.resetAt > now) return this.resetAt - now;
      return this.probing ? PROBE_POLL_MS : 0;
    }
    return 0;
  }

  /**
   * Waits until a call may be sent, then takes one unit of the budget. Calls that had to wait go
   * in arrival order, so a user's edit is not starved behind a long bulk job. Throws
   * RateLimitWaitTooLong when the wait would pass `deadline` (epoch ms).
   */
  async acquire(deadline: number, signal?: AbortSignal): Promise<RateTicket> {
    let waited = 0;
    let queued = false;
    const me = ++this.seq;
    try {
      for (;;) {
        const now = Date.now();
        const delay = this.delayFor(now);
        const myTurn = this.queue.length === 0 || this.queue[0] === me;
        if (delay <= 0 && myTurn) {
          let probe = false;
          if (this.remaining !== null) {
            if (this.remaining <= 0) probe = this.probing = true;
            else this.remaining -= 1;
          }
          this.inFlight += 1;
          return { waitedMs: waited, probe };
        }
        if (!queued) {
          this.queue.push(me);
          queued = true;
        }
        const step = delay > 0 ? delay : PROBE_POLL_MS;
        if (now + step > deadline) throw new RateLimitWaitTooLong(step, waited);
        await sleep(step, signal);
        waited += step;
        this.waitedMsTotal += step;
      }
    } finally {
      if (queued) this.queue.splice(this.queue.indexOf(me), 1);
    }
  }

  /** Call once per ticket when its answer (headers) or failure (null) arrived. */
  release(ticket: RateTicket, headers: Headers | null, now = Date.now()): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (ticket.probe) this.probing = false;
    const rawRemaining = headers?.get("x-ratelimit-remaining") ?? null;
    if (rawRemaining === null || !/^\d+$/.test(rawRemaining.trim())) {
      // The probe learned nothing (no answer, or no headers): stop holding the others back.
      if (ticket.probe) this.remaining = null;
      return;
    }
    const reset = resetAtMs(headers!.get("x-ratelimit-reset"), now);
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
