import "server-only";
import type { components } from "@/lib/chekt/schema";
import { chektApp, type CallOpts } from "./call";

type DevicePage = components["schemas"]["V1DevicePage"];

/** One cursor page of GET /v1/devices with a dealer's CHeKT App key. */
export async function listAppDevices(
  apiKey: string,
  q: { limit: number; cursor?: string },
  opts: CallOpts & { deadlineMs?: number } = {},
): Promise<{ page: DevicePage; traceId: string }> {
  const { data, traceId } = await chektApp(apiKey).get(
    "/v1/devices",
    { params: { query: { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) } } },
    opts,
  );
  return { page: data, traceId };
}
