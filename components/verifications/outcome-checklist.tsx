"use client";
import { useId, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Button, cn } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { saveChecklistAction } from "@/actions/verification-outcomes";
import { checklistSchema, MAX_STEPS, STEP_TEXT_MAX, type ChecklistStep } from "@/lib/verifications/outcomes-schemas";
import { schemaProblems } from "./outcome-list";
import { newRowKey, OrderedRowList, ProblemList, type RowColumns } from "./ordered-rows";

type Row = { key: string; id?: string; text: string; optional: boolean };

const STEPS: RowColumns<"text", "optional"> = {
  noun: "step",
  text: { field: "text", label: (n) => `Step ${n}`, maxLength: STEP_TEXT_MAX },
  flag: { field: "optional", label: "Optional" },
};

function StepList({ steps, empty }: { steps: ChecklistStep[]; empty: string }) {
  if (!steps.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-900">
      {steps.map((s) => (
        <li key={s.id}>
          {s.text}
          {s.optional ? <span className="ml-1 text-xs text-slate-600">(optional)</span> : null}
        </li>
      ))}
    </ol>
  );
}

function ModeRadio(props: {
  name: string;
  checked: boolean;
  onPick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cn("flex items-center gap-2 text-sm text-slate-900", props.className)}>
      <input type="radio" name={props.name} className="h-4 w-4" checked={props.checked} onChange={props.onPick} />
      {props.children}
    </label>
  );
}

/**
 * The checklist an operator works through before answering: the dealer's (no siteId), or a site's
 * own, which replaces the dealer's for that site ("inherit" goes back to the dealer's). Admins edit;
 * everyone else reads.
 */
export function ChecklistEditor(props: {
  siteId?: number;
  own: ChecklistStep[] | null;
  dealerSteps: ChecklistStep[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const forSite = props.siteId !== undefined;
  const [mode, setMode] = useState<"own" | "inherit">(forSite && !props.own ? "inherit" : "own");
  const [rows, setRows] = useState<Row[]>(() =>
    (props.own ?? (forSite ? props.dealerSteps : [])).map((s) => ({ key: s.id, ...s })),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const runner = useActionRunner(saveChecklistAction);
  const name = useId();

  if (!props.canEdit) {
    const steps = props.own ?? props.dealerSteps;
    return (
      <div data-testid="checklist-readonly">
        {forSite ? (
          <p className="mb-2 text-sm text-slate-700">
            {props.own ? "This site has its own checklist:" : "This site uses the dealer's checklist:"}
          </p>
        ) : null}
        <StepList steps={steps} empty="No checklist: operators answer with an outcome only." />
      </div>
    );
  }

  async function save() {
    const payload = {
      ...(forSite ? { siteId: props.siteId } : {}),
      mode,
      steps:
        mode === "own"
          ? rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), text: r.text.trim(), optional: r.optional }))
          : [],
    };
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
      {forSite ? (
        <fieldset>
          <legend className="sr-only">Which checklist this site uses</legend>
          <ModeRadio name={name} checked={mode === "inherit"} onPick={() => setMode("inherit")}>
            Use the dealer&apos;s checklist
          </ModeRadio>
          <ModeRadio name={name} checked={mode === "own"} onPick={() => setMode("own")} className="mt-1">
            This site has its own checklist
          </ModeRadio>
        </fieldset>
      ) : null}
      {mode === "inherit" ? (
        <StepList steps={props.dealerSteps} empty="The dealer has no checklist." />
      ) : (
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
