"use client";
import { useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Dialog } from "@/components/ui";
import type { EffectiveChecklist, Outcome, OutcomeKind } from "@/lib/verifications/outcomes-schemas";
import { withToggled } from "@/lib/list-state/selection";
import type { AnswerChoice } from "./use-answer";
import { errorText } from "@/lib/error-text";

type PickerData = { outcomes: Outcome[]; checklist: EffectiveChecklist };

async function fetchPicker(id: string): Promise<PickerData> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/outcomes`);
  const body = (await res.json().catch(() => null)) as (PickerData & { error?: { message?: string } }) | null;
  if (!res.ok || !body || body.error)
    throw new Error(body?.error?.message ?? `Could not load the outcomes (HTTP ${res.status})`);
  return body;
}

const TEXT: Record<OutcomeKind, { title: string; confirm: string }> = {
  dispatch: { title: "Dispatch responders?", confirm: "Dispatch" },
  disregard: { title: "Disregard this alarm?", confirm: "Disregard" },
};

/**
 * The answer's last step: the operator picks one of the dealer's outcomes of this kind and checks
 * the site's checklist (every step not marked optional). The server checks both again. The caller
 * keys it by the intent, so each opening starts from nothing chosen: an outcome is never a default.
 */
export function OutcomePicker(props: {
  open: boolean;
  kind: OutcomeKind;
  verificationId: string;
  siteLabel: string;
  pending: boolean;
  onClose: () => void;
  onConfirm: (choice: AnswerChoice) => void;
}) {
  const { kind } = props;
  const data = useQuery({
    queryKey: ["desk-outcomes", props.verificationId],
    queryFn: () => fetchPicker(props.verificationId),
    enabled: props.open,
    staleTime: 30_000,
  });
  const [outcomeId, setOutcomeId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const groupId = useId();

  const outcomes = (data.data?.outcomes ?? []).filter((o) => o.kind === kind);
  const steps = data.data?.checklist.steps ?? [];

  function confirm() {
    if (!outcomeId) return setProblem("Choose an outcome.");
    const missing = steps.filter((s) => !s.optional && !checked.has(s.id));
    if (missing.length) return setProblem(`Check every required step first (${missing.length} left).`);
    setProblem(null);
    props.onConfirm({ outcomeId, checkedSteps: steps.filter((s) => checked.has(s.id)).map((s) => s.id) });
  }

  function toggle(id: string, on: boolean) {
    setChecked((prev) => withToggled(prev, id, on));
  }

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      dismissible={!props.pending}
      title={TEXT[kind].title}
      description={
        (kind === "dispatch" ? "CHeKT will be told to dispatch" : "CHeKT will record that no dispatch is needed") +
        ` for ${props.siteLabel}. Choose the outcome${steps.length ? " and check the steps" : ""}.`
      }
      footer={
        <>
          <Button variant="secondary" onClick={props.onClose} disabled={props.pending}>
            Cancel
          </Button>
          <Button
            variant={kind === "dispatch" ? "danger" : "primary"}
            onClick={confirm}
            pending={props.pending}
            pendingText="Sending…"
            disabled={!data.data}
          >
            {TEXT[kind].confirm}
          </Button>
        </>
      }
    >
      <div className="space-y-4" data-testid="outcome-picker">
        {data.isLoading ? <p className="text-sm text-slate-700">Loading the outcomes…</p> : null}
        {data.isError ? <Alert tone="danger">{errorText(data.error)}</Alert> : null}
        {data.data && outcomes.length === 0 ? (
          <Alert tone="warning">This dealer has no active {kind} outcome. An admin adds one under Desk settings.</Alert>
        ) : null}
        {outcomes.length ? (
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Outcome</legend>
            <div className="mt-2 space-y-1">
              {outcomes.map((o) => (
                <Choice
                  key={o.id}
                  type="radio"
                  name={`${groupId}-outcome`}
                  value={o.id}
                  checked={outcomeId === o.id}
                  onChange={() => setOutcomeId(o.id)}
                >
                  {o.label}
                </Choice>
              ))}
            </div>
          </fieldset>
        ) : null}
        {steps.length ? (
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">
              Checklist {data.data?.checklist.source === "site" ? "(this site's own)" : ""}
            </legend>
            <div className="mt-2 space-y-1">
              {steps.map((s) => (
                <Choice
                  key={s.id}
                  type="checkbox"
                  checked={checked.has(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                >
                  {s.text}
                  {s.optional ? <span className="text-xs text-slate-600">(optional)</span> : null}
                </Choice>
              ))}
            </div>
          </fieldset>
        ) : null}
        {problem ? (
          <p role="alert" className="text-sm text-red-700" data-testid="outcome-problem">
            {problem}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** A radio or checkbox row of the picker, its words as its label. */
function Choice({ children, ...input }: InputHTMLAttributes<HTMLInputElement> & { children: ReactNode }) {
  return (
    <label className="flex items-center gap-2 rounded px-2 py-1 text-sm text-slate-900 hover:bg-slate-50">
      <input {...input} className="h-4 w-4" />
      {children}
    </label>
  );
}
