"use client";

import { cn } from "@/components/ui";

/**
 * A cell whose value is one of a few words (e.g. camera | bridge). A pasted or stored value that is
 * none of them stays visible, marked, until replaced, so the user sees what CHeKT or the sheet had.
 * `framed` draws the field's edge at rest (a form-like editor); the review grid shows it on hover only.
 */
export function ChoicePicker({
  choices,
  label,
  value,
  error,
  describedBy,
  disabled,
  cell,
  framed = false,
  className,
  onChange,
}: {
  choices: readonly string[];
  label: string;
  value: string;
  error?: string;
  describedBy?: string;
  disabled: boolean;
  cell?: string;
  framed?: boolean;
  className?: string;
  onChange: (v: string) => void;
}) {
  const known = choices.includes(value.trim().toLowerCase());
  const selected = known ? value.trim().toLowerCase() : value;
  return (
    <select
      aria-label={label}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      data-cell={cell}
      value={selected}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className={cn(
        "h-8 w-full rounded border-0 py-0 pl-2 pr-7 text-sm ring-1 ring-inset focus:outline-none",
        "focus:ring-2 focus:ring-indigo-600 disabled:text-slate-500",
        framed ? "bg-white" : "bg-transparent",
        error ? "bg-white ring-red-400" : framed ? "ring-slate-200" : "ring-transparent hover:ring-slate-300",
        className,
      )}
    >
      {value.trim() === "" ? <option value="">Choose…</option> : null}
      {!known && value.trim() !== "" ? <option value={value}>{`"${value}" (not a choice)`}</option> : null}
      {choices.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}
