"use client";
import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { LiveMessage, QueueItem } from "@/lib/verifications/types";

export const QUEUE_KEY = ["verifications", "open"] as const;
export type LiveStatus = "connecting" | "live" | "reconnecting";

type ListResponse = { items: QueueItem[]; serverTime: string };

async function fetchQueue(): Promise<QueueItem[]> {
  const res = await fetch("/api/live/verifications/list", { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Could not load the queue (HTTP ${res.status})`);
  }
  return ((await res.json()) as ListResponse).items;
}

function upsert(list: QueueItem[] | undefined, item: QueueItem): QueueItem[] {
  const rest = (list ?? []).filter((i) => i.id !== item.id);
  return [...rest, item];
}

/**
 * The open queue in React Query's cache, kept current by server-sent events. EventSource resumes by
 * itself (with Last-Event-ID); when the browser gives up (e.g. the server restarted) we open a new
 * one with backoff, and after any drop we refetch so nothing missed in the gap stays missing.
 */
export function useLiveQueue(opts: { onNew?: (item: QueueItem) => void; onLatency?: (ms: number) => void } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: QUEUE_KEY, queryFn: fetchQueue, staleTime: 30_000, refetchInterval: 60_000 });
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onNew = useRef(opts.onNew);
  const onLatency = useRef(opts.onLatency);
  onNew.current = opts.onNew;
  onLatency.current = opts.onLatency;

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let dropped = false;
    let stopped = false;
    const known = new Set<string>();

    const connect = () => {
      source = new EventSource("/api/live/verifications");
      source.onopen = () => {
        attempt = 0;
        setStatus("live");
        if (dropped) void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
        dropped = false;
      };
      source.onmessage = (e) => {
        let msg: LiveMessage;
        try {
          msg = JSON.parse(e.data) as LiveMessage;
        } catch {
          return;
        }
        if (msg.type === "snapshot") {
          for (const i of msg.items) known.add(i.id);
          queryClient.setQueryData<QueueItem[]>(QUEUE_KEY, msg.items);
        } else if (msg.type === "upsert") {
          const isNew = !known.has(msg.item.id) && !(queryClient.getQueryData<QueueItem[]>(QUEUE_KEY) ?? []).some((i) => i.id === msg.item.id);
          known.add(msg.item.id);
          queryClient.setQueryData<QueueItem[]>(QUEUE_KEY, (list) => upsert(list, msg.item));
          if (isNew && msg.item.state === "pending") onNew.current?.(msg.item);
          onLatency.current?.(Date.now() - msg.receivedAt);
        } else if (msg.type === "remove") {
          queryClient.setQueryData<QueueItem[]>(QUEUE_KEY, (list) => (list ?? []).filter((i) => i.id !== msg.id));
          onLatency.current?.(Date.now() - msg.receivedAt);
        }
      };
      source.onerror = () => {
        dropped = true;
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
  }, [queryClient]);

  return { ...query, status };
}
