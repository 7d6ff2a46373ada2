import "server-only";
import { prisma } from "@/lib/db";
import { csvRow } from "@/lib/settings/audit-filters";
import { siteLabel } from "@/lib/site-label";
import { annotationLabel } from "./annotate-format";
import { storedSteps } from "./answer";
import { occurredInSql } from "./day-query";
import { isAnswered } from "./open";
import { answeredSql } from "./open-query";
import type { CheckedStep } from "./outcomes-schemas";
import type { QueueItem } from "./types";

// What the history shows of an answer beyond its state: the outcome code, the checklist as it was
// checked, and whether the annotation reached CHeKT. One query each for a page of rows, keyed by
// the dealer link.

export type AnswerDetail = { outcome: string | null; steps: CheckedStep[]; annotation: string | null };

export async function answerDetails(dealerLinkId: string, ids: string[]): Promise<Map<string, AnswerDetail>> {
  if (!ids.length) return new Map();
  const [rows, annotations] = await Promise.all([
    prisma.verification.findMany({
      where: { dealerLinkId, id: { in: ids } },
      select: { id: true, answerOutcomeLabel: true, answerSteps: true, state: true },
    }),
    prisma.deskAnnotation.findMany({
      where: { dealerLinkId, verificationId: { in: ids } },
      select: { verificationId: true, state: true, attempts: true, lastError: true },
    }),
  ]);
  const ann = new Map(annotations.map((a) => [a.verificationId, a]));
  return new Map(
    rows.map((r) => [
      r.id,
      // An outcome stored with an answer CHeKT never took is not history: only answered rows show it.
      isAnswered(r.state)
        ? {
            outcome: r.answerOutcomeLabel,
            steps: storedSteps(r.answerSteps),
            annotation: annotationLabel(ann.get(r.id)),
          }
        : { outcome: null, steps: [], annotation: null },
    ]),
  );
}

export const stepsText = (steps: CheckedStep[]) =>
  steps.map((s) => `${s.checked ? "[x]" : "[ ]"} ${s.text}${s.optional ? " (optional)" : ""}`).join("; ");

const HEADER = [
  "occurred_at",
  "verification_id",
  "alarm_id",
  "site",
  "site_id",
  "event",
  "state",
  "operator",
  "answered_at",
  "outcome",
  "steps_checked",
  "steps",
  "annotation",
];

/** The history rows as CSV (the page's columns plus outcome, checklist and annotation). */
export function historyCsv(items: QueueItem[], details: Map<string, AnswerDetail>): string {
  const lines = items.map((r) => {
    const d = details.get(r.id);
    const answered = isAnswered(r.state);
    return [
      r.occurredAt,
      r.id,
      r.alarmId ?? "",
      siteLabel(r.siteId, r.siteName),
      r.siteId,
      r.description ?? "",
      r.state,
      r.answeredByName ?? r.claimedByName ?? "",
      answered ? (r.answeredAt ?? "") : "",
      d?.outcome ?? "",
      d?.steps.length ? `${d.steps.filter((s) => s.checked).length}/${d.steps.length}` : "",
      d ? stepsText(d.steps) : "",
      d?.annotation ?? "",
    ];
  });
  return [HEADER, ...lines].map((l) => csvRow(l)).join("");
}

export type OutcomeCount = { outcome: string; kind: string; answers: number; allStepsChecked: number };

/** Answers per outcome code over the report's range (alarms that happened in it, day-query.ts), most used first. */
export async function outcomeCounts(dealerLinkId: string, range: { from: Date; to: Date }): Promise<OutcomeCount[]> {
  const rows = await prisma.$queryRaw<{ outcome: string; kind: string; answers: bigint; all_checked: bigint }[]>`
    SELECT v.answer_outcome_label AS outcome, v.answer_action AS kind, COUNT(*) AS answers,
           COUNT(*) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM jsonb_array_elements(COALESCE(v.answer_steps, '[]'::jsonb)) s WHERE
               (s->>'checked')::boolean IS NOT TRUE
           )) AS all_checked
      FROM verifications v
     WHERE v.dealer_link_id = ${dealerLinkId} AND ${occurredInSql(range, "v")}
       AND ${answeredSql("v")} AND v.answer_outcome_label IS NOT NULL
     GROUP BY 1, 2
     ORDER BY 3 DESC, 1`;
  return rows.map((r) => ({
    outcome: r.outcome,
    kind: r.kind,
    answers: Number(r.answers),
    allStepsChecked: Number(r.all_checked),
  }));
}
