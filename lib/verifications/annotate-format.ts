// The annotation's text and what the history says about it: pure, shared by annotate.ts, the
// history and the unit tests.
import type { AlarmAnnotationInput } from "@/lib/chekt/api/alarms";
import type { CheckedStep } from "./outcomes-schemas";
import { plural } from "@/lib/plural";

export const ANNOTATION_SOURCE = "chekt-dealer-console";
const NOTE_MAX = 2000;

/** The annotation's body: the outcome as its label, the steps and the operators' notes as text. */
export function annotationBody(outcomeLabel: string, steps: CheckedStep[], notes: string[]): AlarmAnnotationInput {
  const lines = [
    ...(steps.length
      ? ["Checklist:", ...steps.map((s) => `${s.checked ? "[x]" : "[ ]"} ${s.text}${s.optional ? " (optional)" : ""}`)]
      : []),
    ...(notes.length ? ["Notes:", ...notes.map((n) => `- ${n}`)] : []),
  ];
  const note = lines.join("\n");
  return {
    source: ANNOTATION_SOURCE,
    outcome: outcomeLabel.slice(0, 200),
    ...(note ? { note: note.length > NOTE_MAX ? `${note.slice(0, NOTE_MAX - 1)}…` : note } : {}),
  };
}

/** What the history shows for an answer's annotation. */
export function annotationLabel(
  a: { state: string; attempts: number; lastError: string | null } | undefined,
): string | null {
  if (!a) return null;
  switch (a.state) {
    case "sent":
      return "annotated in CHeKT";
    case "pending":
      return a.attempts
        ? `annotation pending (retrying after ${a.attempts} ${plural(a.attempts, "attempt")})`
        : "annotation pending";
    case "scope_missing":
      return "annotation not sent: the App key lacks events:write";
    case "no_key":
      return "annotation not sent: no CHeKT App key";
    default:
      return "annotation failed";
  }
}
