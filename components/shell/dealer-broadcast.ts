"use client";
import { useEffect } from "react";
import { z } from "zod";
import { useLatest } from "@/components/verifications/shared/use-latest";

/**
 * The current dealer is one cookie for every tab of a browser, so a switch in one tab changes what the others'
 * requests and actions work on. Each tab is told at once over this channel (the switcher's announcement), instead
 * of finding out at its next request.
 */
const CHANNEL = "chekt-console:dealer-switch";
const messageSchema = z.object({ dealerLinkId: z.string().min(1) });

/** A switch of the current dealer to `dealerLinkId`; `here`: made in this tab (its own switcher). */
export type DealerSwitch = { dealerLinkId: string; here: boolean };

const listeners = new Set<(s: DealerSwitch) => void>();
let channel: BroadcastChannel | null = null;
/** How many views on this tab keep the dealer they were drawn for (useKeepsItsDealer). */
let keepers = 0;

function tell(s: DealerSwitch) {
  for (const listener of [...listeners]) listener(s);
}

function subscribe(listener: (s: DealerSwitch) => void): () => void {
  listeners.add(listener);
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<unknown>) => {
      const message = messageSchema.safeParse(e.data);
      if (message.success) tell({ dealerLinkId: message.data.dealerLinkId, here: false });
    };
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      channel?.close();
      channel = null;
    }
  };
}

/** Tells this tab's listeners and every other tab of the browser that the current dealer is now `dealerLinkId`. */
export function announceDealerSwitch(dealerLinkId: string): void {
  if (channel) {
    // Sent on the tab's own channel, which never receives its own messages: this tab's listeners are told below.
    channel.postMessage({ dealerLinkId });
  } else if (typeof BroadcastChannel !== "undefined") {
    const sender = new BroadcastChannel(CHANNEL);
    sender.postMessage({ dealerLinkId });
    sender.close();
  }
  tell({ dealerLinkId, here: true });
}

/** Calls `onSwitch` for each switch of the current dealer, made in this tab or another, while mounted. */
export function useDealerSwitches(onSwitch: (s: DealerSwitch) => void): void {
  const latest = useLatest(onSwitch);
  useEffect(() => subscribe((s) => latest.current(s)), [latest]);
}

/**
 * For a view whose every call names the dealer it was drawn for (the alarm desk): a switch made in another tab
 * does not re-draw the page under it (its open work stays with its dealer), the view says what it means itself.
 */
export function useKeepsItsDealer(): void {
  useEffect(() => {
    keepers++;
    return () => {
      keepers--;
    };
  }, []);
}

/** Whether a view on this tab keeps its dealer (useKeepsItsDealer), so a switch elsewhere must not re-draw it. */
export function pageKeepsItsDealer(): boolean {
  return keepers > 0;
}
