"use client";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import type { QueueItem } from "@/lib/verifications/types";

/**
 * The opened item left the queue (answered elsewhere, expired, cancelled): close its detail view and
 * say why. Left means it was on the queue while open and is not any more.
 */
export function useCloseWhenGone(items: QueueItem[], openId: string | null, close: () => void) {
  const wasOpen = useRef<string | null>(null);
  useEffect(() => {
    if (openId && !items.some((i) => i.id === openId) && wasOpen.current === openId) {
      toast.info("That verification left the queue (answered, expired or cancelled).");
      close();
    }
    wasOpen.current = openId && items.some((i) => i.id === openId) ? openId : wasOpen.current;
  }, [items, openId, close]);
}
