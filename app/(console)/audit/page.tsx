import type { Metadata } from "next";
import { Download } from "lucide-react";
import { buttonClasses, ListPager } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { AuditFilterBar } from "@/components/admin/audit-filter-bar";
import { AuditTable } from "@/components/admin/audit-table";
import { requirePageScope } from "@/lib/auth/require";
import { visibleDealerLinkIds } from "@/lib/dealer";
import { auditList, parseAuditFilters } from "@/lib/settings/audit-filters";
import { AUDIT_PAGE_SIZE, auditFacets, auditPage } from "@/lib/settings/audit-query";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Audit history" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: SearchParamsProps) {
  const { user, dealer } = await requirePageScope("admin");
  const visible = await visibleDealerLinkIds(user, dealer);
  const { filters, errors, state } = parseAuditFilters(await searchParams);
  const [{ rows, total }, facets] = await Promise.all([auditPage(filters, visible), auditFacets(visible)]);

  return (
    <div>
      <AdminHeader
        current="/audit"
        title={metadata.title}
        description="Every change anyone made, with its trace ID. Rows cannot be edited or deleted."
        actions={
          <a
            className={buttonClasses("secondary")}
            href={`/api/audit/export${auditList.search({ ...state, page: 1 })}`}
            download
          >
            <Download className="h-4 w-4" aria-hidden="true" /> Export CSV
          </a>
        }
      />
      <AuditFilterBar state={state} errors={errors} facets={facets} />
      <AuditTable rows={rows} />
      <ListPager list={auditList} state={state} of={{ rows, total }} per={AUDIT_PAGE_SIZE} />
    </div>
  );
}
