import Link from "next/link";
import { cn, PageHeader, type PageHeaderProps } from "@/components/ui";

/** The admin pages' tabs, in order: each page's path and its tab's label. */
const TABS = {
  "/settings": "Connection",
  "/settings/app-devices": "CHeKT Apps devices",
  "/verifications/settings": "Desk outcomes",
  "/users": "Users",
  "/webhook-log": "Webhook log",
  "/drift": "Drift",
  "/audit": "Audit",
} as const;

type AdminTab = keyof typeof TABS;

/** An admin page's head: its header, then the tabs across the admin pages with this one current. */
export function AdminHeader({ current, ...header }: PageHeaderProps & { current: AdminTab }) {
  return (
    <>
      <PageHeader {...header} />
      <AdminNav current={current} />
    </>
  );
}

/** Tabs across the admin pages (Settings and its sub-pages). */
function AdminNav({ current }: { current: AdminTab }) {
  return (
    <nav aria-label="Settings sections" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {Object.entries(TABS).map(([href, label]) => {
          const here = href === current;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={here ? "page" : undefined}
                className={cn(
                  "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline " +
                    "focus-visible:outline-2 focus-visible:outline-indigo-600",
                  here
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
