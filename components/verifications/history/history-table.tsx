import { SiteLink } from "@/components/sites/site-link";
import { Check, Minus } from "lucide-react";
import { Badge, DataTable, Disclosure, UtcTime, type BadgeTone, type Column } from "@/components/ui";
import type { AnswerDetail } from "@/lib/verifications/outcomes-history";
import { isAnswered } from "@/lib/verifications/open";
import { verificationStateLabel, type QueueItem, type VerificationState } from "@/lib/verifications/types";

const TONE: Record<VerificationState, BadgeTone> = {
  pending: "warning",
  claimed: "info",
  dispatched: "danger",
  disregarded: "neutral",
  expired: "neutral",
  cancelled: "neutral",
};

/** The desk's outcome code, how many checklist steps were checked, and the annotation's state. */
function OutcomeCell({ detail: d }: { detail?: AnswerDetail }) {
  if (!d?.outcome) return "—";
  const done = d.steps.filter((s) => s.checked).length;
  return (
    <div>
      <span className="text-slate-900">{d.outcome}</span>
      {/* The steps themselves one tap away, for touch and keyboard too (a tooltip shows only on hover). */}
      {d.steps.length ? (
        <Disclosure summary={`${done}/${d.steps.length} steps checked`}>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-700" data-testid="history-steps">
            {d.steps.map((step, i) => (
              <li key={i} className="flex gap-1">
                {step.checked ? (
                  <Check className="mt-0.5 h-3 w-3 shrink-0 text-emerald-700" aria-hidden />
                ) : (
                  <Minus className="mt-0.5 h-3 w-3 shrink-0 text-slate-500" aria-hidden />
                )}
                <span className="[overflow-wrap:anywhere]">
                  <span className="sr-only">{step.checked ? "Checked: " : "Not checked: "}</span>
                  {step.text}
                  {step.optional ? " (optional)" : ""}
                </span>
              </li>
            ))}
          </ul>
        </Disclosure>
      ) : null}
      {d.annotation ? (
        <span className="block text-xs text-slate-600" data-testid="history-annotation">
          {d.annotation}
        </span>
      ) : null}
    </div>
  );
}

function historyColumns(details: Map<string, AnswerDetail>): Column<QueueItem>[] {
  return [
    { key: "occurred", header: "Occurred", cell: (r) => <UtcTime at={r.occurredAt} precision="second" /> },
    { key: "site", header: "Site", card: "title", cell: (r) => <SiteLink siteId={r.siteId} name={r.siteName} /> },
    { key: "desc", header: "Event", cell: (r) => r.description ?? "—", className: "md:hidden lg:table-cell" },
    {
      key: "state",
      header: "State",
      cell: (r) => <Badge tone={TONE[r.state]}>{verificationStateLabel(r.state)}</Badge>,
    },
    { key: "who", header: "Operator", cell: (r) => r.answeredByName ?? r.claimedByName ?? "—" },
    { key: "outcome", header: "Outcome", cell: (r) => <OutcomeCell detail={details.get(r.id)} /> },
    {
      key: "when",
      header: "Answered",
      cell: (r) => (isAnswered(r.state) ? <UtcTime at={r.answeredAt} precision="second" /> : "—"),
      className: "md:hidden lg:table-cell",
    },
    {
      key: "note",
      header: "Note",
      card: "hidden",
      cell: (r) => r.answerError ?? "",
      className: "md:hidden xl:table-cell text-xs text-slate-500",
    },
  ];
}

/** One page of past verifications, each with who answered it and the desk's outcome. */
export function HistoryTable({ rows, details }: { rows: QueueItem[]; details: Map<string, AnswerDetail> }) {
  return (
    <DataTable<QueueItem>
      caption="Verification history"
      rows={rows}
      empty={
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">
          No verifications match these filters.
        </p>
      }
      columns={historyColumns(details)}
    />
  );
}
