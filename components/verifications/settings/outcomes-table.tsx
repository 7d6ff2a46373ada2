"use client";
import { Badge, DataTable, fieldColumn, type Column } from "@/components/ui";
import type { Outcome } from "@/lib/verifications/outcomes-schemas";

type OutcomeRow = Pick<Outcome, "id" | "label" | "kind">;

const OUTCOME_COLUMNS: Column<OutcomeRow>[] = [
  fieldColumn("label", "Outcome"),
  {
    key: "kind",
    header: "Answers with",
    cell: (o) => <Badge tone={o.kind === "dispatch" ? "danger" : "neutral"}>{o.kind}</Badge>,
  },
];

/**
 * The dealer's offered outcome codes as those who are not admins see them: each with what it answers. Two
 * short columns fit a phone, so it stays a table there.
 */
export function OutcomesTable({ outcomes }: { outcomes: OutcomeRow[] }) {
  return (
    <div data-testid="outcomes-readonly">
      <DataTable columns={OUTCOME_COLUMNS} rows={outcomes} caption="Outcome codes" phone="table" />
      <p className="mt-3 text-xs text-slate-600">Only a dealer admin changes these.</p>
    </div>
  );
}
