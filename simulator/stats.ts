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

export class RequestCounter {
  private stats: RequestStats = RequestCounter.empty();

  private static empty(): RequestStats {
    return { total: 0, byStatus: {}, byRoute: {}, since: new Date().toISOString() };
  }

  count(method: string, route: string, status: number): void {
    this.stats.total += 1;
    this.stats.byStatus[String(status)] = (this.stats.byStatus[String(status)] ?? 0) + 1;
    const key = `${method} ${route}`;
    this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
  }

  view(): RequestStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = RequestCounter.empty();
  }
}

export const requestCounter = new RequestCounter();
