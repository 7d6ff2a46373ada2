"use client";
import { useCallback, useState } from "react";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { NETWORK_FAILURE, toOutcome } from "@/components/forms/action-result";
import { claimVerification, releaseVerification, takeOverVerification } from "@/actions/verifications";
import { applyLocal, type QueueState } from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { useDeskDealer } from "./desk-dealer";
import { queueKey, updateQueue } from "./use-live-queue";
import type { Intent } from "./use-queue-work";

/**
 * Claiming an item (or, for an admin, taking it over): the queue shows it as ours at once, and its
 * detail view opens through `open` (with the picker `then` asks for). `claiming` is the item whose
 * claim is in flight. Releasing one's claim: `releasing` while on its way, then said in a toast and
 * shown as free at once.
 */
export function useClaim(opts: {
  canAnswer: boolean;
  me: { name: string };
  open: (item: QueueItem, then: Intent) => void;
}) {
  const { canAnswer, me, open } = opts;
  const queryClient = useQueryClient();
  const { id: dealerLinkId } = useDeskDealer();
  const [claiming, setClaiming] = useState<string | null>(null);

  const claim = useCallback(
    async (item: QueueItem, takeOver: boolean, then: Intent = null) => {
      if (!canAnswer) return;
      setClaiming(item.id);
      try {
        const outcome = toOutcome(
          await (takeOver ? takeOverVerification : claimVerification)({ id: item.id, dealerLinkId }),
        );
        if (!outcome.ok) {
          if (outcome.failure.code === NETWORK_FAILURE.code) unanswered(queryClient, dealerLinkId);
          else toast.error(outcome.failure.message);
          return;
        }
        if (takeOver)
          toast.success(`You took over the claim${item.claimedByName ? ` from ${item.claimedByName}` : ""}.`);
        updateQueue(queryClient, dealerLinkId, (s: QueueState) =>
          applyLocal(s, item.id, { state: "claimed", claimedByMe: true, claimedByName: me.name }),
        );
        // Claiming means working the alarm: the detail view opens and holds the claim while open
        // (with the outcome picker when d/x or Dispatch…/Disregard… asked for the claim).
        open(item, then);
      } catch {
        unanswered(queryClient, dealerLinkId);
      } finally {
        setClaiming(null);
      }
    },
    [canAnswer, me.name, open, queryClient, dealerLinkId],
  );

  const [releasing, setReleasing] = useState<string | null>(null);
  const release = useCallback(
    async (item: QueueItem) => {
      setReleasing(item.id);
      try {
        const outcome = toOutcome(await releaseVerification({ id: item.id, dealerLinkId }).catch(() => undefined));
        if (!outcome.ok) {
          toast.error(outcome.failure.message);
          return;
        }
        updateQueue(queryClient, dealerLinkId, (s: QueueState) =>
          applyLocal(s, item.id, { state: "pending", claimedByMe: false, claimedByName: null }),
        );
        toast.success("Claim released. Anyone at the desk can claim this alarm now.");
      } finally {
        setReleasing(null);
      }
    },
    [queryClient, dealerLinkId],
  );

  return { claim, claiming, release, releasing };
}

/**
 * No answer came (NETWORK_FAILURE's case): the claim may have been made on the server all the same, so
 * say so, and refresh the queue now, which shows who holds the item (a claim of ours that nobody
 * renews lapses after the lease).
 */
function unanswered(queryClient: QueryClient, dealerLinkId: string) {
  toast.error(
    "We got no answer from the server, so the claim may or may not have been made. The queue is refreshing " +
      "to show who holds it.",
  );
  void queryClient.invalidateQueries({ queryKey: queueKey(dealerLinkId) });
}
