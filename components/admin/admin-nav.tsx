import Link from "next/link";
import { cn, PageHeader, type PageHeaderProps } from "@/components/ui";

const TABS = [
  { href: "/settings", label: "Connection" },
  { href: "/settings/app-devices", label: "CHeKT Apps devices" },
  { href: "/verifications/settings", label: "Desk outcomes" },
  { href: "/users", label: "Users" },
  { href: "/webhook-log", label: "Webhook log" },
  { href: "/drift", label: "Drift" },
  { href: "/audit", label: "Audit" },
] as const;

type AdminTab = (typeof TABS)[number]["href"];

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
        {TABS.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={cn(
                "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline " +
                  "focus-visible:outline-2 focus-visible:outline-indigo-600",
                t.href === current
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
