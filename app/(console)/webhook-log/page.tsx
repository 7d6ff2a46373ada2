import type { Metadata } from "next";
import { FilterBar, ListPager } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { webhookLogFields } from "@/components/admin/webhook-log-fields";
import { WebhookLogTable } from "@/components/admin/webhook-log-table";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { LOG_PAGE_SIZE, parseWebhookLogFilters, webhookLogPage } from "@/lib/settings/webhook-log";
import { webhookLogList } from "@/lib/settings/webhook-log-filters";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Webhook log" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function WebhookLogPage({ searchParams }: SearchParamsProps) {
  const { dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerState />;
  const { filters, errors, state } = parseWebhookLogFilters(await searchParams);
  const { rows, total, types } = await webhookLogPage(filters, dealer.id);

  return (
    <div>
      <AdminHeader
        current="/webhook-log"
        title={metadata.title}
        description="Every delivery CHeKT made to this app: accepted, duplicate, or refused and why."
      />
      <FilterBar list={webhookLogList} state={state} ignored={errors} fields={webhookLogFields(types)} dates />
      <WebhookLogTable rows={rows} />
      <ListPager list={webhookLogList} state={state} of={{ rows, total }} per={LOG_PAGE_SIZE} />
    </div>
  );
}
