"use client";
import type { ReactNode } from "react";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/roles";
import type { DealerOption } from "./dealer-switcher";
import { DealerTabProvider } from "./dealer-tab";
import type { NavItem } from "./nav";
import { ShellHeader } from "./shell-header";
import { ShellSidebar } from "./shell-sidebar";
import { useShellMenu } from "./use-shell-menu";

export type AppShellProps = {
  user: { name: string; email: string; role: Role };
  nav: NavItem[];
  dealers: DealerOption[];
  currentDealerId: string | null;
  children: ReactNode;
};

/**
 * The signed-in frame: sidebar (a slide-over menu below 1024 px), header with the dealer switcher,
 * the user, their role, the Account link and sign-out; the page goes in <main id="main">. Every page follows a
 * dealer switch made in another tab (DealerTabProvider), with a switcher in its header or not.
 */
export function AppShell({ nav, children, ...account }: AppShellProps) {
  const { menuOpen, setMenuOpen, sidebarRef, menuButtonRef } = useShellMenu(usePathname());
  const openMenu = () => setMenuOpen(true);
  const closeMenu = () => setMenuOpen(false);

  return (
    <DealerTabProvider drawnFor={account.currentDealerId}>
      <div className="min-h-screen">
        {/* The open menu (only below 1024 px) is modal: all but the sidebar is inert, to keys and screen readers. */}
        <a href="#main" className="skip-link" inert={menuOpen}>
          Skip to content
        </a>

        <ShellSidebar ref={sidebarRef} nav={nav} open={menuOpen} onClose={closeMenu} />

        <div className="lg:pl-64" inert={menuOpen}>
          <ShellHeader {...account} menuOpen={menuOpen} onOpenMenu={openMenu} menuButtonRef={menuButtonRef} />

          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </DealerTabProvider>
  );
}
