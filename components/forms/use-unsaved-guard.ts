"use client";
import { useEffect, useRef } from "react";

export const UNSAVED_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

/** A plain left click on a link to another page of this app (not a new tab, not a download). */
function inAppLink(e: MouseEvent): HTMLAnchorElement | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = (e.target as Element | null)?.closest?.("a[href]");
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download"))
    return null;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // A link to a spot on this same page loses nothing.
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return a;
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab gets the browser's own
 * prompt (beforeunload), and a click on a link inside the app gets a confirm. The click listener
 * runs in the capture phase on the window, before React's (and so Next's <Link>) handlers, so a "no" stops it.
 * `release()` lets a saved form leave at once (a redirect in the same tick as the success, before a re-render).
 */
export function useUnsavedGuard(dirty: boolean, message = UNSAVED_MESSAGE): { release(): void } {
  const released = useRef(false);
  useEffect(() => {
    released.current = false;
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (released.current || !inAppLink(e)) return;
      if (window.confirm(message)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
  return { release: () => void (released.current = true) };
}
