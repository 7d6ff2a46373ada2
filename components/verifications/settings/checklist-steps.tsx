"use client";
import type { ChecklistStep } from "@/lib/verifications/outcomes-schemas";

/** A checklist to read: its steps in order, the optional ones marked, or `empty` when it has none. */
export function StepList({ steps, empty }: { steps: ChecklistStep[]; empty: string }) {
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

/** The checklist as those who are not admins see it; for a site, whose list it is. */
export function ChecklistReadonly(props: {
  forSite: boolean;
  own: ChecklistStep[] | null;
  dealerSteps: ChecklistStep[];
}) {
  return (
    <div data-testid="checklist-readonly">
      {props.forSite ? (
        <p className="mb-2 text-sm text-slate-700">
          {props.own ? "This site has its own checklist:" : "This site uses the dealer's checklist:"}
        </p>
      ) : null}
      <StepList steps={props.own ?? props.dealerSteps} empty="No checklist: operators answer with an outcome only." />
    </div>
  );
}
