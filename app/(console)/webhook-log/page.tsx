import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Badge, buttonClasses, EmptyState, PageHeader } from "@/components/ui";
import { AdminNav } from "@/components/admin/admin-nav";
import { Pager } from "@/components/admin/pager";
import { queryWith } from "@/components/admin/query";
import { ReapplyButton } from "@/components/admin/reapply-button";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { parseWebhookLogFilters, VERDICTS, webhookLogPage } from "@/lib/settings/webhook-log";

export const metadata: Metadata = { title: "Webhook log" };
export const dynamic = "force-dynamic";

type SP = Record<string, string | string[] | undefined>;
const val = (sp: SP, k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
const input = "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
const verdictTone = { accepted: "success", duplicate: "info", rejected: "danger", malformed: "warning" } as const;
const applyTone = { applied: "success", ignored: "neutral", failed: "danger", pending: "warning" } as const;

export default async function WebhookLogPage({ searchParams }: { searchParams: Promise<SP> }) {
  const { dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerState />;
  const sp = await searchParams;
  const { filters, errors } = parseWebhookLogFilters(sp);
  const { rows, total, pages, types } = await webhookLogPage(filters, dealer.id);

  return (
    <div>
      <PageHeader title="Webhook log" description="Every delivery CHeKT made to this app: accepted, duplicate, or refused and why." />
      <AdminNav current="/webhook-log" />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-5" aria-label="Filter deliveries">
        <label className="text-sm font-medium text-slate-700">Verdict
          <select name="verdict" defaultValue={val(sp, "verdict")} className={input}>
            <option value="">any</option>
            {VERDICTS.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">Event type
          <select name="type" defaultValue={val(sp, "type")} className={input}>
            <option value="">any</option>
            {types.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">Event or delivery id<input name="event" defaultValue={val(sp, "event")} placeholder="evt_…" className={input} /></label>
        <label className="text-sm font-medium text-slate-700">From<input type="date" name="from" defaultValue={val(sp, "from")} className={input} /></label>
        <label className="text-sm font-medium text-slate-700">To<input type="date" name="to" defaultValue={val(sp, "to")} className={input} /></label>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-5">
          <button type="submit" className={buttonClasses("primary", "sm")}>Apply filters</button>
          <Link href="/webhook-log" className={buttonClasses("ghost", "sm")}>Clear</Link>
        </div>
      </form>
      {errors.length ? <Alert tone="warning" title="Some filters were ignored" className="mb-4">{errors.join(" ")}</Alert> : null}
      {rows.length === 0 ? (
        <EmptyState title="No deliveries match" description="When CHeKT delivers an event it shows here. On the Settings page you can ask the simulator for a test event." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="webhook-log">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th className="px-4 py-2.5">Received</th>
                <th className="px-4 py-2.5">Event</th>
                <th className="px-4 py-2.5">Signature verdict</th>
                <th className="px-4 py-2.5">Duplicates</th>
                <th className="px-4 py-2.5">Applied</th>
                <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id.toString()} className="align-top" data-verdict={r.verdict}>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                    <time dateTime={r.receivedAt.toISOString()}>{r.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                    <div className="text-xs text-slate-500">{r.dealerKey}{r.attempt ? ` · attempt ${r.attempt}` : ""}</div>
                  </td>
                  <td className="px-4 py-2.5">
                    <code className="text-xs">{r.eventId ?? "—"}</code>
                    <div className="text-xs text-slate-600">{r.eventType ?? "unknown type"}</div>
                    {r.event ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">Payload</summary>
                        <pre className="mt-1 max-h-72 max-w-md overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{JSON.stringify(r.event.payload, null, 2)}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge tone={verdictTone[r.verdict as keyof typeof verdictTone] ?? "neutral"}>{r.verdict}</Badge>
                    {r.reason ? <div className="mt-1 max-w-xs text-xs text-slate-600">{r.reason}</div> : null}
                  </td>
                  <td className="px-4 py-2.5 tabular-nums">{r.event ? r.event.duplicateCount : "—"}</td>
                  <td className="px-4 py-2.5">
                    {r.event ? (
                      <>
                        <Badge tone={applyTone[r.event.applyStatus as keyof typeof applyTone] ?? "neutral"}>{r.event.applyStatus}</Badge>
                        {r.event.applyNote ? <div className="mt-1 max-w-xs text-xs text-slate-600">{r.event.applyNote}</div> : null}
                      </>
                    ) : (
                      <span className="text-xs text-slate-500">not stored</span>
                    )}
                  </td>
                  <td className="px-4 py-2.5">{r.event ? <ReapplyButton eventId={r.event.id} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filters.page} pages={pages} total={total} hrefFor={(p) => `/webhook-log${queryWith(sp, { page: p })}`} />
    </div>
  );
}
