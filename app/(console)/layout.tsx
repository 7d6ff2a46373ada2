import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { NAV } from "@/components/shell/nav";
import { requirePageScope } from "@/lib/auth/require";
import { myDealers } from "@/lib/dealer";
import { hasRole } from "@/lib/roles";

// Every console page needs the session re-checked against Postgres on each request.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Only the user's own dealers (memberships; all of them for the owner) are offered.
  const { user, dealer: current } = await requirePageScope("viewer");
  const dealers = await myDealers(user);
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      nav={NAV.filter((item) => hasRole(user.role, item.minRole))}
      dealers={dealers.map((d) => ({ id: d.id, companyName: d.companyName }))}
      currentDealerId={current?.id ?? null}
    >
      {children}
    </AppShell>
  );
}
