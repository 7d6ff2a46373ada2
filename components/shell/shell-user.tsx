"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LogOut, UserRound } from "lucide-react";
import { signOutAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/components/ui/cn";
import { ROLE_LABEL } from "@/lib/roles";
import type { AppShellProps } from "./app-shell";

/**
 * The header's right end: who is signed in, their role, the Account link and sign-out. On a phone the
 * dealer's name needs the room: the role badge goes and the links keep only their icons.
 */
export function ShellUser({ user }: { user: AppShellProps["user"] }) {
  const pathname = usePathname();
  return (
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
  );
}
