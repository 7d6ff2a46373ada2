// The opened alarm as the desk's unit tests render it (renderToStaticMarkup): the queue's work with
// nothing that acts, and the detail view's element for one item.
import { createElement, type ReactNode } from "react";
import { VerificationDetail } from "@/components/verifications/detail/detail";
import { DeskDealerProvider } from "@/components/verifications/queue/desk-dealer";
import type { QueueWork } from "@/components/verifications/queue/use-queue-work";
import { DEFAULT_ESCALATION } from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { QUEUE_NOW } from "./queue-item";

const nothing = () => undefined;

/** The dealer the desk's page was drawn for; the desk's queries are keyed by it. */
export const DESK_DEALER = { id: "link_desk", name: "Acme Security" };

/** `node` as the queue renders it: under the page's dealer (components/verifications/queue/desk-dealer.tsx). */
export function atDeskDealer(node: ReactNode) {
  return createElement(DeskDealerProvider, { value: DESK_DEALER }, node);
}

/** The queue's work with `item` selected and opened, and `intent` (the outcome picker) asked for. */
export function deskWork(item: QueueItem, intent: QueueWork["intent"] = null): QueueWork {
  return {
    selected: item,
    select: nothing,
    isOpen: true,
    opened: item,
    intent,
    setIntent: nothing,
    claiming: null,
    releasing: null,
    open: nothing,
    close: nothing,
    claim: async () => undefined,
    release: async () => undefined,
    answer: nothing,
    answered: nothing,
  };
}

/** `item`'s detail view for an operator who may answer, at QUEUE_NOW. */
export function openedAlarm(item: QueueItem, work = deskWork(item)) {
  return atDeskDealer(
    createElement(VerificationDetail, {
      item,
      work,
      canAnswer: true,
      canTakeOver: false,
      leaseSeconds: 60,
      escalation: DEFAULT_ESCALATION,
      now: QUEUE_NOW,
    }),
  );
}
