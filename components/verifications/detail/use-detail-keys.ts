"use client";
import { useEffect, type RefObject } from "react";
import type { QueueItem } from "@/lib/verifications/types";
import { deskKeyAction, isTyping } from "@/components/verifications/queue/desk-keys";
import type { Answer } from "@/components/verifications/queue/use-queue-work";

/**
 * The opened alarm's keys, where the operator decides: c claims (its button says "Claim (c)"), d and x
 * ask for the dispatch or disregard picker, as the queue's keys do (desk-keys.ts). Esc is the dialog's
 * own (components/ui/dialog.tsx). Not while typing in a field, while an answer is under way, or while
 * another dialog is on top (the outcome picker, a "discard what you typed?"): a key counts only when
 * it comes from inside this view's dialog (`inside`: an element in it) or from the page itself.
 */
export function useDetailKeys(opts: {
  item: QueueItem;
  inside: RefObject<HTMLElement | null>;
  /** Keys do something: the user may answer, nothing is under way and no picker is open. */
  enabled: boolean;
  onClaim: () => void;
  onAsk: (action: Answer) => void;
}) {
  const { item, inside, enabled, onClaim, onAsk } = opts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      const dialog = inside.current?.closest("dialog");
      if (!dialog || !(e.target === document.body || (e.target instanceof Node && dialog.contains(e.target)))) return;
      const action = deskKeyAction(e.key, item, "detail");
      if (!action) return;
      e.preventDefault();
      if (action === "claim") onClaim();
      else onAsk(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [item, inside, enabled, onClaim, onAsk]);
}
