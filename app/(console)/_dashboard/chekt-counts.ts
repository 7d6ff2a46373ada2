import "server-only";
import { chekt, describeChektError } from "@/lib/chekt";

export type ChektCounts = { sites: number | null; stations: number | null; error: string | null; traceId?: string };

// The dashboard only needs counts, so each list asks for one row and reads X-Total-Count.
// Short deadline: a slow CHeKT must not hold the whole dashboard.
const OPTS = { timeoutMs: 5_000, deadlineMs: 8_000 } as const;

/** Sites and monitoring stations of one CHeKT dealer, read live. Never throws: errors become words. */
export async function getChektCounts(dealerId: number): Promise<ChektCounts> {
  try {
    const [sites, stations] = await Promise.all([
      chekt.get("/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId }, query: { limit: 1 } } }, OPTS),
      chekt.get("/partner/v1/dealers/{dealerId}/monitoring-stations", { params: { path: { dealerId }, query: { limit: 1 } } }, OPTS),
    ]);
    return {
      sites: sites.totalCount ?? (Array.isArray(sites.data) ? sites.data.length : null),
      stations: stations.totalCount ?? (Array.isArray(stations.data) ? stations.data.length : null),
      error: null,
    };
  } catch (e) {
    const d = describeChektError(e);
    return { sites: null, stations: null, error: `${d.message}${d.traceId ? ` (trace id ${d.traceId})` : ""}`, traceId: d.traceId };
  }
}
