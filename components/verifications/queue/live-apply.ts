import { jsonAs } from "@/lib/json-as";
import { applyList, applyRemove, applyUpsert, type QueueState } from "@/lib/verifications/merge";
import { liveMessageSchema } from "@/lib/verifications/queue-schemas";
import type { QueueItem } from "@/lib/verifications/types";

/** The queue as the page holds it (React Query's cache in components/verifications/queue/use-live-queue.ts). */
export type QueueCache = { read: () => QueueState; update: (fn: (state: QueueState) => QueueState) => void };
export type LiveNews = { onNew: (item: QueueItem) => void; onLatency: (ms: number) => void };

/**
 * What to do with each message of the stream: merge it into the queue by item version
 * (lib/verifications/merge.ts), say which pending items are new, and how late each change arrived.
 * A message that is not JSON or not of a known shape is passed over: the stream's next snapshot and
 * the minutely list fetch bring the queue back in line, and the page goes on showing what it has.
 */
export function liveApplier(cache: QueueCache, news: LiveNews): (data: string) => void {
  const seen = newsTracker();
  return (data) => {
    const msg = jsonAs(data, liveMessageSchema);
    if (msg?.type === "snapshot") {
      const before = new Set(cache.read().items.map((i) => i.id));
      cache.update((s) => applyList(s, msg));
      for (const item of seen.inSnapshot(msg.items, before)) news.onNew(item);
    } else if (msg?.type === "upsert") {
      const isNew = seen.isNewUpsert(msg.item, cache.read().items);
      cache.update((s) => applyUpsert(s, msg.item));
      if (isNew) news.onNew(msg.item);
      news.onLatency(Date.now() - msg.receivedAt);
    } else if (msg?.type === "remove") {
      cache.update((s) => applyRemove(s, msg.id, msg.version));
      news.onLatency(Date.now() - msg.receivedAt);
    }
  };
}

/** Remembers which items were seen, so that each pending alarm is news once and only once. */
function newsTracker() {
  const announced = new Set<string>();
  let primed = false;
  return {
    /** The first snapshot is the queue as found, not news; later ones may carry alarms raised while we were away. */
    inSnapshot(items: QueueItem[], before: ReadonlySet<string>): QueueItem[] {
      const fresh: QueueItem[] = [];
      for (const i of items) {
        if (primed && !before.has(i.id) && !announced.has(i.id) && i.state === "pending") fresh.push(i);
        announced.add(i.id);
      }
      primed = true;
      return fresh;
    },
    isNewUpsert(item: QueueItem, held: QueueItem[]): boolean {
      const isNew = !announced.has(item.id) && !held.some((i) => i.id === item.id);
      announced.add(item.id);
      return isNew && item.state === "pending";
    },
  };
}
