import "server-only";
import type { components } from "@/lib/chekt/schema";
import { chektApp, type CallOpts } from "./call";

/** A snapshot's metadata with a freshly signed image URL (signed URLs expire after 24 h). */
export async function getSnapshot(apiKey: string, id: string, opts: CallOpts = {}): Promise<components["schemas"]["V1Snapshot"]> {
  const { data } = await chektApp(apiKey).request("get", "/v1/snapshots/{id}", { params: { path: { id } } }, { budgetClass: "snapshot", ...opts });
  return data;
}
