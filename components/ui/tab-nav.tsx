"use client";
import { useLayoutEffect, useRef } from "react";
import Link from "next/link";
import { cn } from "./cn";

export type Tab = { href: string; label: string };

/**
 * A row of tabs that are links (each view has its own URL), the current one underlined. On a narrow
 * screen the row scrolls sideways rather than wrapping, so the underline stays one line under every tab;
 * it is kept scrolled to the current tab, which would otherwise sit off screen on a phone (Settings' Audit
 * is the seventh) and leave no tab marked as open.
 */
export function TabNav({ label, tabs, current }: { label: string; tabs: readonly Tab[]; current: string }) {
  const row = useRef<HTMLUListElement>(null);
  const here = useRef<HTMLAnchorElement>(null);
  useLayoutEffect(() => {
    const list = row.current;
    const tab = here.current;
    if (!list || !tab) return;
    // Only the row scrolls (scrollIntoView could move the page too), and only when the tab is not all in view.
    const showTab = () => {
      const box = list.getBoundingClientRect();
      const at = tab.getBoundingClientRect();
      if (at.right > box.right) list.scrollLeft += at.right - box.right;
      else if (at.left < box.left) list.scrollLeft -= box.left - at.left;
    };
    showTab();
    // Again when the row narrows (a window made smaller, a tablet turned): the tab would slide off again.
    const resized = new ResizeObserver(showTab);
    resized.observe(list);
    return () => resized.disconnect();
  }, [current]);

  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul ref={row} className="-mb-px flex gap-x-1 overflow-x-auto">
        {tabs.map((t) => {
          const isHere = t.href === current;
          return (
            <li key={t.href} className="shrink-0">
              <Link
                ref={isHere ? here : undefined}
                href={t.href}
                aria-current={isHere ? "page" : undefined}
                className={cn(
                  "inline-block whitespace-nowrap rounded-t-md border-b-2 px-3 py-2 text-sm font-medium " +
                    "focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 " +
                    "focus-visible:outline-indigo-600",
                  isHere
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
