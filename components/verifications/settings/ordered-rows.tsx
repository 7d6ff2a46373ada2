"use client";
import type { Dispatch, MouseEvent, ReactNode, SetStateAction } from "react";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Button, Input } from "@/components/ui";
import { focusAfterRowRemoval } from "@/components/ui/focus-after-removal";
import { moved } from "./outcome-list";

// The editable ordered lists of outcome-settings.tsx and outcome-checklist.tsx: one list, each with its columns.

/**
 * A row by the list's width (a container query: the settings page's columns and a phone differ),
 * its buttons always inside it, move on the left and remove on the right, the two moves side by side,
 * and the text as wide as it can be so a long outcome name stays readable. On a phone, two lines: the
 * text across the row, then the moves, the row's other cells and remove. From 27rem, move and remove
 * share the text's line and the other cells go under the text; from 37rem, all on one line.
 */
const ROW =
  "grid grid-cols-[auto_auto_minmax(0,1fr)_auto] items-center gap-x-1.5 gap-y-1.5 py-2 " +
  "[grid-template-areas:'text_text_text_text'_'up_down_cells_remove'] " +
  "[@container(min-width:27rem)]:grid-cols-[auto_auto_minmax(0,1fr)_auto] " +
  "[@container(min-width:27rem)]:[grid-template-areas:'up_down_text_remove'_'._._cells_.'] " +
  "[@container(min-width:37rem)]:grid-cols-[auto_auto_minmax(0,1fr)_auto_auto] " +
  "[@container(min-width:37rem)]:[grid-template-areas:'up_down_text_cells_remove']";

/** A control of an editor row: the value it shows, what it reports when changed, and its word. */
type RowControl<T> = { label: string; value: T; onChange: (value: T) => void };

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

/** An icon-only button of an editor row, in its grid area. */
function RowButton(props: {
  area: string;
  label: string;
  disabled?: boolean;
  onClick: (e: MouseEvent<HTMLButtonElement>) => void;
  icon: ReactNode;
}) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className={props.area}
      aria-label={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
      icon={props.icon}
    />
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
 * The editor's rows in their order, each (in reading order) move up, move down, its text cell, its own
 * further cells (`children`) and its flag, then remove. `key` is the saved id, or newRowKey's for a row
 * not saved yet, so React keeps each input with its row as rows move.
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
    <ol className="divide-y divide-slate-100 [container-type:inline-size]">
      {rows.map((r, i) => {
        const at = `${noun} ${i + 1}`;
        return (
          <li key={r.key} className={ROW}>
            <RowButton
              area="[grid-area:up]"
              label={`Move ${at} up`}
              disabled={i === 0}
              onClick={() => setRows((rs) => moved(rs, i, -1))}
              icon={<ArrowUp className="h-4 w-4" aria-hidden />}
            />
            <RowButton
              area="[grid-area:down]"
              label={`Move ${at} down`}
              disabled={i === rows.length - 1}
              onClick={() => setRows((rs) => moved(rs, i, 1))}
              icon={<ArrowDown className="h-4 w-4" aria-hidden />}
            />
            <Input
              label={text.label(i + 1)}
              hideLabel
              wrapperClassName="min-w-0 [grid-area:text]"
              value={r[text.field]}
              maxLength={text.maxLength}
              onChange={(e) => set(i, text.field, e.target.value)}
            />
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 [grid-area:cells]">
              {children?.(r, i)}
              <RowCheckbox label={flag.label} row={at} value={r[flag.field]} onChange={(v) => set(i, flag.field, v)} />
            </div>
            <RowButton
              area="[grid-area:remove]"
              label={`Remove ${at}`}
              onClick={(e) => {
                // To the next row's Remove (or the one before, or the Add button after the list), not <body>.
                const after = e.currentTarget.closest("ol")?.nextElementSibling;
                focusAfterRowRemoval(
                  e.currentTarget,
                  after?.matches("button") ? after : after?.querySelector("button"),
                );
                setRows((rs) => rs.filter((_, n) => n !== i));
              }}
              icon={<Trash2 className="h-4 w-4" aria-hidden />}
            />
          </li>
        );
      })}
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
