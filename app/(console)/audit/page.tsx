import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { Alert, Badge, buttonClasses, EmptyState, PageHeader } from "@/components/ui";
import { AdminNav } from "@/components/admin/admin-nav";
import { DiffViewer } from "@/components/admin/diff-viewer";
import { Pager } from "@/components/admin/pager";
import { queryWith } from "@/components/admin/query";
import { requirePageScope } from "@/lib/auth/require";
import { visibleDealerLinkIds } from "@/lib/dealer";
import { parseAuditFilters } from "@/lib/settings/audit-filters";
import { auditFacets, auditPage } from "@/lib/settings/audit-query";

export const metadata: Metadata = { title: "Audit history" };
export const dynamic = "force-dynamic";

type SP = Record<string, string | string[] | undefined>;
const val = (sp: SP, k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");

const input = "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
const outcomeTone = { success: "success", failure: "danger", refused: "warning" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SP> }) {
  const { user, dealer } = await requirePageScope("admin");
  const visible = await visibleDealerLinkIds(user, dealer);
  const sp = await searchParams;
  const { filters, errors } = parseAuditFilters(sp);
  const [{ rows, total, pages }, facets] = await Promise.all([auditPage(filters, visible), auditFacets(visible)]);

  return (
    <div>
      <PageHeader
        title="Audit history"
        description="Every change anyone made, with its trace id. Rows cannot be edited or deleted."
        actions={
          <a className={buttonClasses("secondary")} href={`/api/audit/export${queryWith(sp, { page: undefined })}`} download>
            <Download className="h-4 w-4" aria-hidden="true" /> Export CSV
          </a>
        }
      />
      <AdminNav current="/audit" />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-7" aria-label="Filter audit rows">
        <label className="text-sm font-medium text-slate-700">User<input name="user" defaultValue={val(sp, "user")} placeholder="email or id" className={input} /></label>
        <label className="text-sm font-medium text-slate-700">Action
          <input name="action" list="audit-actions" defaultValue={val(sp, "action")} placeholder="e.g. sites.update" className={input} />
          <datalist id="audit-actions">{facets.actions.map((a) => <option key={a} value={a} />)}</datalist>
        </label>
        <label className="text-sm font-medium text-slate-700">Object kind
          <select name="kind" defaultValue={val(sp, "kind")} className={input}>
            <option value="">any</option>
            {facets.kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">Object or trace id<input name="object" defaultValue={val(sp, "object")} placeholder="CHeKT id, external id, trace" className={input} /></label>
        <label className="text-sm font-medium text-slate-700">Outcome
          <select name="outcome" defaultValue={val(sp, "outcome")} className={input}>
            <option value="">any</option><option value="success">success</option><option value="failure">failure</option><option value="refused">refused</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">From<input type="date" name="from" defaultValue={val(sp, "from")} className={input} /></label>
        <label className="text-sm font-medium text-slate-700">To<input type="date" name="to" defaultValue={val(sp, "to")} className={input} /></label>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-7">
          <button type="submit" className={buttonClasses("primary", "sm")}>Apply filters</button>
          <Link href="/audit" className={buttonClasses("ghost", "sm")}>Clear</Link>
        </div>
      </form>
      {errors.length ? <Alert tone="warning" title="Some filters were ignored" className="mb-4">{errors.join(" ")}</Alert> : null}
      {rows.length === 0 ? (
        <EmptyState title="No audit rows match" description="Change or clear the filters." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th className="px-4 py-2.5">When</th>
                <th className="px-4 py-2.5">Who</th>
                <th className="px-4 py-2.5">Action</th>
                <th className="px-4 py-2.5">Object</th>
                <th className="px-4 py-2.5">Outcome</th>
                <th className="px-4 py-2.5">Trace id / change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id.toString()} className="align-top">
                  <td className="px-4 py-2.5 text-slate-700">
                    <time dateTime={r.at.toISOString()} className="block whitespace-nowrap">{r.at.toISOString().slice(0, 10)}</time>
                    <span className="whitespace-nowrap text-xs text-slate-500">{r.at.toISOString().slice(11, 19)} UTC</span>
                  </td>
                  <td className="px-4 py-2.5">{r.userEmail ?? <span className="text-slate-400">system</span>}</td>
                  <td className="px-4 py-2.5"><code className="break-words">{r.action}</code></td>
                  <td className="px-4 py-2.5">
                    <span className="font-medium">{r.objectKind}</span>
                    <div className="break-all text-xs text-slate-500">CHeKT {r.chektId ?? "—"} · ours {r.externalId ?? "—"}</div>
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge tone={outcomeTone[r.outcome as keyof typeof outcomeTone] ?? "neutral"}>{r.outcome}</Badge>
                    {r.error ? <div className="mt-1 max-w-xs text-xs text-red-700">{r.error}</div> : null}
                  </td>
                  <td className="max-w-[22rem] px-4 py-2.5">
                    {r.traceId ? <Link className="break-all font-mono text-xs text-indigo-700 hover:underline" href={`/audit?object=${encodeURIComponent(r.traceId)}`}>{r.traceId}</Link> : <span className="text-slate-400">—</span>}
                    {r.before != null || r.after != null ? (
                      <details className="mt-1 min-w-[16rem]">
                        <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">Before / after</summary>
                        <div className="mt-2"><DiffViewer before={r.before} after={r.after} /></div>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filters.page} pages={pages} total={total} hrefFor={(p) => `/audit${queryWith(sp, { page: p })}`} />
    </div>
  );
}
