import "server-only";
import type { components } from "@/lib/chekt/schema";
import { callData, chektApp, type CallOpts } from "./call";

type V1 = components["schemas"];

export type EventsQuery = { cursor?: string; since?: string; limit?: number };

/** One page of GET /v1/events through a dealer's CHeKT App key, oldest first (what a catch-up wants). */
export function listEvents(apiKey: string, q: EventsQuery, opts: CallOpts = {}): Promise<V1["V1EventPage"]> {
  const query = { cursor: q.cursor, since: q.since, limit: q.limit, order: "asc" as const };
  return callData(chektApp(apiKey), "get", "/v1/events", { params: { query } }, opts);
}
