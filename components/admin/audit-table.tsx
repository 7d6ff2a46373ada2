import Link from "next/link";
import { DataTable, Disclosure, EmptyState, UtcTime, type Column, rowLinkClass, cn } from "@/components/ui";
import { BadgeWithNote } from "@/components/admin/badge-with-note";
import { DiffViewer } from "@/components/admin/diff-viewer";
import type { auditPage } from "@/lib/settings/audit-query";

export type AuditRow = Awaited<ReturnType<typeof auditPage>>["rows"][number];

const outcomeTone = { success: "success", failure: "danger", refused: "warning" } as const;

const COLUMNS: Column<AuditRow>[] = [
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
    cell: (r) => <BadgeWithNote value={r.outcome} tones={outcomeTone} note={r.error} noteClassName="text-red-700" />,
  },
  {
    key: "trace",
    header: "Trace ID / change",
    className: "md:max-w-[22rem]",
    cell: (r) => (
      <>
        {r.traceId ? (
          <Link
            className={cn("break-all font-mono text-xs", rowLinkClass)}
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
];

/** One page of audit rows; a trace id links to every row of the same trace. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable<AuditRow>
      caption="Audit history, newest first"
      testId="audit-table"
      rows={rows}
      empty={<EmptyState title="No audit rows match" description="Change or clear the filters." />}
      columns={COLUMNS}
    />
  );
}
