"use client";

import { cellControl, cn } from "@/components/ui";

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
      className={cn("w-full", cellControl({ select: true, error: !!error, framed }), className)}
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
