import "server-only";
import { chektApp } from "@/lib/chekt";
import type { EventsPage, FetchEventsPage } from "./catch-up";

/** GET /v1/events through the dealer's CHeKT App key (oldest first, the order a catch-up wants). */
export const fetchEventsFromChekt: FetchEventsPage = async (apiKey, q) => {
  const { data } = await chektApp(apiKey).request("get", "/v1/events", {
    params: { query: { cursor: q.cursor, since: q.since, limit: q.limit, order: "asc" } },
  });
  return data as unknown as EventsPage;
};
