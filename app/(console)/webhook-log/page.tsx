import type { Metadata } from "next";
import { Badge, DataTable, Disclosure, EmptyState, FilterBar, ListPager, UtcTime } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { BadgeWithNote } from "@/components/admin/badge-with-note";
import { ReapplyButton } from "@/components/admin/reapply-button";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { LOG_PAGE_SIZE, parseWebhookLogFilters, VERDICTS, webhookLogPage } from "@/lib/settings/webhook-log";
import { webhookLogList } from "@/lib/settings/webhook-log-filters";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Webhook log" } satisfies Metadata;
export const dynamic = "force-dynamic";

const verdictTone = { accepted: "success", duplicate: "info", rejected: "danger", malformed: "warning" } as const;
const applyTone = { applied: "success", ignored: "neutral", failed: "danger", pending: "warning" } as const;
type Row = Awaited<ReturnType<typeof webhookLogPage>>["rows"][number];

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
      <FilterBar
        list={webhookLogList}
        state={state}
        ignored={errors}
        fields={[
          { kind: "select", label: "Verdict", name: "verdict", width: "w-36", options: VERDICTS },
          { kind: "select", label: "Event type", name: "type", width: "w-48", options: types },
          { kind: "text", label: "Event or delivery id", name: "event", placeholder: "evt_…", width: "w-full sm:w-56" },
        ]}
        dates
      />
      <DataTable<Row>
        caption="Webhook deliveries, newest first"
        testId="webhook-log"
        rows={rows}
        rowKey={(r) => r.id.toString()}
        rowAttrs={(r) => ({ "data-verdict": r.verdict })}
        empty={
          <EmptyState
            title="No deliveries match"
            description={
              "When CHeKT delivers an event it shows here. On the Settings page you can ask the simulator " +
              "for a test event."
            }
          />
        }
        columns={[
          {
            key: "received",
            header: "Received",
            className: "whitespace-nowrap text-slate-700",
            cell: (r) => (
              <>
                <UtcTime at={r.receivedAt} precision="second" />
                <div className="text-xs text-slate-500">
                  {r.dealerKey}
                  {r.attempt ? ` · attempt ${r.attempt}` : ""}
                </div>
              </>
            ),
          },
          {
            key: "event",
            header: "Event",
            card: "title",
            cell: (r) => (
              <>
                <code className="break-all text-xs">{r.eventId ?? "—"}</code>
                <div className="text-xs text-slate-600">{r.eventType ?? "unknown type"}</div>
                {r.event ? (
                  <Disclosure summary="Payload" className="mt-1">
                    <pre
                      className={"mt-1 max-h-72 max-w-md overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"}
                    >
                      {JSON.stringify(r.event.payload, null, 2)}
                    </pre>
                  </Disclosure>
                ) : null}
              </>
            ),
          },
          {
            key: "verdict",
            header: "Signature verdict",
            cell: (r) => <BadgeWithNote value={r.verdict} tones={verdictTone} note={r.reason} />,
          },
          {
            key: "dupes",
            header: "Duplicates",
            className: "tabular-nums",
            cell: (r) => (r.event ? r.event.duplicateCount : "—"),
          },
          {
            key: "applied",
            header: "Applied",
            cell: (r) =>
              r.event ? (
                <>
                  <Badge tone={applyTone[r.event.applyStatus as keyof typeof applyTone] ?? "neutral"}>
                    {r.event.applyStatus}
                  </Badge>
                  {r.event.applyNote ? (
                    <div className="mt-1 max-w-xs text-xs text-slate-600">{r.event.applyNote}</div>
                  ) : null}
                </>
              ) : (
                <span className="text-xs text-slate-500">not stored</span>
              ),
          },
          {
            key: "actions",
            header: <span className="sr-only">Actions</span>,
            card: "actions",
            cell: (r) => (r.event ? <ReapplyButton eventId={r.event.id} /> : null),
          },
        ]}
      />
      <ListPager list={webhookLogList} state={state} of={{ rows, total }} per={LOG_PAGE_SIZE} />
    </div>
  );
}
