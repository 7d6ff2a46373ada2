// Outcome codes and checklists: one definition of valid input for the settings forms (browser),
// the answer picker and the server actions, and of what the picker's route answers. No server imports.
import { z } from "zod";
import { chektIdNumber } from "@/lib/schemas/fields";
import { ANSWER_ACTIONS, type AnswerAction } from "./answer-actions";

/** An outcome code's kind: the answer it gives. */
export const OUTCOME_KINDS = ANSWER_ACTIONS;
export type OutcomeKind = AnswerAction;

export const OUTCOME_LABEL_MAX = 100;
export const STEP_TEXT_MAX = 200;
export const MAX_OUTCOMES = 40;
export const MAX_STEPS = 30;

const outcomeSchema = z.object({ id: z.string(), label: z.string(), kind: z.enum(OUTCOME_KINDS), active: z.boolean() });
const checklistStepSchema = z.object({ id: z.string(), text: z.string(), optional: z.boolean() });
const effectiveChecklistSchema = z.object({ source: z.enum(["site", "dealer"]), steps: z.array(checklistStepSchema) });

/** What GET /api/live/verifications/[id]/outcomes answers: the picker checks it before offering it. */
export const pickerOptionsSchema = z.object({ outcomes: z.array(outcomeSchema), checklist: effectiveChecklistSchema });

/** What the picker and settings pages read. */
export type Outcome = z.output<typeof outcomeSchema>;
export type ChecklistStep = z.output<typeof checklistStepSchema>;
/** The checklist that applies to a site: its own, or the dealer's it inherits. */
export type EffectiveChecklist = z.output<typeof effectiveChecklistSchema>;
/** The dealer's active outcomes and the site's checklist, as the outcome picker reads them. */
export type PickerOptions = z.output<typeof pickerOptionsSchema>;
/** What an answer keeps of the checklist: the step as it read when it was checked. */
export type CheckedStep = { id: string; text: string; optional: boolean; checked: boolean };

const outcomeRow = z.object({
  id: z.string().uuid("Unknown outcome").optional(),
  label: z
    .string()
    .trim()
    .min(1, "Give the outcome a label")
    .max(OUTCOME_LABEL_MAX, `At most ${OUTCOME_LABEL_MAX} characters`),
  kind: z.enum(OUTCOME_KINDS, { message: "Choose dispatch or disregard" }),
  active: z.boolean(),
});

/** The whole list in its order; codes left out are retired (kept for history, no longer offered). */
export const outcomesSchema = z
  .object({ outcomes: z.array(outcomeRow).max(MAX_OUTCOMES, `At most ${MAX_OUTCOMES} outcomes`) })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.outcomes.forEach((o, i) => {
      const key = o.label.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["outcomes", i, "label"], message: `"${o.label}" is listed twice` });
      seen.set(key, i);
    });
    for (const kind of OUTCOME_KINDS) {
      if (!v.outcomes.some((o) => o.kind === kind && o.active)) {
        ctx.addIssue({
          code: "custom",
          path: ["outcomes"],
          message: `Keep at least one active ${kind} outcome, or operators cannot ${kind}`,
        });
      }
    }
  });
export type OutcomesInput = z.infer<typeof outcomesSchema>;

const stepRow = z.object({
  id: z.string().trim().min(1).max(40).optional(),
  text: z.string().trim().min(1, "Write the step").max(STEP_TEXT_MAX, `At most ${STEP_TEXT_MAX} characters`),
  optional: z.boolean(),
});

/**
 * The dealer's checklist (no siteId) or a site's: "own" stores the steps for that site, "inherit"
 * removes the site's own list so the dealer's applies again.
 */
export const checklistSchema = z.object({
  siteId: chektIdNumber().optional(),
  mode: z.enum(["own", "inherit"]),
  steps: z.array(stepRow).max(MAX_STEPS, `At most ${MAX_STEPS} steps`),
});
export type ChecklistInput = z.infer<typeof checklistSchema>;

/** The answer's part: which outcome, which steps were checked (by step id). */
export const answerOutcomeFields = {
  outcomeId: z.string({ message: "Choose an outcome" }).uuid("Choose an outcome"),
  checkedSteps: z.array(z.string().min(1).max(40)).max(MAX_STEPS).default([]),
};
