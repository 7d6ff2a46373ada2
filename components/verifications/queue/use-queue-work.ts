"use client";
import { useCallback, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { applyRemove } from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { useClaim } from "./use-claim";
import { useCloseWhenGone } from "./use-close-when-gone";
import { updateQueue } from "./use-live-queue";

export type Answer = "dispatch" | "disregard";
/** The outcome picker the detail view shows: for a dispatch, a disregard, or none. */
export type Intent = Answer | null;

/**
 * What the operator is working on: the selected row, the opened detail view and its intent (the
 * outcome picker), and the claim in flight; with the actions that change them.
 */
export function useQueueWork(opts: {
  items: QueueItem[];
  /** Every item the server knows, expired ones included: an opened one stays open until it leaves. */
  known: QueueItem[];
  me: { name: string };
  canAnswer: boolean;
}) {
  const { items, known, me, canAnswer } = opts;
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [intent, setIntent] = useState<Intent>(null);
  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null;
  const opened = openId ? (known.find((i) => i.id === openId) ?? null) : null;

  const close = useCallback(() => {
    setOpenId(null);
    setIntent(null);
  }, []);

  useCloseWhenGone(items, openId, close);

  const open = useCallback((item: QueueItem, i: Intent = null) => {
    setSelectedId(item.id);
    setOpenId(item.id);
    setIntent(i);
  }, []);

  const { claim, claiming } = useClaim({ canAnswer, me, open });

  // d/x and the answer buttons: an item someone else holds opens nothing; one nobody holds is
  // claimed first, as the Claim button does, so the picker never offers an answer the server refuses.
  const answer = useCallback(
    (item: QueueItem, action: Answer) => {
      if (!canAnswer || claiming) return;
      if (item.state === "claimed" && !item.claimedByMe) {
        toast.error(`Claimed by ${item.claimedByName ?? "another operator"}. Only they can answer it now.`);
        return;
      }
      if (item.state === "claimed") open(item, action);
      else void claim(item, false, action);
    },
    [canAnswer, claiming, open, claim],
  );

  const answered = useCallback(
    (id: string) => {
      updateQueue(queryClient, (s) => applyRemove(s, id, Date.now()));
      close();
    },
    [queryClient, close],
  );

  return {
    selected,
    select: setSelectedId,
    /** A detail view is open (even while its item is on its way out of the queue). */
    isOpen: openId !== null,
    opened,
    intent,
    setIntent,
    claiming,
    open,
    close,
    claim,
    answer,
    answered,
  };
}

export type QueueWork = ReturnType<typeof useQueueWork>;
