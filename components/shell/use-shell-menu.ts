"use client";
import { useEffect, useRef, useState } from "react";
import { keepTabInside } from "@/components/ui/use-modal-dialog";

/** From this width the sidebar is always shown and there is no menu to open (Tailwind's lg). */
const WIDE = "(min-width: 1024px)";

/**
 * The sidebar's slide-over menu below 1024 px: open or closed, closed again by a move to another page,
 * Esc, or a window grown wide enough to show the sidebar. While open it is modal: the page behind is
 * inert (app-shell.tsx) and Tab stays inside it. Opening puts the focus on the first link; closing gives
 * it back to the button that opened it.
 */
export function useShellMenu(pathname: string) {
  const [menuOpen, setMenuOpen] = useState(false);
  // Moving to another page closes the menu: adjusted while rendering, not in an effect.
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  const sidebarRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!menuOpen) {
      // Back to the button that opened it, so keyboard users do not lose their place.
      if (wasOpen.current) menuButtonRef.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    sidebarRef.current?.querySelector<HTMLElement>("nav a[href]")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setMenuOpen(false);
      else if (sidebarRef.current) keepTabInside(sidebarRef.current, e);
    };
    // The page behind stays inert while the menu is open, which a sidebar shown beside it must not leave.
    const wide = window.matchMedia(WIDE);
    const onWide = () => wide.matches && setMenuOpen(false);
    window.addEventListener("keydown", onKey);
    wide.addEventListener("change", onWide);
    return () => {
      window.removeEventListener("keydown", onKey);
      wide.removeEventListener("change", onWide);
    };
  }, [menuOpen]);
  return { menuOpen, setMenuOpen, sidebarRef, menuButtonRef };
}
