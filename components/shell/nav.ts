import type { Role } from "@/lib/roles";

export type NavItem = {
  href: string;
  label: string;
  icon: "dashboard" | "dealer" | "sites" | "jobs" | "fleet" | "stations" | "verifications" | "audit" | "settings";
  minRole: Role;
};

// The sidebar. Audit and Settings are admin-only (docs/roles.md); the pages check again.
export const NAV: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "dashboard", minRole: "viewer" },
  { href: "/dealer", label: "Dealer", icon: "dealer", minRole: "viewer" },
  { href: "/sites", label: "Sites", icon: "sites", minRole: "viewer" },
  { href: "/jobs", label: "Bulk jobs", icon: "jobs", minRole: "viewer" },
  { href: "/fleet", label: "Fleet health", icon: "fleet", minRole: "viewer" },
  { href: "/stations", label: "Monitoring stations", icon: "stations", minRole: "viewer" },
  { href: "/verifications", label: "Verifications", icon: "verifications", minRole: "viewer" },
  { href: "/audit", label: "Audit", icon: "audit", minRole: "admin" },
  { href: "/settings", label: "Settings", icon: "settings", minRole: "admin" },
];

/** Is `href` the current section? "/" only matches itself; others match their sub-pages too. */
export function isActive(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
