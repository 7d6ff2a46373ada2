import type { ReactNode } from "react";
import { cn } from "@/components/ui";

/**
 * The frame of the pages outside the console (sign-in, two-factor set-up): an icon, the title and a
 * line under it, a white card with the page's form, and what follows the card.
 */
export function AuthFrame({
  icon,
  title,
  intro,
  width,
  cardClassName,
  footer,
  children,
}: {
  /** A lucide icon, drawn white on the indigo tile. */
  icon: ReactNode;
  title: string;
  intro: ReactNode;
  width: "max-w-sm" | "max-w-md";
  cardClassName?: string;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <main
      id="main"
      className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-200 px-4 py-12"
    >
      <div className={cn("w-full", width)}>
        <div className="mb-6 flex flex-col items-center text-center">
          <div className="flex h-12 w-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm">
            {icon}
          </div>
          <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-600">{intro}</p>
        </div>
        <div className={cn(cardClassName, "rounded-lg border border-slate-200 bg-white p-6 shadow-sm")}>{children}</div>
        {footer}
      </div>
    </main>
  );
}
