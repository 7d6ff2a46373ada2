"use client";
// The paste review's lookup (components/import/use-key-lookup.ts runs it): the pasted external IDs
// not on this site are asked about at the dealer's other sites (devicesHeldElsewhere, the mirror), so
// the page never carries the other sites' IDs. The job's start checks the same again on the server.
import { useMemo } from "react";
import { useAction } from "next-safe-action/hooks";
import type { ServerLookup } from "@/components/import/pipeline-types";
import { toOutcome } from "@/components/forms/action-result";
import { devicesHeldElsewhere } from "@/actions/devices";
import type { DeviceField } from "@/lib/bulk/fields";
import { idsToCheckElsewhere, type IdHolder } from "@/lib/bulk/validate";
import { HELD_ELSEWHERE_WORDS, heldAnswer } from "./held-elsewhere";

export function useHeldElsewhereLookup(
  siteId: number,
  existingExternalIds: ReadonlySet<string>,
): ServerLookup<DeviceField, IdHolder> {
  // A read of the mirror: no rate-limit wait to count down (useSendAction's), one request at a time.
  const { executeAsync } = useAction(devicesHeldElsewhere);
  return useMemo(
    () => ({
      keys: (rows) => idsToCheckElsewhere(rows, existingExternalIds),
      ask: async (externalIds) => heldAnswer(toOutcome(await executeAsync({ siteId, externalIds }))),
      words: HELD_ELSEWHERE_WORDS,
    }),
    [siteId, existingExternalIds, executeAsync],
  );
}
