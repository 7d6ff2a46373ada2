import "server-only";
import { listEvents } from "@/lib/chekt/api/events";
import type { FetchEventsPage } from "./catch-up";

/** GET /v1/events through the dealer's CHeKT App key (oldest first, the order a catch-up wants). */
export const fetchEventsFromChekt: FetchEventsPage = async (apiKey, q, opts) => {
  return listEvents(apiKey, q, { budgetClass: "sync", signal: opts?.signal });
};
