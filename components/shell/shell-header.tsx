"use client";
import type { RefObject } from "react";
import { Menu } from "lucide-react";
import { DealerSwitcher } from "./dealer-switcher";
import type { AppShellProps } from "./app-shell";
import { ShellUser } from "./shell-user";

type ShellHeaderProps = Pick<AppShellProps, "user" | "dealers" | "currentDealerId"> & {
  menuOpen: boolean;
  onOpenMenu: () => void;
  /** The button that opens the menu, where the focus returns when it closes. */
  menuButtonRef: RefObject<HTMLButtonElement | null>;
};

/** The sticky header: the menu button (below 1024 px), the dealer switcher or name, and the user. */
export function ShellHeader(props: ShellHeaderProps) {
  const { user, dealers, currentDealerId, menuOpen, onOpenMenu, menuButtonRef } = props;
  return (
    <header
      className={
        "sticky top-0 z-20 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 " +
        "backdrop-blur sm:px-6"
      }
    >
      <button
        ref={menuButtonRef}
        type="button"
        className="-ml-1 rounded-md p-2 text-slate-600 hover:bg-slate-100 lg:hidden"
        onClick={onOpenMenu}
        aria-label="Open menu"
        aria-controls="sidebar"
        aria-expanded={menuOpen}
      >
        <Menu className="h-5 w-5" aria-hidden="true" />
      </button>

      <div className="flex min-w-0 flex-1 items-center">
        {dealers.length > 1 && currentDealerId ? (
          <DealerSwitcher dealers={dealers} currentId={currentDealerId} />
        ) : dealers.length === 1 ? (
          <span className="truncate text-sm font-medium text-slate-700">{dealers[0].companyName}</span>
        ) : null}
      </div>

      <ShellUser user={user} />
    </header>
  );
}
