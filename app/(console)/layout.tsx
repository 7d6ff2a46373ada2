import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { NAV } from "@/components/shell/nav";
import { requireRole } from "@/lib/auth/require";
import { getCurrentDealer, listConnectedDealers } from "@/lib/dealer";
import { hasRole } from "@/lib/roles";

// Every console page needs the session re-checked against Postgres on each request.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("viewer");
  const [dealers, current] = await Promise.all([listConnectedDealers(), getCurrentDealer()]);
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
