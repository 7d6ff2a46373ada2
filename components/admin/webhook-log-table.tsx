import { DataTable, Disclosure, EmptyState, UtcTime, type Column } from "@/components/ui";
import { BadgeWithNote } from "@/components/admin/badge-with-note";
import { ReapplyButton } from "@/components/admin/reapply-button";
import type { webhookLogPage } from "@/lib/settings/webhook-log";

type Row = Awaited<ReturnType<typeof webhookLogPage>>["rows"][number];

const verdictTone = { accepted: "success", duplicate: "info", rejected: "danger", malformed: "warning" } as const;
const applyTone = { applied: "success", ignored: "neutral", failed: "danger", pending: "warning" } as const;

/**
 * Why the receiver gave its verdict. An accepted delivery's reason is what applying its event did, which the
 * Applied column says (as it stands now, after any re-apply): said once, there.
 */
function verdictNote(r: Row): string | null {
  return r.verdict === "accepted" && r.event ? null : r.reason;
}

const COLUMNS: Column<Row>[] = [
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
            <pre className={"mt-1 max-h-72 max-w-md overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"}>
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
    cell: (r) => <BadgeWithNote value={r.verdict} tones={verdictTone} note={verdictNote(r)} />,
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
        <BadgeWithNote value={r.event.applyStatus} tones={applyTone} note={r.event.applyNote} />
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
];

/** One page of deliveries: each with its signature verdict, and what applying the stored event did. */
export function WebhookLogTable({ rows }: { rows: Row[] }) {
  return (
    <DataTable<Row>
      caption="Webhook deliveries, newest first"
      testId="webhook-log"
      rows={rows}
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
      columns={COLUMNS}
    />
  );
}
