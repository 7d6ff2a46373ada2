"use client";
import { useState, type Dispatch, type SetStateAction } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { saveChecklistAction } from "@/actions/verification-outcomes";
import { checklistSchema, MAX_STEPS, STEP_TEXT_MAX, type ChecklistStep } from "@/lib/verifications/outcomes-schemas";
import { ChecklistModeFieldset, type ChecklistMode } from "./checklist-mode";
import { ChecklistReadonly, StepList } from "./checklist-steps";
import { savedVersion, schemaProblems } from "./outcome-list";
import { newRowKey, OrderedRowList, ProblemList, type RowColumns } from "./ordered-rows";

type Row = { key: string; id?: string; text: string; optional: boolean };

const STEPS: RowColumns<"text", "optional"> = {
  noun: "step",
  text: { field: "text", label: (n) => `Step ${n}`, maxLength: STEP_TEXT_MAX },
  flag: { field: "optional", label: "Optional" },
};

/** What saving sends: for a site its id, the mode, and in "own" mode the steps in order, trimmed. */
function checklistPayload(siteId: number | undefined, mode: ChecklistMode, rows: Row[]) {
  return {
    ...(siteId !== undefined ? { siteId } : {}),
    mode,
    steps:
      mode === "own"
        ? rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), text: r.text.trim(), optional: r.optional }))
        : [],
  };
}

/** The checklist's own steps, editable in order, and a button that adds one (up to the limit). */
function StepRows({ rows, setRows }: { rows: Row[]; setRows: Dispatch<SetStateAction<Row[]>> }) {
  return (
    <>
      <OrderedRowList rows={rows} setRows={setRows} columns={STEPS} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No steps: operators answer with an outcome only.</p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={rows.length >= MAX_STEPS}
        onClick={() => setRows((rs) => [...rs, { key: newRowKey(rs), text: "", optional: false }])}
      >
        Add step
      </Button>
    </>
  );
}

type ChecklistProps = { siteId?: number; own: ChecklistStep[] | null; dealerSteps: ChecklistStep[] };

/** The admins' editor: a site chooses the dealer's list or its own; saving checks the steps first. */
function ChecklistForm(props: ChecklistProps) {
  const router = useRouter();
  const forSite = props.siteId !== undefined;
  const [mode, setMode] = useState<ChecklistMode>(forSite && !props.own ? "inherit" : "own");
  const [rows, setRows] = useState<Row[]>(() =>
    (props.own ?? (forSite ? props.dealerSteps : [])).map((s) => ({ key: s.id, ...s })),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const runner = useActionRunner(saveChecklistAction);

  async function save() {
    const payload = checklistPayload(props.siteId, mode, rows);
    const found = schemaProblems(checklistSchema.safeParse(payload), "Step");
    setProblems(found);
    if (found.length) return;
    const out = await runner.run(
      payload,
      mode === "inherit" ? "The site uses the dealer's checklist again." : "Checklist saved.",
    );
    if (out.ok) router.refresh();
  }

  return (
    <div className="space-y-3" data-testid={forSite ? "site-checklist-editor" : "checklist-editor"}>
      {forSite ? <ChecklistModeFieldset mode={mode} onMode={setMode} /> : null}
      {mode === "inherit" ? (
        <StepList steps={props.dealerSteps} empty="The dealer has no checklist." />
      ) : (
        <StepRows rows={rows} setRows={setRows} />
      )}
      <div>
        <Button size="sm" onClick={() => void save()} pending={runner.pending} pendingText="Saving…">
          {forSite ? "Save the site's checklist" : "Save checklist"}
        </Button>
      </div>
      <ProblemList problems={problems} />
      <FormFailure failure={runner.failure} />
    </div>
  );
}

/**
 * The checklist an operator works through before answering: the dealer's (no siteId), or a site's
 * own, which replaces the dealer's for that site ("inherit" goes back to the dealer's). Admins edit;
 * everyone else reads.
 */
export function ChecklistEditor({ canEdit, ...props }: ChecklistProps & { canEdit: boolean }) {
  if (!canEdit) {
    const forSite = props.siteId !== undefined;
    return <ChecklistReadonly forSite={forSite} own={props.own} dealerSteps={props.dealerSteps} />;
  }
  return <ChecklistForm key={savedVersion([props.own, props.dealerSteps])} {...props} />;
}
