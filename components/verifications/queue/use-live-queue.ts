"use client";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { applyList, EMPTY_QUEUE, type QueueState } from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { useDealerSwitches } from "@/components/shell/dealer-broadcast";
import { useKeepsItsDealer } from "@/components/shell/dealer-tab";
import { useLatest } from "@/components/verifications/shared/use-latest";
import { openEventStream, type LiveStatus } from "./event-stream";
import { atDealer, type DeskDealer } from "./desk-dealer";
import { fetchQueue, QueueRefused } from "./fetch-queue";
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
  /** The stream's heartbeat (LIVE_HEARTBEAT_SECONDS): how soon a signed-out queue asks whether it is let in again. */
  heartbeatMs: number;
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
  const query = useListedQueue(opts.dealer, opts.heartbeatMs);
  // The list route's answer says whether this user may have the queue: refused, the stream closes, the queue says
  // why and keeps what it shows. The stream's own refusal is learnt through it too (useQueueStream).
  const refused = query.error instanceof QueueRefused ? query.error : null;
  const status = useQueueStream(opts, refused === null);
  useSwitchesElsewhere(opts.dealer, refused, query.refetch);
  if (refused === null) return { ...query, status };
  const tryAgain = refused.lost ? () => void query.refetch() : undefined;
  return { ...query, status: { refused: refused.message, tryAgain, trying: query.isFetching } satisfies LiveStatus };
}

/** A dealer this user lost: each refused ask is an audit row, so it is asked again only when the user says. */
const lostAccess = (error: Error | null) => error instanceof QueueRefused && error.lost;

/**
 * How soon the list is read again after `error` (null: it was answered). Every minute; a lost dealer only when the
 * user says (each refused ask is audited); signed out, within the stream's heartbeat: a desk signed in again (in
 * another tab) is live again as soon as a live stream would have noticed an ended session, where it waited for its
 * minutely read. A signed-out ask is one cheap refusal, not audited, and only from a shown tab (React Query holds
 * an interval while the tab is hidden; showing it again reads at once).
 */
export function nextListRead(error: Error | null, heartbeatMs: number): number | false {
  if (!(error instanceof QueueRefused)) return 60_000;
  if (error.lost) return false;
  return error.signedOut ? heartbeatMs : 60_000;
}

/** The list route's queue, fetched on opening and then by nextListRead, merged into what the stream delivered. */
function useListedQueue(dealer: DeskDealer, heartbeatMs: number) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queueKey(dealer.id),
    queryFn: async () => {
      const list = await fetchQueue(dealer);
      // Read the cache only after the answer arrived: the stream may have moved on meanwhile.
      return { ...applyList(cachedQueue(queryClient, dealer.id), list), listAsOf: list.asOf };
    },
    staleTime: 30_000,
    // A refusal is an answer: asking again at once would only be refused (and, for a lost dealer, audited) again.
    retry: (failures, error) => !(error instanceof QueueRefused) && failures < 1,
    refetchInterval: (q) => nextListRead(q.state.error, heartbeatMs),
    // Coming back to this tab asks the server whether it is still this dealer's (a switch made while the tab slept).
    refetchOnWindowFocus: (q) => (lostAccess(q.state.error) ? false : "always"),
    // Nor does the network coming back: a lost dealer is asked again only when the user says (each ask is audited).
    refetchOnReconnect: (q) => !lostAccess(q.state.error),
  });
}

/**
 * A switch of the current dealer, in this tab or another (components/shell/dealer-broadcast.ts): the desk keeps its
 * dealer and asks again at once, so it says "you switched" now rather than at its next read, and a switch back to
 * its dealer lets it in again. A lost dealer is asked only when a switch names it (the user has it back).
 */
function useSwitchesElsewhere(dealer: DeskDealer, refused: QueueRefused | null, refetch: () => Promise<unknown>) {
  useKeepsItsDealer();
  useDealerSwitches(({ dealerLinkId, here }) => {
    // A switch on this very tab re-draws the page for the other dealer: nothing to say meanwhile.
    if (dealerLinkId === dealer.id || (!here && !refused?.lost)) void refetch();
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
    // Why the browser gave the stream up is asked of the list route (the stream's very check), as the queue's own
    // read: refused, the query holds the refusal, which closes this stream and says why.
    const refused = async () => {
      await queryClient.refetchQueries({ queryKey: queueKey(dealer.id), exact: true });
      return queryClient.getQueryState(queueKey(dealer.id))?.error instanceof QueueRefused;
    };
    return openEventStream(atDealer("/api/live/verifications", dealer), { data: apply, status: setStatus, refused });
  }, [queryClient, onNew, onLatency, dealer, open]);
  return status;
}
