"use client";
import { useEffect } from "react";
import { z } from "zod";
import { useLatest } from "@/components/verifications/shared/use-latest";

/**
 * The current dealer is one cookie for every tab of a browser, so a switch in one tab changes what the others'
 * requests and actions work on. Each tab is told at once over this channel (a switcher's announcement, or the page a
 * dealer connect lands on) and follows it (components/shell/dealer-tab.tsx), instead of finding out at its next
 * request.
 */
const CHANNEL = "chekt-console:dealer-switch";
const messageSchema = z.object({ dealerLinkId: z.string().min(1), disconnected: z.boolean().default(false) });

/**
 * A switch of the current dealer to `dealerLinkId`; `here`: made in this tab (its switcher, or a connect's page).
 * `disconnected`: not a switch but `dealerLinkId` disconnected, so no tab can go on working on it.
 */
export type DealerSwitch = { dealerLinkId: string; here: boolean; disconnected: boolean };

const listeners = new Set<(s: DealerSwitch) => void>();
let channel: BroadcastChannel | null = null;

function tell(s: DealerSwitch) {
  for (const listener of [...listeners]) listener(s);
}

function subscribe(listener: (s: DealerSwitch) => void): () => void {
  listeners.add(listener);
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<unknown>) => {
      const message = messageSchema.safeParse(e.data);
      if (message.success) tell({ ...message.data, here: false });
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
  announce({ dealerLinkId, disconnected: false });
}

/**
 * Tells every tab that `dealerLinkId` was disconnected: a tab drawn for it is drawn again (as after a switch), and
 * a desk keeping it asks at once and says it lost the dealer, where each learnt it only at its next action or read.
 */
export function announceDealerDisconnected(dealerLinkId: string): void {
  announce({ dealerLinkId, disconnected: true });
}

function announce(message: z.infer<typeof messageSchema>) {
  if (channel) {
    // Sent on the tab's own channel, which never receives its own messages: this tab's listeners are told below.
    channel.postMessage(message);
  } else if (typeof BroadcastChannel !== "undefined") {
    const sender = new BroadcastChannel(CHANNEL);
    sender.postMessage(message);
    sender.close();
  }
  tell({ ...message, here: true });
}

/** Calls `onSwitch` for each switch of the current dealer, made in this tab or another, while mounted. */
export function useDealerSwitches(onSwitch: (s: DealerSwitch) => void): void {
  const latest = useLatest(onSwitch);
  useEffect(() => subscribe((s) => latest.current(s)), [latest]);
}

/**
 * Announces that a page drawn for `dealerLinkId` made it current by itself (the dealer connect callback's redirect
 * switches to the dealer just connected, with no switcher involved): the other tabs follow as after a switch.
 */
export function AnnouncesDealerSwitch({ dealerLinkId }: { dealerLinkId: string }): null {
  useEffect(() => announceDealerSwitch(dealerLinkId), [dealerLinkId]);
  return null;
}
