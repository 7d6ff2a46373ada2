import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { ListLoading } from "@/components/shell/list-loading";
import { SitesFilters } from "@/components/sites/sites-filters";
import { AddLink, PageHeader, buttonClasses } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { hasRole } from "@/lib/roles";
import { siteList } from "@/lib/schemas/site-list";
import { SitesResults } from "./sites-results";

export const metadata = { title: "Sites" } satisfies Metadata;

export default async function SitesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, dealer } = await requirePageScope("viewer");
  const canEdit = hasRole(user.role, "operator");
  const header = (
    <PageHeader
      title={metadata.title}
      description="Every site of this dealer, from this console's copy of CHeKT (kept current in the background)."
      actions={
        canEdit && dealer ? (
          <>
            <Link href="/sites/import" className={buttonClasses("secondary")}>
              Import sites
            </Link>
            <AddLink href="/sites/new">New site</AddLink>
          </>
        ) : null
      }
    />
  );
  if (!dealer) return <NoDealerPage header={header} />;

  const state = siteList.parse(await searchParams);
  // The header and filters go out at once; the sweep's progress and the table (their queries)
  // stream in behind them (sites-results.tsx), so the first byte waits on the session only.
  return (
    <>
      {header}
      <Suspense fallback={null}>
        <SyncProgress dealerLinkId={dealer.id} className="mb-4" />
      </Suspense>
      <SitesFilters state={state} />
      <Suspense fallback={<ListLoading label="Loading sites…" />}>
        <SitesResults dealerLinkId={dealer.id} state={state} canEdit={canEdit} />
      </Suspense>
    </>
  );
}
