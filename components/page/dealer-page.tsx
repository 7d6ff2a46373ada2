import type { ReactNode } from "react";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { PageHeader, type PageHeaderProps } from "@/components/ui/page-header";
import { requirePageScope, type DealerBound, type DealerScope } from "@/lib/auth/require";
import type { Role } from "@/lib/roles";

/**
 * A dealer-scoped page: the role check, its header, then `body` — or, when the user has no dealer
 * connected yet, the header over the no-dealer state. `header` may depend on who is looking (an
 * action only an admin sees).
 */
export async function dealerPage(
  role: Role,
  header: PageHeaderProps | ((scope: DealerScope) => PageHeaderProps),
  body: (scope: DealerBound) => Promise<ReactNode> | ReactNode,
): Promise<ReactNode> {
  const scope = await requirePageScope(role);
  const head = <PageHeader {...(typeof header === "function" ? header(scope) : header)} />;
  if (!scope.dealer) return <NoDealerPage header={head} />;
  return (
    <>
      {head}
      {await body({ user: scope.user, dealer: scope.dealer })}
    </>
  );
}
