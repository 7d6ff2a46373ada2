/** Token bucket per credential: `perMin` sustained, `burst` tokens at most. */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the bucket is full again. */
  reset: number;
  /** Seconds until one token is back (only when refused). */
  retryAfter: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMin: () => number,
    private readonly burst: () => number,
  ) {}

  private refill(key: string, now: number): Bucket {
    const rate = this.perMin() / 60_000;
    const cap = Math.max(1, this.burst());
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: cap, at: now };
      this.buckets.set(key, b);
      // Drop idle full buckets now and then so the map does not grow without bound.
      if (this.buckets.size > 10_000) for (const [k, v] of this.buckets) if (v.tokens >= cap) this.buckets.delete(k);
    } else {
      b.tokens = Math.min(cap, b.tokens + (now - b.at) * rate);
      b.at = now;
    }
    return b;
  }

  private decision(b: Bucket, allowed: boolean, now: number): RateDecision {
    const rate = this.perMin() / 60_000;
    const cap = Math.max(1, this.burst());
    return {
      allowed,
      limit: this.perMin(),
      remaining: Math.max(0, Math.floor(b.tokens)),
      reset: Math.ceil((now + (cap - b.tokens) / rate) / 1000),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)),
    };
  }

  take(key: string, now = Date.now()): RateDecision {
    const b = this.refill(key, now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return this.decision(b, true, now);
    }
    return this.decision(b, false, now);
  }

  peek(key: string, now = Date.now()): RateDecision {
    return this.decision(this.refill(key, now), true, now);
  }

  reset() {
    this.buckets.clear();
  }
}
