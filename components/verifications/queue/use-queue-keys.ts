"use client";
import { useEffect, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from "react";
import type { QueueItem } from "@/lib/verifications/types";
import { deskKeyAction, isTyping } from "./desk-keys";
import type { QueueWork } from "./use-queue-work";

export const rowId = (id: string) => `verif-${id}`;

/**
 * Focuses a row, scrolled into view by scrollIntoView, which keeps the row's scroll margin clear of
 * the sticky header and toolbar (queue-row.tsx; a focus() scroll may leave it behind them).
 */
function focusRowNow(id: string) {
  const row = document.getElementById(rowId(id));
  row?.focus({ preventScroll: true });
  row?.scrollIntoView({ block: "nearest" });
}

/** Focus a row once React has drawn the selection (the list is a roving tabindex). */
export function focusRow(id: string) {
  requestAnimationFrame(() => focusRowNow(id));
}

/**
 * The desk's keys. Anywhere on the page (not while typing or with the detail view open, which has its
 * own: components/verifications/detail/use-detail-keys.ts): j/k move, Enter opens, c claims, d/x
 * answer (desk-keys.ts). In the list: arrow keys, Home and End move focus and selection.
 */
export function useQueueKeys(
  items: QueueItem[],
  work: QueueWork,
  list: RefObject<HTMLUListElement | null>,
  canAnswer: boolean,
) {
  const { selected, isOpen } = work;
  const indexOfSelected = () =>
    Math.max(
      0,
      items.findIndex((i) => i.id === selected?.id),
    );
  const move = (id: string) => {
    work.select(id);
    // Focus follows the selection when the list already has focus.
    if (list.current?.contains(document.activeElement)) focusRow(id);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || isOpen) return;
      if (!items.length || !selected) return;
      const idx = indexOfSelected();
      if (e.key === "j") move(items[Math.min(items.length - 1, idx + 1)]!.id);
      else if (e.key === "k") move(items[Math.max(0, idx - 1)]!.id);
      else if (e.key === "Enter" && (e.target === document.body || list.current?.contains(e.target as Node)))
        work.open(selected);
      else {
        const action = canAnswer ? deskKeyAction(e.key, selected, "queue") : null;
        if (!action) return;
        if (action === "claim") void work.claim(selected, false);
        else work.answer(selected, action);
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    if (selected) document.getElementById(rowId(selected.id))?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  /** The list's own keys: arrows, Home, End. */
  return function onListKey(e: ReactKeyboardEvent<HTMLUListElement>) {
    if (!items.length) return;
    const idx = indexOfSelected();
    const to =
      e.key === "ArrowDown"
        ? idx + 1
        : e.key === "ArrowUp"
          ? idx - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? items.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    const id = items[Math.max(0, Math.min(items.length - 1, to))]!.id;
    work.select(id);
    focusRowNow(id);
  };
}
