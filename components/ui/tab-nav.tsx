import Link from "next/link";
import { cn } from "./cn";

export type Tab = { href: string; label: string };

/**
 * A row of tabs that are links (each view has its own URL), the current one underlined. On a narrow
 * screen the row scrolls sideways rather than wrapping, so the underline stays one line under every tab.
 */
export function TabNav({ label, tabs, current }: { label: string; tabs: readonly Tab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-x-1 overflow-x-auto">
        {tabs.map((t) => {
          const here = t.href === current;
          return (
            <li key={t.href} className="shrink-0">
              <Link
                href={t.href}
                aria-current={here ? "page" : undefined}
                className={cn(
                  "inline-block whitespace-nowrap rounded-t-md border-b-2 px-3 py-2 text-sm font-medium " +
                    "focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 " +
                    "focus-visible:outline-indigo-600",
                  here
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
