import type { FastifyRequest } from "fastify";
import "./contract-request";
import { SimError } from "./errors";
import type { RateDecision } from "./rate-limit";
import type { Sim } from "./sim";

/** The X-RateLimit-* headers every API answer carries, from the caller's bucket. */
export function rateHeaders(d: RateDecision): Record<string, string> {
  return {
    "x-ratelimit-limit": String(d.limit),
    "x-ratelimit-remaining": String(d.remaining),
    "x-ratelimit-reset": String(d.reset),
  };
}

/** Takes a token from the bucket (or only looks, when `consume` is false); refused, a 429 with Retry-After. */
export function applyRate(sim: Sim, req: FastifyRequest, bucket: string, consume: boolean) {
  const d = consume ? sim.limiter.take(bucket) : sim.limiter.peek(bucket);
  req.rateHeaders = rateHeaders(d);
  if (!d.allowed)
    throw new SimError(
      429,
      "rate_limited",
      `rate limit exceeded (${d.limit}/min, burst ${sim.config.rateLimitBurstPerS}); retry after ${d.retryAfter} s`,
      undefined,
      undefined,
      { "retry-after": String(d.retryAfter) },
    );
}
