import type { Metadata } from "next";
import { Alert, FilterBar, ListPager, UtcTime } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { webhookLogFields } from "@/components/admin/webhook-log-fields";
import { WebhookLogTable } from "@/components/admin/webhook-log-table";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { LOG_PAGE_SIZE, parseWebhookLogFilters, webhookLogPage } from "@/lib/settings/webhook-log";
import { webhookLogList } from "@/lib/settings/webhook-log-filters";
import type { SearchParamsProps } from "@/lib/list-state/search-params";
import { notStoredText, type RefusalsNotStored } from "@/lib/webhooks/refusal-cap";
import { RETENTION_TEXT } from "@/lib/webhooks/retention";

export const metadata = { title: "Webhook log" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function WebhookLogPage({ searchParams }: SearchParamsProps) {
  const { dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerPage header={<AdminHeader current="/webhook-log" title={metadata.title} />} />;
  const { filters, errors, state } = parseWebhookLogFilters(await searchParams);
  const { rows, total, types, notStored } = await webhookLogPage(filters, dealer.id);

  return (
    <div>
      <AdminHeader
        current="/webhook-log"
        title={metadata.title}
        description="Every delivery CHeKT made to this app: accepted, duplicate, or refused and why."
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="webhook-log-retention">
        {RETENTION_TEXT}
      </p>
      <FilterBar list={webhookLogList} state={state} ignored={errors} fields={webhookLogFields(types)} dates />
      <NotStored days={notStored} />
      <WebhookLogTable rows={rows} />
      <ListPager list={webhookLogList} state={state} of={{ rows, total }} per={LOG_PAGE_SIZE} />
    </div>
  );
}

/** Each day's refusals past the cap: counted, with no row of their own in the table below. */
function NotStored({ days }: { days: RefusalsNotStored[] }) {
  if (!days.length) return null;
  return (
    <Alert tone="info" className="mb-4" title="Refused deliveries not listed">
      <ul data-testid="webhook-log-not-stored">
        {days.map((d) => (
          <li key={d.day}>
            {notStoredText(d)} (the last at <UtcTime at={d.lastAt} precision="second" />
            ).
          </li>
        ))}
      </ul>
    </Alert>
  );
}
