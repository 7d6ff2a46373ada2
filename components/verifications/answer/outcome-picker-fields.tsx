"use client";
import type { InputHTMLAttributes, ReactNode } from "react";
import type { ChecklistStep, Outcome } from "@/lib/verifications/outcomes-schemas";

/** A radio or checkbox row of the picker, its words as its label. */
function Choice({ children, ...input }: InputHTMLAttributes<HTMLInputElement> & { children: ReactNode }) {
  return (
    <label className="flex items-center gap-2 rounded px-2 py-1 text-sm text-slate-900 hover:bg-slate-50">
      <input {...input} className="h-4 w-4" />
      {children}
    </label>
  );
}

/** The outcome picker's outcomes of one kind, as one radio group (`name`); none chosen until the operator picks. */
export function OutcomeFieldset(props: {
  outcomes: Outcome[];
  name: string;
  value: string | null;
  onChange: (id: string) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">Outcome</legend>
      <div className="mt-2 space-y-1">
        {props.outcomes.map((o) => (
          <Choice
            key={o.id}
            type="radio"
            name={props.name}
            value={o.id}
            checked={props.value === o.id}
            onChange={() => props.onChange(o.id)}
          >
            {o.label}
          </Choice>
        ))}
      </div>
    </fieldset>
  );
}

/** The outcome picker's checklist: the site's own or the dealer's steps, each a checkbox. */
export function ChecklistFieldset(props: {
  steps: ChecklistStep[];
  siteOwn: boolean;
  checked: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">
        Checklist {props.siteOwn ? "(this site's own)" : ""}
      </legend>
      <div className="mt-2 space-y-1">
        {props.steps.map((s) => (
          <Choice
            key={s.id}
            type="checkbox"
            checked={props.checked.has(s.id)}
            onChange={(e) => props.onToggle(s.id, e.target.checked)}
          >
            {s.text}
            {s.optional ? <span className="text-xs text-slate-600">(optional)</span> : null}
          </Choice>
        ))}
      </div>
    </fieldset>
  );
}
