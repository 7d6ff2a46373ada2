"use client";
import { useState } from "react";
import type { ChecklistStep } from "@/lib/verifications/outcomes-schemas";
import { withToggled } from "@/lib/list-state/selection";
import type { AnswerChoice } from "./answer-phase";

/**
 * The operator's choice in the outcome picker: one outcome and the steps checked. `confirm` hands
 * it on only with an outcome and every step not marked optional checked, else says what is missing.
 */
export function usePickerChoice(steps: ChecklistStep[], onConfirm: (choice: AnswerChoice) => void) {
  const [outcomeId, setOutcomeId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);

  function confirm() {
    if (!outcomeId) return setProblem("Choose an outcome.");
    const missing = steps.filter((s) => !s.optional && !checked.has(s.id));
    if (missing.length) return setProblem(`Check every required step first (${missing.length} left).`);
    setProblem(null);
    onConfirm({ outcomeId, checkedSteps: steps.filter((s) => checked.has(s.id)).map((s) => s.id) });
  }

  function toggle(id: string, on: boolean) {
    setChecked((prev) => withToggled(prev, id, on));
  }

  return { outcomeId, setOutcomeId, checked, toggle, problem, confirm };
}
