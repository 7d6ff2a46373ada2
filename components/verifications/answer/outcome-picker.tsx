"use client";
import { useEffect, useId, useRef } from "react";
import { Alert, Button, Dialog } from "@/components/ui";
import { LoadError } from "@/components/verifications/shared/load-error";
import type { OutcomeKind } from "@/lib/verifications/outcomes-schemas";
import type { AnswerChoice } from "./answer-phase";
import { ChecklistFieldset, OutcomeFieldset } from "./outcome-picker-fields";
import { usePickerChoice } from "./use-picker-choice";
import { usePickerOptions } from "./use-picker-options";

const TEXT: Record<OutcomeKind, { title: string; confirm: string }> = {
  dispatch: { title: "Dispatch responders?", confirm: "Dispatch" },
  disregard: { title: "Disregard this alarm?", confirm: "Disregard" },
};

/**
 * The answer's last step: the operator picks one of the dealer's outcomes of this kind and checks
 * the site's checklist (every step not marked optional). The server checks both again. The caller
 * keys it (use-picker-key.ts), so each new question starts from nothing chosen: an outcome is never a
 * default. It opens with the focus on the chosen (else the first) outcome, not on its close button,
 * where Enter would close it. Outcomes that fail to load say why, with "Try again".
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
  const { query: data, outcomes, steps, siteOwn } = usePickerOptions(props.verificationId, kind, props.open);
  const { outcomeId, setOutcomeId, checked, toggle, problem, confirm } = usePickerChoice(steps, props.onConfirm);
  const groupId = useId();
  const fields = useRef<HTMLDivElement>(null);
  const shown = props.open && outcomes.length > 0;
  useEffect(() => {
    if (!shown) return;
    const radios = fields.current;
    (
      radios?.querySelector<HTMLElement>("input[type=radio]:checked") ?? radios?.querySelector("input[type=radio]")
    )?.focus();
  }, [shown]);

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
      <div className="space-y-4" data-testid="outcome-picker" ref={fields}>
        {data.isLoading ? <p className="text-sm text-slate-700">Loading the outcomes…</p> : null}
        {data.isError ? (
          <LoadError error={data.error} retrying={data.isFetching} onRetry={() => void data.refetch()} />
        ) : null}
        {data.data && outcomes.length === 0 ? (
          <Alert tone="warning">This dealer has no active {kind} outcome. An admin adds one under Desk settings.</Alert>
        ) : null}
        {outcomes.length ? (
          <OutcomeFieldset outcomes={outcomes} name={`${groupId}-outcome`} value={outcomeId} onChange={setOutcomeId} />
        ) : null}
        {steps.length ? (
          <ChecklistFieldset steps={steps} siteOwn={siteOwn} checked={checked} onToggle={toggle} />
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
