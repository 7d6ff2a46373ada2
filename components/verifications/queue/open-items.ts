import { sortQueue, type QueueSort } from "@/lib/verifications/merge";
import { isOpen } from "@/lib/verifications/open";
import type { QueueItem } from "@/lib/verifications/types";

/**
 * The queue's rows at `now` (the open ones, lib/verifications/open.ts), in the chosen order: items
 * leave by themselves when their countdown ends, whatever the server has said yet.
 */
export function openItems(all: QueueItem[], now: number, sort: QueueSort): QueueItem[] {
  return sortQueue(
    all.filter((i) => isOpen(i, now)),
    sort,
  );
}
