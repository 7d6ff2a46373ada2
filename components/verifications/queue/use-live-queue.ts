"use client";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { applyList, applyRemove, applyUpsert, EMPTY_QUEUE, type QueueState } from "@/lib/verifications/merge";
import type { LiveMessage, QueueItem, QueueList } from "@/lib/verifications/types";
import { useLatest } from "@/components/verifications/shared/use-latest";

export const QUEUE_KEY = ["verifications", "open"] as const;
export type LiveStatus = "connecting" | "live" | "reconnecting";

/** Updates the queue held in React Query's cache through one of the merge rules. */
export function updateQueue(queryClient: QueryClient, fn: (state: QueueState) => QueueState) {
  queryClient.setQueryData<QueueState>(QUEUE_KEY, (state) => fn(state ?? EMPTY_QUEUE));
}

/**
 * The open queue in React Query's cache, kept current by server-sent events. Every answer — the
 * list fetch, the stream's snapshot on (re)connect, each upsert and removal — is merged by item
 * version (lib/verifications/merge.ts), so whichever arrives last, a newer item is never removed or
 * rolled back. EventSource resumes by itself (Last-Event-ID) and the server sends a fresh snapshot
 * on every connect, so a reconnect resyncs without a gap; when the browser gives up we reopen with
 * backoff.
 */
export function useLiveQueue(opts: { onNew?: (item: QueueItem) => void; onLatency?: (ms: number) => void } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: QUEUE_KEY,
    // The fetch merges into what the stream already delivered instead of replacing it.
    queryFn: async () => {
      const list = await fetchQueue();
      // Read the cache only after the answer arrived: the stream may have moved on meanwhile.
      const merged = applyList(queryClient.getQueryData<QueueState>(QUEUE_KEY) ?? EMPTY_QUEUE, list);
      return { ...merged, listAsOf: list.asOf };
    },
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onNew = useLatest(opts.onNew);
  const onLatency = useLatest(opts.onLatency);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;
    const announced = new Set<string>();
    let primed = false;

    const current = () => queryClient.getQueryData<QueueState>(QUEUE_KEY) ?? EMPTY_QUEUE;
    const connect = () => {
      source = new EventSource("/api/live/verifications");
      source.onopen = () => {
        attempt = 0;
        setStatus("live");
      };
      source.onmessage = (e) => {
        let msg: LiveMessage;
        try {
          msg = JSON.parse(e.data) as LiveMessage;
        } catch {
          return;
        }
        if (msg.type === "snapshot") {
          const before = new Set(current().items.map((i) => i.id));
          updateQueue(queryClient, (s) => applyList(s, msg));
          // The first snapshot is the queue as found, not news; later ones may carry alarms raised while we were away.
          for (const i of msg.items) {
            if (primed && !before.has(i.id) && !announced.has(i.id) && i.state === "pending") onNew.current?.(i);
            announced.add(i.id);
          }
          primed = true;
        } else if (msg.type === "upsert") {
          const isNew = !announced.has(msg.item.id) && !current().items.some((i) => i.id === msg.item.id);
          announced.add(msg.item.id);
          updateQueue(queryClient, (s) => applyUpsert(s, msg.item));
          if (isNew && msg.item.state === "pending") onNew.current?.(msg.item);
          onLatency.current?.(Date.now() - msg.receivedAt);
        } else if (msg.type === "remove") {
          updateQueue(queryClient, (s) => applyRemove(s, msg.id, msg.version));
          onLatency.current?.(Date.now() - msg.receivedAt);
        }
      };
      source.onerror = () => {
        setStatus("reconnecting");
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          const delay = Math.min(30_000, 1000 * 2 ** attempt++);
          retry = setTimeout(connect, delay);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [queryClient, onNew, onLatency]);

  return { ...query, status };
}

async function fetchQueue(): Promise<QueueList> {
  const res = await fetch("/api/live/verifications/list", { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Could not load the queue (HTTP ${res.status})`);
  }
  return (await res.json()) as QueueList;
}
