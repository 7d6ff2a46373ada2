"use client";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import {
  Activity,
  Building2,
  LayoutDashboard,
  Layers,
  MapPin,
  RadioTower,
  ScrollText,
  Settings,
  ShieldAlert,
} from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { isActive, type NavItem } from "./nav";

const ICONS = {
  dashboard: LayoutDashboard,
  dealer: Building2,
  sites: MapPin,
  jobs: Layers,
  fleet: Activity,
  stations: RadioTower,
  verifications: ShieldAlert,
  audit: ScrollText,
  settings: Settings,
} as const;

// Pages are not wrapped in a segment-wide loading.tsx (it would flush a 200 before a page can answer
// 403/404), so the link being opened shows its own spinner instead.
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className="ml-auto h-3.5 w-3.5 text-slate-400" /> : null;
}

/** The section links; `items` is already filtered by role on the server. */
export function SidebarNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = isActive(item.href, pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  // The default indigo-600 ring is too dark to see on the slate-900 sidebar.
                  "focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-0 " +
                    "focus-visible:outline-indigo-300",
                  active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
                )}
              >
                <Icon className="h-4 w-4 shrink-0" aria-hidden="true" />
                {item.label}
                <PendingMark />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
