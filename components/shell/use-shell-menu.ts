"use client";
import { useEffect, useRef, useState } from "react";

/**
 * The sidebar's slide-over menu below 1024 px: open or closed, closed again by a move to another page
 * or Esc. Opening puts the focus on the first link; closing gives it back to the button that opened it.
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
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);
  return { menuOpen, setMenuOpen, sidebarRef, menuButtonRef };
}
