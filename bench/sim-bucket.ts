// The simulator's partner bucket replayed from its request log (GET /_sim/stats/log), for the team
// bench's bulk floor (bench/team.ts). Kept apart so tests/unit/bench-sim-bucket.test.ts can pin it.

import type { RequestLogEntry } from "../simulator/stats";

/** One answered request of the simulator's log: arrival time (epoch ms), `METHOD route`, status. */
export type SimLogEntry = RequestLogEntry;

/**
 * The partner bucket as the simulator kept it (simulator/rate-limit.ts: full at its first request,
 * `perMin` a minute refill up to `burst`, one token per request it let through), replayed from its
 * request log: the tokens it held at `fromMs`, and the calls it let through from then to `toMs`.
 * Partner routes go by the partner credential's bucket; a 401 there was charged to the caller's
 * address instead, and a 429 took nothing.
 */
export function partnerBucketWindow(
  log: SimLogEntry[],
  fromMs: number,
  toMs: number,
  limits: { perMin: number; burst: number },
): { tokensAtStart: number; calls: number; refused: number } {
  const rate = limits.perMin / 60_000;
  const partner = log
    .filter(([, route, status]) => route.split(" ")[1]?.startsWith("/partner/") && status !== 401)
    .sort((x, y) => x[0] - y[0]);
  let tokens = limits.burst;
  let at = partner[0]?.[0] ?? fromMs;
  let calls = 0;
  let refused = 0;
  for (const [t, , status] of partner) {
    if (t >= fromMs && t <= toMs) {
      if (status === 429) refused += 1;
      else calls += 1;
    }
    if (t >= fromMs) continue;
    tokens = Math.min(limits.burst, tokens + (t - at) * rate);
    at = t;
    if (status !== 429) tokens = Math.max(0, tokens - 1);
  }
  const tokensAtStart = Math.min(limits.burst, tokens + Math.max(0, fromMs - at) * rate);
  return { tokensAtStart, calls, refused };
}
