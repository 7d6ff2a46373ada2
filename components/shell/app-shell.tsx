"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import Link from "next/link";
import { LogOut, Menu, ShieldCheck, UserRound, X } from "lucide-react";
import { signOutAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/components/ui/cn";
import { ROLE_LABEL, type Role } from "@/lib/roles";
import { DealerSwitcher, type DealerOption } from "./dealer-switcher";
import { SidebarNav } from "./sidebar-nav";
import type { NavItem } from "./nav";

export type AppShellProps = {
  user: { name: string; email: string; role: Role };
  nav: NavItem[];
  dealers: DealerOption[];
  currentDealerId: string | null;
  children: ReactNode;
};

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

/**
 * The signed-in frame: sidebar (a slide-over menu below 1024 px), header with the dealer switcher,
 * the user, their role, the Account link and sign-out; the page goes in <main id="main">.
 */
export function AppShell({ user, nav, dealers, currentDealerId, children }: AppShellProps) {
  const pathname = usePathname();
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

  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to content
      </a>

      {/* Sidebar: fixed on large screens, a slide-over on tablets and phones. */}
      <div
        className={cn("fixed inset-0 z-30 bg-slate-900/50 lg:hidden", menuOpen ? "block" : "hidden")}
        onClick={() => setMenuOpen(false)}
        aria-hidden="true"
      />
      <aside
        ref={sidebarRef}
        id="sidebar"
        className={cn(
          "fixed inset-y-0 left-0 z-40 flex w-64 flex-col bg-slate-900 px-3 py-4 transition-transform lg:translate-x-0",
          // Off-screen links must not take keyboard focus: hidden below lg unless the menu is open.
          menuOpen ? "translate-x-0" : "-translate-x-full max-lg:invisible",
        )}
        aria-label="Sidebar"
      >
        <div className="mb-6 flex items-center justify-between px-2">
          <Brand />
          <button
            type="button"
            className="rounded-md p-1.5 text-slate-400 hover:bg-slate-800 hover:text-white lg:hidden"
            onClick={() => setMenuOpen(false)}
            aria-label="Close menu"
          >
            <X className="h-5 w-5" aria-hidden="true" />
          </button>
        </div>
        <SidebarNav items={nav} onNavigate={() => setMenuOpen(false)} />
      </aside>

      <div className="lg:pl-64">
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
            onClick={() => setMenuOpen(true)}
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

          {/* On a phone the dealer's name needs the room: the role badge goes and the links keep only their icons. */}
          <div className="flex items-center gap-1 sm:gap-3">
            <div className="hidden text-right sm:block" data-testid="current-user">
              <p className="text-sm font-medium leading-tight text-slate-900">{user.name}</p>
              <p className="text-xs text-slate-500">{user.email}</p>
            </div>
            <Badge
              tone={user.role === "admin" ? "info" : user.role === "operator" ? "success" : "neutral"}
              className="max-sm:hidden"
            >
              {ROLE_LABEL[user.role]}
            </Badge>
            {/* Password and two-factor live under Account; the sidebar does not list it, so it sits by the user. */}
            <Link
              href="/account"
              aria-current={pathname === "/account" ? "page" : undefined}
              className={cn(
                "inline-flex min-h-8 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700",
                "hover:bg-slate-100 focus-visible:outline-indigo-600",
                pathname === "/account" && "bg-slate-100",
              )}
            >
              <UserRound className="h-4 w-4" aria-hidden="true" />
              <span className="max-sm:sr-only">Account</span>
            </Link>
            <form action={signOutAction}>
              <SubmitButton
                variant="ghost"
                size="sm"
                icon={<LogOut className="h-4 w-4" aria-hidden="true" />}
                pendingText="Signing out…"
              >
                <span className="max-sm:sr-only">Sign out</span>
              </SubmitButton>
            </form>
          </div>
        </header>

        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
