import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import {
  Badge,
  DataTable,
  FilterBar,
  PageHeader,
  ListPager,
  UtcTime,
  buttonClasses,
  type BadgeTone,
} from "@/components/ui";
import { VerificationTabs } from "@/components/verifications/tabs";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import {
  HISTORY_STATES,
  historyList,
  parseHistoryParams,
  type HistoryParams,
} from "@/lib/verifications/history-filter";
import { answerDetails, stepsText } from "@/lib/verifications/outcomes-history";
import { HISTORY_PAGE_SIZE, listHistory } from "@/lib/verifications/queries";
import { siteInfo } from "@/lib/verifications/site-info";
import type { QueueItem } from "@/lib/verifications/types";
import type { SearchParamsProps } from "@/lib/list-state/search-params";
import { plural } from "@/lib/plural";

export const metadata = { title: "Verification history" } satisfies Metadata;
export const dynamic = "force-dynamic";

const TONE: Record<string, BadgeTone> = {
  pending: "warning",
  claimed: "info",
  dispatched: "danger",
  disregarded: "neutral",
  expired: "neutral",
  cancelled: "neutral",
};

export default async function HistoryPage({ searchParams }: SearchParamsProps) {
  const { dealer } = await requirePageScope("viewer");
  if (!dealer) return <NoDealerState />;
  const { filter, values, errors } = parseHistoryParams(await searchParams);
  const [result, siteIds] = await Promise.all([
    listHistory(dealer.id, dealer.chektDealerId, filter),
    prisma.verification.findMany({
      where: { dealerLinkId: dealer.id },
      distinct: ["siteId"],
      select: { siteId: true },
      orderBy: { siteId: "asc" },
      take: 200,
    }),
  ]);
  const page = { rows: result.items, total: result.total, page: result.page };
  const details = await answerDetails(
    dealer.id,
    result.items.map((i) => i.id),
  );
  const sites = await Promise.all(
    siteIds.map(async ({ siteId }) => ({
      id: siteId,
      name: (await siteInfo(dealer.chektDealerId, siteId))?.name ?? `Site ${siteId}`,
    })),
  );

  return (
    <div>
      <PageHeader title="Verifications" description="Every verification CHeKT asked for, with who answered and how." />
      <VerificationTabs current="history" />
      <HistoryFilters values={values} sites={sites} errors={errors} />
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="history-total">
          {result.total} {plural(result.total, "verification")}
        </p>
        {/* The same filters, every page, with outcome, checklist and annotation per row. */}
        <a
          className={buttonClasses("secondary", "sm")}
          href={`/api/verifications/history${historyList.search({ ...values, page: 1 })}`}
          download
        >
          Export CSV
        </a>
      </div>
      <DataTable<QueueItem>
        caption="Verification history"
        rows={result.items}
        rowKey={(r) => r.id}
        empty={
          <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">
            No verifications match these filters.
          </p>
        }
        columns={[
          { key: "occurred", header: "Occurred", cell: (r) => <UtcTime at={r.occurredAt} precision="second" /> },
          { key: "site", header: "Site", card: "title", cell: (r) => r.siteName ?? `Site ${r.siteId}` },
          { key: "desc", header: "Event", cell: (r) => r.description ?? "—", className: "md:hidden lg:table-cell" },
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
                  {d.annotation ? (
                    <span className="block text-xs text-slate-600" data-testid="history-annotation">
                      {d.annotation}
                    </span>
                  ) : null}
                </span>
              );
            },
          },
          {
            key: "when",
            header: "Answered",
            cell: (r) =>
              r.state === "dispatched" || r.state === "disregarded" ? (
                <UtcTime at={r.answeredAt} precision="second" />
              ) : (
                "—"
              ),
            className: "md:hidden lg:table-cell",
          },
          {
            key: "note",
            header: "Note",
            card: "hidden",
            cell: (r) => r.answerError ?? "",
            className: "md:hidden xl:table-cell text-xs text-slate-500",
          },
        ]}
      />
      <ListPager list={historyList} state={values} of={page} per={HISTORY_PAGE_SIZE} />
    </div>
  );
}

function HistoryFilters({
  values,
  sites,
  errors,
}: {
  values: HistoryParams;
  sites: { id: number; name: string }[];
  errors: readonly string[];
}) {
  const siteChoices = sites.map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <FilterBar
      list={historyList}
      state={values}
      ignored={errors}
      fields={[
        { kind: "select", label: "State", name: "state", width: "w-36", options: HISTORY_STATES },
        { kind: "select", label: "Site", name: "site", width: "w-48", options: siteChoices },
        { kind: "text", label: "Operator", name: "operator", placeholder: "Name", width: "w-40" },
      ]}
      dates
    />
  );
}
