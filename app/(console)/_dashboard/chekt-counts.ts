import "server-only";
import { describeChektError } from "@/lib/chekt/errors";
import { countSites } from "@/lib/chekt/api/sites";
import { countStations } from "@/lib/chekt/api/stations";

export type ChektCounts = { sites: number | null; stations: number | null; error: string | null; traceId?: string };

/** Sites and monitoring stations of one CHeKT dealer, read live. Never throws: errors become words. */
export async function getChektCounts(dealerId: number): Promise<ChektCounts> {
  try {
    const [sites, stations] = await Promise.all([countSites({ dealerId }, []), countStations({ dealerId })]);
    return { sites, stations, error: null };
  } catch (e) {
    const d = describeChektError(e);
    return { sites: null, stations: null, error: `${d.message}${d.traceId ? ` (trace id ${d.traceId})` : ""}`, traceId: d.traceId };
  }
}
