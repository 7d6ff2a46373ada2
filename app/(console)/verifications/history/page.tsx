import type { Metadata } from "next";
import Link from "next/link";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Alert, Badge, DataTable, PageHeader, buttonClasses, type BadgeTone } from "@/components/ui";
import { VerificationTabs } from "@/components/verifications/tabs";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { parseHistoryParams, type HistoryParams } from "@/lib/verifications/history-filter";
import { answerDetails, stepsText } from "@/lib/verifications/outcomes-history";
import { HISTORY_PAGE_SIZE, listHistory } from "@/lib/verifications/queries";
import { siteInfo } from "@/lib/verifications/site-info";
import type { QueueItem } from "@/lib/verifications/types";

export const metadata: Metadata = { title: "Verification history" };
export const dynamic = "force-dynamic";

const TONE: Record<string, BadgeTone> = { pending: "warning", claimed: "info", dispatched: "danger", disregarded: "neutral", expired: "neutral", cancelled: "neutral" };

function fmt(iso: string | null) {
  return iso ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) + " UTC" : "—";
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { dealer } = await requirePageScope("viewer");
  if (!dealer) return <NoDealerState />;
  const { filter, values, errors } = parseHistoryParams(await searchParams);
  const [result, siteIds] = await Promise.all([
    errors.length ? null : listHistory(dealer.id, dealer.chektDealerId, filter),
    prisma.verification.findMany({ where: { dealerLinkId: dealer.id }, distinct: ["siteId"], select: { siteId: true }, orderBy: { siteId: "asc" }, take: 200 }),
  ]);
  const details = await answerDetails(dealer.id, result?.items.map((i) => i.id) ?? []);
  const sites = await Promise.all(siteIds.map(async ({ siteId }) => ({ id: siteId, name: (await siteInfo(dealer.chektDealerId, siteId))?.name ?? `Site ${siteId}` })));
  const pageHref = (page: number) => `/verifications/history?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as Record<string, string>), page: String(page) })}`;

  return (
    <div>
      <PageHeader title="Verifications" description="Every verification CHeKT asked for, with who answered and how." />
      <VerificationTabs current="history" />
      <HistoryFilters values={values} sites={sites} />
      {errors.length ? (
        <Alert tone="danger" title="Some filters are not valid">
          {errors.join(". ")}
        </Alert>
      ) : null}
      {result ? (
        <>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600" data-testid="history-total">
              {result.total} {result.total === 1 ? "verification" : "verifications"}
            </p>
            {/* The same filters, every page, with outcome, checklist and annotation per row. */}
            <a className={buttonClasses("secondary", "sm")} href={`/api/verifications/history?${new URLSearchParams(Object.fromEntries(Object.entries(values).filter(([k, v]) => v && k !== "page")) as Record<string, string>)}`} download>
              Export CSV
            </a>
          </div>
          <DataTable<QueueItem>
            caption="Verification history"
            rows={result.items}
            rowKey={(r) => r.id}
            empty={<p className="p-6 text-center text-sm text-slate-500">No verifications match these filters.</p>}
            columns={[
              { key: "occurred", header: "Occurred", cell: (r) => fmt(r.occurredAt) },
              { key: "site", header: "Site", cell: (r) => r.siteName ?? `Site ${r.siteId}` },
              { key: "desc", header: "Event", cell: (r) => r.description ?? "—", className: "hidden md:table-cell" },
              { key: "state", header: "State", cell: (r) => <Badge tone={TONE[r.state] ?? "neutral"}>{r.state}</Badge> },
              { key: "who", header: "Operator", cell: (r) => r.answeredByName ?? r.claimedByName ?? "—" },
              {
                key: "outcome",
                header: "Outcome",
                cell: (r) => {
                  const d = details.get(r.id);
                  if (!d?.outcome) return "—";
                  const done = d.steps.filter((s) => s.checked).length;
                  return (
                    <span className="block">
                      <span className="text-slate-900">{d.outcome}</span>
                      {d.steps.length ? (
                        <span className="block text-xs text-slate-600" title={stepsText(d.steps)}>
                          {done}/{d.steps.length} steps checked
                        </span>
                      ) : null}
                      {d.annotation ? <span className="block text-xs text-slate-600" data-testid="history-annotation">{d.annotation}</span> : null}
                    </span>
                  );
                },
              },
              { key: "when", header: "Answered", cell: (r) => (r.state === "dispatched" || r.state === "disregarded" ? fmt(r.answeredAt) : "—"), className: "hidden lg:table-cell" },
              { key: "note", header: "Note", cell: (r) => r.answerError ?? "", className: "hidden xl:table-cell text-xs text-slate-500" },
            ]}
          />
          {result.total > HISTORY_PAGE_SIZE ? (
            <div className="mt-4 flex items-center gap-2 text-sm">
              {result.page > 1 ? <Link className={buttonClasses("secondary", "sm")} href={pageHref(result.page - 1)}>Previous</Link> : null}
              <span className="text-slate-600">
                Page {result.page} of {Math.ceil(result.total / HISTORY_PAGE_SIZE)}
              </span>
              {result.page * HISTORY_PAGE_SIZE < result.total ? <Link className={buttonClasses("secondary", "sm")} href={pageHref(result.page + 1)}>Next</Link> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function HistoryFilters({ values, sites }: { values: HistoryParams; sites: { id: number; name: string }[] }) {
  const input = "mt-1 block w-full rounded-md border-0 bg-white py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
  return (
    <form method="get" action="/verifications/history" className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6">
      <label className="text-sm text-slate-700">
        State
        <select name="state" defaultValue={values.state ?? ""} className={input}>
          <option value="">Any</option>
          {["pending", "claimed", "dispatched", "disregarded", "expired", "cancelled"].map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Site
        <select name="site" defaultValue={values.site ?? ""} className={input}>
          <option value="">Any</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Operator
        <input name="operator" defaultValue={values.operator ?? ""} placeholder="Name" className={input} />
      </label>
      <label className="text-sm text-slate-700">
        From
        <input type="date" name="from" defaultValue={values.from ?? ""} className={input} />
      </label>
      <label className="text-sm text-slate-700">
        To
        <input type="date" name="to" defaultValue={values.to ?? ""} className={input} />
      </label>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClasses("primary", "sm")}>Filter</button>
        <Link href="/verifications/history" className={buttonClasses("ghost", "sm")}>Clear</Link>
      </div>
    </form>
  );
}
