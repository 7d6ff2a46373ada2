"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { AnswerAction } from "@/lib/verifications/answer-actions";
import { applyRemove } from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { useClaim } from "./use-claim";
import { useCloseWhenGone } from "./use-close-when-gone";
import { useDeskDealer } from "./desk-dealer";
import { updateQueue } from "./use-live-queue";
import { focusRow } from "./use-queue-keys";

export type Answer = AnswerAction;
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
  const { id: dealerLinkId } = useDeskDealer();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [intent, setIntent] = useState<Intent>(null);
  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null;
  const opened = openId ? (known.find((i) => i.id === openId) ?? null) : null;

  // Closing the detail view (Esc, Close, an answer, the item gone) unmounts it, and the browser drops the
  // focus to <body>, where the list's keys do not reach: it goes back to the selected row instead (the
  // next one, when the item left the queue).
  const refocus = useRef(false);
  // The item just answered: the queue's cache drops it at once, but React Query tells the list a tick later
  // (its notifications are batched), so a render or two may still draw its row. Focus waits for the row
  // that stays; put on the leaving one, it fell to <body> when the row went (seen in a full e2e run).
  const leaving = useRef<string | null>(null);
  const close = useCallback(() => {
    setOpenId(null);
    setIntent(null);
    refocus.current = true;
  }, []);
  const selectedRow = selected?.id ?? null;
  useEffect(() => {
    if (!refocus.current || openId) return;
    if (selectedRow !== null && selectedRow === leaving.current) return;
    refocus.current = false;
    leaving.current = null;
    if (selectedRow) focusRow(selectedRow);
  }, [openId, selectedRow]);

  useCloseWhenGone(items, openId, close);

  const open = useCallback((item: QueueItem, i: Intent = null) => {
    refocus.current = false;
    setSelectedId(item.id);
    setOpenId(item.id);
    setIntent(i);
  }, []);

  const { claim, claiming, release, releasing } = useClaim({ canAnswer, me, open });

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
      leaving.current = id;
      updateQueue(queryClient, dealerLinkId, (s) => applyRemove(s, id, Date.now()));
      close();
    },
    [queryClient, dealerLinkId, close],
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
    releasing,
    open,
    close,
    claim,
    release,
    answer,
    answered,
  };
}

export type QueueWork = ReturnType<typeof useQueueWork>;
