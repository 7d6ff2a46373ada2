"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button, Select } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { saveOutcomesAction } from "@/actions/verification-outcomes";
import { patchedAt, savedVersion, schemaProblems } from "./outcome-list";
import { newRowKey, OrderedRowList, ProblemList, type RowColumns } from "./ordered-rows";
import { OutcomesTable } from "./outcomes-table";
import {
  MAX_OUTCOMES,
  OUTCOME_KINDS,
  OUTCOME_LABEL_MAX,
  outcomesSchema,
  type Outcome,
  type OutcomeKind,
} from "@/lib/verifications/outcomes-schemas";

type Row = { key: string; id?: string; label: string; kind: OutcomeKind; active: boolean };

const OUTCOMES: RowColumns<"label", "active"> = {
  noun: "outcome",
  text: { field: "label", label: (n) => `Outcome ${n} label`, maxLength: OUTCOME_LABEL_MAX },
  flag: { field: "active", label: "Offered" },
};

/** What saving sends: the rows in their order, labels trimmed, each saved code with its id. */
function outcomesPayload(rows: Row[]) {
  return {
    outcomes: rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      label: r.label.trim(),
      kind: r.kind,
      active: r.active,
    })),
  };
}

/** The admins' editor: the offered codes in order, each with its kind; saving checks them first. */
function OutcomesForm({ initial }: { initial: Outcome[] }) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(() => initial.filter((o) => o.active).map((o) => ({ key: o.id, ...o })));
  const [problems, setProblems] = useState<string[]>([]);
  const runner = useActionRunner(saveOutcomesAction);
  const retired = initial.filter((o) => !o.active);

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => patchedAt(rs, i, patch));

  async function save() {
    const payload = outcomesPayload(rows);
    const found = schemaProblems(outcomesSchema.safeParse(payload), "Outcome");
    setProblems(found);
    if (found.length) return;
    const out = await runner.run(payload, "Outcomes saved.");
    if (out.ok) router.refresh();
  }

  return (
    <div className="space-y-3" data-testid="outcomes-editor">
      <OrderedRowList rows={rows} setRows={setRows} columns={OUTCOMES}>
        {(r, i) => (
          <Select
            label={`Outcome ${i + 1} answers with`}
            hideLabel
            value={r.kind}
            options={OUTCOME_KINDS}
            onChange={(e) => update(i, { kind: e.target.value === "dispatch" ? "dispatch" : "disregard" })}
          />
        )}
      </OrderedRowList>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={rows.length >= MAX_OUTCOMES}
          onClick={() => setRows((rs) => [...rs, { key: newRowKey(rs), label: "", kind: "disregard", active: true }])}
        >
          Add outcome
        </Button>
        <Button size="sm" onClick={() => void save()} pending={runner.pending} pendingText="Saving…">
          Save outcomes
        </Button>
      </div>
      <ProblemList problems={problems} />
      <FormFailure failure={runner.failure} />
      {retired.length ? (
        <p className="text-xs text-slate-600">
          Retired (kept for past answers, no longer offered): {retired.map((o) => o.label).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}

/** The dealer's outcome codes: admins edit, everyone else reads. Removing a code retires it. */
export function OutcomesEditor({ initial, canEdit }: { initial: Outcome[]; canEdit: boolean }) {
  if (!canEdit) return <OutcomesTable outcomes={initial.filter((o) => o.active)} />;
  return <OutcomesForm key={savedVersion(initial)} initial={initial} />;
}
