import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { buttonClasses, FilterBar, ListPager, PageHeader } from "@/components/ui";
import { historyFields } from "@/components/verifications/history/history-fields";
import { HistoryTable } from "@/components/verifications/history/history-table";
import { VerificationTabs } from "@/components/verifications/shared/tabs";
import { requirePageScope } from "@/lib/auth/require";
import { historyList, parseHistoryParams } from "@/lib/verifications/history-filter";
import { historySiteChoices } from "@/lib/verifications/history-sites";
import { answerDetails } from "@/lib/verifications/outcomes-history";
import { HISTORY_PAGE_SIZE, listHistory } from "@/lib/verifications/queries";
import type { SearchParamsProps } from "@/lib/list-state/search-params";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

export const metadata = { title: "Verification history" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function HistoryPage({ searchParams }: SearchParamsProps) {
  const { dealer } = await requirePageScope("viewer");
  const head = (
    <>
      <PageHeader title="Verifications" description="Every verification CHeKT asked for, with who answered and how." />
      <VerificationTabs current="history" />
    </>
  );
  if (!dealer) return <NoDealerPage header={head} />;
  const { filter, values, errors } = parseHistoryParams(await searchParams);
  const [result, sites] = await Promise.all([
    listHistory(dealer.id, dealer.chektDealerId, filter),
    historySiteChoices(dealer.id),
  ]);
  const page = { rows: result.items, total: result.total, page: result.page };
  const details = await answerDetails(
    dealer.id,
    result.items.map((i) => i.id),
  );

  return (
    <div>
      {head}
      <FilterBar list={historyList} state={values} ignored={errors} fields={historyFields(sites)} dates />
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="history-total">
          {countText(result.total)} {plural(result.total, "verification")}
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
      <HistoryTable rows={result.items} details={details} />
      <ListPager list={historyList} state={values} of={page} per={HISTORY_PAGE_SIZE} />
    </div>
  );
}
