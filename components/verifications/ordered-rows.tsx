"use client";
import type { Dispatch, ReactNode, SetStateAction } from "react";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Button } from "@/components/ui";
import { moved } from "./outcome-list";

// The editable ordered lists of outcome-settings.tsx and outcome-checklist.tsx: one list, each with its columns.

/** The compact input and select of an editor row. */
export const rowInput =
  "block w-full rounded-md border-0 bg-white py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset " +
  "ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** A control of an editor row: the value it shows, what it reports when changed, and its word. */
type RowControl<T> = { label: string; value: T; onChange: (value: T) => void };

/** The text cell of an editor row, named for screen readers only ("Step 2"). */
function RowText({ label, value, maxLength, onChange }: RowControl<string> & { maxLength: number }) {
  return (
    <label className="min-w-0 flex-1 basis-48">
      <span className="sr-only">{label}</span>
      <input className={rowInput} value={value} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A checkbox of an editor row: its word, and for screen readers the row it belongs to ("Optional (step 2)"). */
function RowCheckbox({ label, row, value, onChange }: RowControl<boolean> & { row: string }) {
  return (
    <label className="flex items-center gap-1 text-sm text-slate-700">
      <input type="checkbox" className="h-4 w-4" checked={value} onChange={(e) => onChange(e.target.checked)} />
      {label}
      <span className="sr-only"> ({row})</span>
    </label>
  );
}

/** Move up, move down and remove for row `index` of the list `setRows` holds ("Move step 2 up"). */
export function RowOrderButtons<T>({
  noun,
  index,
  count,
  setRows,
}: {
  noun: string;
  index: number;
  count: number;
  setRows: Dispatch<SetStateAction<T[]>>;
}) {
  const at = index + 1;
  return (
    <span className="flex gap-1">
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Move ${noun} ${at} up`}
        disabled={index === 0}
        onClick={() => setRows((rs) => moved(rs, index, -1))}
        icon={<ArrowUp className="h-4 w-4" aria-hidden />}
      />
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Move ${noun} ${at} down`}
        disabled={index === count - 1}
        onClick={() => setRows((rs) => moved(rs, index, 1))}
        icon={<ArrowDown className="h-4 w-4" aria-hidden />}
      />
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Remove ${noun} ${at}`}
        onClick={() => setRows((rs) => rs.filter((_, n) => n !== index))}
        icon={<Trash2 className="h-4 w-4" aria-hidden />}
      />
    </span>
  );
}

/**
 * What a row of an editor holds and shows: a text (a step, an outcome's label) and an on/off flag
 * (optional, offered), each a field of the row; `noun` names a row to screen readers ("step 2").
 */
export type RowColumns<X extends string, F extends string> = {
  noun: string;
  /** The text cell: its field, its screen-reader name in row n (from 1), its length limit. */
  text: { field: X; label: (n: number) => string; maxLength: number };
  /** The checkbox: its field and word. */
  flag: { field: F; label: string };
};

/**
 * The editor's rows in their order, each its text cell, its own further cells (`children`), its flag,
 * then RowOrderButtons. `key` is the saved id, or newRowKey's for a row not saved yet, so React keeps
 * each input with its row as rows move.
 */
export function OrderedRowList<
  T extends { key: string } & Record<X, string> & Record<F, boolean>,
  X extends string,
  F extends string,
>({
  rows,
  setRows,
  columns: { noun, text, flag },
  children,
}: {
  rows: T[];
  setRows: Dispatch<SetStateAction<T[]>>;
  columns: RowColumns<X, F>;
  children?: (row: T, index: number) => ReactNode;
}) {
  const set = (i: number, field: X | F, value: string | boolean) =>
    setRows((rs) => rs.map((r, n) => (n === i ? { ...r, [field]: value } : r)));
  return (
    <ol className="space-y-2">
      {rows.map((r, i) => (
        <li key={r.key} className="flex flex-wrap items-center gap-2">
          <RowText
            label={text.label(i + 1)}
            value={r[text.field]}
            maxLength={text.maxLength}
            onChange={(v) => set(i, text.field, v)}
          />
          {children?.(r, i)}
          <RowCheckbox
            label={flag.label}
            row={`${noun} ${i + 1}`}
            value={r[flag.field]}
            onChange={(v) => set(i, flag.field, v)}
          />
          <RowOrderButtons noun={noun} index={i} count={rows.length} setRows={setRows} />
        </li>
      ))}
    </ol>
  );
}

/** The key of a row added to `rows` (unsaved, so no id yet): unique among them, even when added fast. */
export function newRowKey(rows: readonly unknown[]): string {
  return `new-${Date.now()}-${rows.length}`;
}

/** The problems the schema found before saving, announced as one alert. */
export function ProblemList({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
