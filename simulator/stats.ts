/**
 * Counts of the API requests the simulator answered (not /_sim), so a bench or a test can say how
 * many CHeKT calls a scenario cost and how many met a 429, without trusting the app's own numbers.
 */
export type RequestStats = {
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  since: string;
};

/** One answered API request: when it arrived (epoch ms), `METHOD route`, and its status. */
export type RequestLogEntry = [atMs: number, route: string, status: number];
/** Entries kept at most (the oldest dropped first): a bench run makes a few thousand. */
const LOG_MAX = 200_000;

export class RequestCounter {
  private stats: RequestStats = RequestCounter.empty();
  private log: RequestLogEntry[] = [];

  private static empty(): RequestStats {
    return { total: 0, byStatus: {}, byRoute: {}, since: new Date().toISOString() };
  }

  /** `atMs`: when the request arrived, so a bench can replay the rate limiter's bucket exactly. */
  count(method: string, route: string, status: number, atMs = Date.now()): void {
    this.log.push([atMs, `${method} ${route}`, status]);
    if (this.log.length > LOG_MAX) this.log.splice(0, this.log.length - LOG_MAX);
    this.stats.total += 1;
    this.stats.byStatus[String(status)] = (this.stats.byStatus[String(status)] ?? 0) + 1;
    const key = `${method} ${route}`;
    this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
  }

  view(): RequestStats {
    return structuredClone(this.stats);
  }

  /** Every counted request since the last reset, in the order they were answered. */
  entries(): RequestLogEntry[] {
    return this.log.slice();
  }

  reset(): void {
    this.stats = RequestCounter.empty();
    this.log = [];
  }
}

export const requestCounter = new RequestCounter();
