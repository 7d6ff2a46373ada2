import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { buttonClasses, DataTable, Disclosure, EmptyState, FilterBar, ListPager, UtcTime } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { BadgeWithNote } from "@/components/admin/badge-with-note";
import { DiffViewer } from "@/components/admin/diff-viewer";
import { requirePageScope } from "@/lib/auth/require";
import { visibleDealerLinkIds } from "@/lib/dealer";
import { auditList, parseAuditFilters } from "@/lib/settings/audit-filters";
import { AUDIT_PAGE_SIZE, auditFacets, auditPage } from "@/lib/settings/audit-query";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Audit history" } satisfies Metadata;
export const dynamic = "force-dynamic";

const outcomeTone = { success: "success", failure: "danger", refused: "warning" } as const;
type Row = Awaited<ReturnType<typeof auditPage>>["rows"][number];

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
        description="Every change anyone made, with its trace id. Rows cannot be edited or deleted."
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
      <FilterBar
        list={auditList}
        state={state}
        ignored={errors}
        fields={[
          { kind: "text", label: "User", name: "user", placeholder: "email or id", width: "w-full sm:w-48" },
          {
            kind: "text",
            label: "Action",
            name: "action",
            list: "audit-actions",
            placeholder: "e.g. sites.update",
            width: "w-full sm:w-48",
          },
          { kind: "select", label: "Object kind", name: "kind", width: "w-40", options: facets.kinds },
          {
            kind: "text",
            label: "Object or trace id",
            name: "object",
            placeholder: "CHeKT id, external id, trace",
            width: "w-full sm:w-56",
          },
          {
            kind: "select",
            label: "Outcome",
            name: "outcome",
            width: "w-36",
            options: ["success", "failure", "refused"],
          },
        ]}
        dates
      >
        <datalist id="audit-actions">
          {facets.actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </FilterBar>
      <DataTable<Row>
        caption="Audit history, newest first"
        testId="audit-table"
        rows={rows}
        rowKey={(r) => r.id.toString()}
        empty={<EmptyState title="No audit rows match" description="Change or clear the filters." />}
        columns={[
          {
            key: "when",
            header: "When",
            className: "text-slate-700",
            cell: (r) => <UtcTime at={r.at} form="stacked" />,
          },
          { key: "who", header: "Who", cell: (r) => r.userEmail ?? <span className="text-slate-500">system</span> },
          {
            key: "action",
            header: "Action",
            card: "title",
            cell: (r) => <code className="break-words">{r.action}</code>,
          },
          {
            key: "object",
            header: "Object",
            cell: (r) => (
              <>
                <span className="font-medium">{r.objectKind}</span>
                <div className="break-all text-xs text-slate-500">
                  CHeKT {r.chektId ?? "—"} · ours {r.externalId ?? "—"}
                </div>
              </>
            ),
          },
          {
            key: "outcome",
            header: "Outcome",
            cell: (r) => (
              <BadgeWithNote value={r.outcome} tones={outcomeTone} note={r.error} noteClassName="text-red-700" />
            ),
          },
          {
            key: "trace",
            header: "Trace id / change",
            className: "md:max-w-[22rem]",
            cell: (r) => (
              <>
                {r.traceId ? (
                  <Link
                    className="break-all font-mono text-xs text-indigo-700 hover:underline"
                    href={`/audit?object=${encodeURIComponent(r.traceId)}`}
                  >
                    {r.traceId}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
                {r.before != null || r.after != null ? (
                  <Disclosure summary="Before / after" className="mt-1 md:min-w-[16rem]">
                    <div className="mt-2">
                      <DiffViewer before={r.before} after={r.after} />
                    </div>
                  </Disclosure>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <ListPager list={auditList} state={state} of={{ rows, total }} per={AUDIT_PAGE_SIZE} />
    </div>
  );
}
