"use client";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { applyList, EMPTY_QUEUE, type QueueState } from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { useLatest } from "@/components/verifications/shared/use-latest";
import { openEventStream, type LiveStatus } from "./event-stream";
import { atDealer, type DeskDealer } from "./desk-dealer";
import { fetchQueue, QueueRefused, queueRefusal } from "./fetch-queue";
import { liveApplier } from "./live-apply";

/**
 * One cache entry per dealer: the query client outlives a page (components/providers.tsx), so a queue keyed
 * without its dealer showed, after a switch in the same tab, the last dealer's rows merged into this one's.
 */
export const queueKey = (dealerLinkId: string) => ["verifications", "open", dealerLinkId] as const;

/** Updates the dealer's queue held in React Query's cache through one of the merge rules. */
export function updateQueue(queryClient: QueryClient, dealerLinkId: string, fn: (state: QueueState) => QueueState) {
  queryClient.setQueryData<QueueState>(queueKey(dealerLinkId), (state) => fn(state ?? EMPTY_QUEUE));
}

type LiveQueueOptions = {
  /** The dealer the page was drawn for: named in every call, and by name when the server refuses it. */
  dealer: DeskDealer;
  onNew?: (item: QueueItem) => void;
  onLatency?: (ms: number) => void;
};

const cachedQueue = (queryClient: QueryClient, dealerLinkId: string) =>
  queryClient.getQueryData<QueueState>(queueKey(dealerLinkId)) ?? EMPTY_QUEUE;

/**
 * The open queue in React Query's cache, kept current by server-sent events. Every answer — the
 * list fetch, the stream's snapshot on (re)connect, each upsert and removal — is merged by item
 * version (lib/verifications/merge.ts), so whichever arrives last, a newer item is never removed or
 * rolled back. The server sends a fresh snapshot on every connect, so a reconnect
 * (components/verifications/queue/event-stream.ts) resyncs without a gap.
 */
export function useLiveQueue(opts: LiveQueueOptions) {
  const query = useListedQueue(opts.dealer);
  // The stream cannot see a switch made in another tab (it holds the cookies it was opened with); the
  // list's next read can: refused, the queue stops, says why, and keeps what it shows.
  const refused = query.error instanceof QueueRefused ? query.error.message : null;
  const status = useQueueStream(opts, refused === null);
  return { ...query, status: refused === null ? status : { refused } };
}

/** The list route's queue, fetched on opening and every minute, merged into what the stream delivered. */
function useListedQueue(dealer: DeskDealer) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queueKey(dealer.id),
    queryFn: async () => {
      const list = await fetchQueue(dealer);
      // Read the cache only after the answer arrived: the stream may have moved on meanwhile.
      return { ...applyList(cachedQueue(queryClient, dealer.id), list), listAsOf: list.asOf };
    },
    staleTime: 30_000,
    refetchInterval: 60_000,
    // Coming back to this tab (after a switch in another, say) asks the server whether it is still this dealer's.
    refetchOnWindowFocus: "always",
  });
}

/** The stream's messages merged into the cache while the page is open; says whether the stream is live. */
function useQueueStream(opts: LiveQueueOptions, open: boolean) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onNew = useLatest(opts.onNew);
  const onLatency = useLatest(opts.onLatency);
  const { dealer } = opts;
  useEffect(() => {
    if (!open) return;
    const apply = liveApplier(
      { read: () => cachedQueue(queryClient, dealer.id), update: (fn) => updateQueue(queryClient, dealer.id, fn) },
      { onNew: (item) => onNew.current?.(item), onLatency: (ms) => onLatency.current?.(ms) },
    );
    const refusal = () => queueRefusal(dealer);
    return openEventStream(atDealer("/api/live/verifications", dealer), { data: apply, status: setStatus, refusal });
  }, [queryClient, onNew, onLatency, dealer, open]);
  return status;
}
