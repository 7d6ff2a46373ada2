// The paste review's lookup of pasted external IDs at the dealer's other sites, apart from React
// (held-elsewhere-lookup.ts sends it): what the review says, and the action's outcome as the
// pipeline's answer. Pure, so both are unit-tested.
import type { LookupAnswer, ServerLookup } from "@/components/import/pipeline-types";
import type { Outcome } from "@/components/forms/action-result";
import type { DeviceField } from "@/lib/bulk/fields";
import type { IdHolder } from "@/lib/bulk/validate";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

export const HELD_ELSEWHERE_WORDS: ServerLookup<DeviceField, IdHolder>["words"] = {
  checking: "Checking IDs at your other sites…",
  failed: (message) =>
    `Could not check the pasted IDs at your other sites: ${message} Nothing can be sent until they are checked.`,
  done: (_keys, found) =>
    found === 0
      ? "No pasted ID is in use at your other sites."
      : `${countText(found)} pasted ${plural(found, "ID is", "IDs are")} already in use at your other sites ` +
        "(marked in the grid).",
};

/** What the action answers: each pasted ID a device at another site holds, with that device and site. */
export type HeldElsewhere = { held: ({ externalId: string } & IdHolder)[] };

/** The action's outcome as the review's answer; a refused list says why in the words of its field. */
export function heldAnswer(outcome: Outcome<HeldElsewhere> | null): LookupAnswer<IdHolder> {
  if (!outcome) return { ok: false, message: "The check was cancelled." };
  if (!outcome.ok) {
    const field = Object.values(outcome.fieldErrors)[0];
    const trace = outcome.failure.traceId ? ` (trace ID for support: ${outcome.failure.traceId})` : "";
    return { ok: false, message: `${field ?? outcome.failure.message}${trace}` };
  }
  const held = outcome.data?.held ?? [];
  return { ok: true, found: new Map(held.map(({ externalId, ...holder }) => [externalId, holder])) };
}
