import "server-only";
import type { components } from "@/lib/chekt/schema";
import { budgetFor, credentialKey } from "@/lib/chekt";
import { callData, chektApp, type CallOpts } from "./call";

type V1 = components["schemas"];

/** A snapshot's metadata with a freshly signed image URL (signed URLs expire after 24 h). */
export function getSnapshot(apiKey: string, id: string, opts: CallOpts = {}): Promise<V1["V1Snapshot"]> {
  const params = { path: { id } };
  return callData(chektApp(apiKey), "get", "/v1/snapshots/{id}", { params }, { budgetClass: "snapshot", ...opts });
}

/** What the snapshot image fetch (lib/verifications/snapshot-fetch.ts) needs of the shared budget. */
export type SnapshotBudget = {
  /** Waits for a "snapshot" token; throws when the wait would pass `deadline`. Returns the ticket to settle. */
  acquire(deadline: number): Promise<{ settle(headers: Headers | null): Promise<void> }>;
  /** A 429 said "not before `untilMs`": every class of this key waits. */
  block(untilMs: number): Promise<void>;
};

/**
 * The image bytes are fetched outside the typed client (redirects must be refused off CHeKT's
 * host, which the transport does not do), but they spend the same budget as every other call with
 * this App key, on the "snapshot" class.
 */
export function snapshotBudget(apiKey: string): SnapshotBudget {
  const budget = budgetFor(credentialKey({ type: "api_key", apiKey }));
  return {
    async acquire(deadline) {
      const ticket = await budget.acquire("snapshot", { deadline });
      return { settle: (headers) => budget.settle(ticket, headers) };
    },
    block: (untilMs) => budget.block(untilMs, "snapshot"),
  };
}
