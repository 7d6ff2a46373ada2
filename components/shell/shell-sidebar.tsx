"use client";
import type { RefObject } from "react";
import Link from "next/link";
import { ShieldCheck, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { SidebarNav } from "./sidebar-nav";
import type { NavItem } from "./nav";

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md px-1 text-white focus-visible:outline-indigo-300">
      <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-500">
        <ShieldCheck className="h-5 w-5" aria-hidden="true" />
      </span>
      <span className="text-sm font-semibold leading-tight">
        CHeKT
        <span className="block text-xs font-normal text-slate-400">Dealer console</span>
      </span>
    </Link>
  );
}

type ShellSidebarProps = {
  ref: RefObject<HTMLElement | null>;
  nav: NavItem[];
  /** The slide-over is open (below 1024 px; the sidebar is always shown above). */
  open: boolean;
  onClose: () => void;
};

/** The sidebar: fixed on large screens, a slide-over on tablets and phones, over a backdrop that closes it. */
export function ShellSidebar({ ref, nav, open, onClose }: ShellSidebarProps) {
  return (
    <>
      <div
        className={cn("fixed inset-0 z-30 bg-slate-900/50 lg:hidden", open ? "block" : "hidden")}
        onClick={onClose}
        aria-hidden="true"
      />
      <aside
        ref={ref}
        id="sidebar"
        className={cn(
          "fixed inset-y-0 left-0 z-40 flex w-64 flex-col bg-slate-900 px-3 py-4 transition-transform lg:translate-x-0",
          // Off-screen links must not take keyboard focus: hidden below lg unless the menu is open.
          open ? "translate-x-0" : "-translate-x-full max-lg:invisible",
        )}
        aria-label="Sidebar"
      >
        <div className="mb-6 flex items-center justify-between px-2">
          <Brand />
          <button
            type="button"
            className="rounded-md p-1.5 text-slate-400 hover:bg-slate-800 hover:text-white lg:hidden"
            onClick={onClose}
            aria-label="Close menu"
          >
            <X className="h-5 w-5" aria-hidden="true" />
          </button>
        </div>
        <SidebarNav items={nav} onNavigate={onClose} />
      </aside>
    </>
  );
}
