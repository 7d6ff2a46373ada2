/**
 * The least wall time `calls` requests can take under a token bucket of `burst` requests that
 * refills at `perMin` a minute: the burst goes at once, each further call waits 60/perMin s.
 */
export function rateLimitFloorMs(calls: number, perMin: number, burst: number): number {
  return (Math.max(0, calls - burst) * 60_000) / perMin;
}
