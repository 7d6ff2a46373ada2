"use client";
import { useEffect, useRef, type KeyboardEvent } from "react";

const FOCUSABLE =
  "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Back to whatever opened the dialog, unless it has left the page meanwhile. */
function refocus(opener: Element | null) {
  if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
}

/**
 * Opens and closes a native <dialog> as a modal with `open`: the page behind is inert, the first
 * autofocus (else focusable) element takes the focus, Tab stays inside, and the focus returns to
 * whatever opened it, also when the dialog is unmounted while open (closed by no longer rendering it).
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const shown = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      opener.current = document.activeElement;
      el.showModal();
      shown.current = true;
      const first =
        el.querySelector<HTMLElement>("[autofocus], [data-autofocus]") ?? el.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    } else if (!open && el.open) {
      el.close();
      shown.current = false;
      refocus(opener.current);
    }
  }, [open]);

  // Unmounted while shown: the browser drops the focus to <body> with the element, so it is put back here.
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (!shown.current) return;
      shown.current = false;
      if (el?.open) el.close();
      refocus(opener.current);
    };
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    if (ref.current) keepTabInside(ref.current, e);
  }

  return { ref, onKeyDown };
}

/**
 * Tab from the last focusable element of a modal `box` goes to its first, Shift+Tab from the first to
 * its last: the browser would otherwise move on to its own toolbar.
 */
export function keepTabInside(
  box: HTMLElement,
  e: Pick<globalThis.KeyboardEvent, "key" | "shiftKey" | "preventDefault">,
) {
  if (e.key !== "Tab") return;
  const items = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
