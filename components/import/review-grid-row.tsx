"use client";
// One row of the review grid (review-grid.tsx): its sheet line, its problems, a cell per field (a
// text box, or the kind's picker) and its skip and delete buttons. The sheet line and the problems
// are sticky, so a fix far to the right still has them in view; below 768 px the problems are a
// line under the row, as wide as the grid's viewport (--review-w, which the grid keeps).
import { RotateCcw, SkipForward, Trash2 } from "lucide-react";
import { cellControl, cn } from "@/components/ui";
import { ChoicePicker } from "./choice-picker";
import type { PipelineKind } from "./pipeline-types";
import type { ReviewRow } from "./review-types";

export const ROW_HEIGHT = 44;
/** The header's and every row's columns (sheet line, problems from 768 px, the fields, the actions). */
export const GRID_COLUMNS = "[grid-template-columns:var(--cols)] md:[grid-template-columns:var(--cols-md)]";

/** What every row shares: the fields shown, the kind's labels and pickers, and what an edit or a button does. */
export type RowParts<F extends string> = {
  fields: F[];
  /** A field with a picker is edited with it (a pasted value outside its values stays shown, marked). */
  kind: Pick<PipelineKind<F>, "labels" | "pickers">;
  onEdit: (line: number, field: F, value: string) => void;
  onSkip: (line: number, skipped: boolean) => void;
  onDelete: (line: number) => void;
};

type RowProps<F extends string> = RowParts<F> & {
  row: ReviewRow<F>;
  /** The row's position among those shown. */
  index: number;
  /** Where the virtualiser places the row, in px from the top of the rows. */
  top: number;
  measure: (el: Element | null) => void;
  onFocusIn: () => void;
  onFocusOut: () => void;
};

export function ReviewGridRow<F extends string>({
  row: r,
  index,
  top,
  measure,
  fields,
  kind,
  onEdit,
  onSkip,
  onDelete,
  onFocusIn,
  onFocusOut,
}: RowProps<F>) {
  const problems = r.skipped ? [] : Object.values<string | undefined>(r.errors).filter((p): p is string => !!p);
  const label = `Sheet line ${r.line}`;
  const tone = r.skipped ? "bg-slate-50" : problems.length ? "bg-red-50" : "bg-white";
  const problemsId = `review-problems-${r.line}`;
  return (
    <div
      ref={measure}
      data-index={index}
      role="row"
      aria-rowindex={index + 2}
      data-line={r.line}
      data-testid={`paste-row-${r.line}`}
      data-invalid={problems.length > 0 ? "true" : undefined}
      onFocus={onFocusIn}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onFocusOut();
      }}
      className={cn(
        "absolute left-0 grid w-full items-center border-b border-slate-100",
        GRID_COLUMNS,
        r.skipped ? "bg-slate-50 text-slate-500" : problems.length ? "bg-red-50" : "bg-white",
      )}
      style={{ top, minHeight: ROW_HEIGHT }}
    >
      {/* Sticky: however far right a fix scrolls the grid, the sheet line stays in view. */}
      <div
        className={cn(
          "sticky left-0 z-[1] flex items-center self-stretch px-3 text-xs tabular-nums text-slate-600",
          tone,
        )}
        role="rowheader"
      >
        {r.line}
      </div>
      <ProblemsCell id={problemsId} problems={problems} skipped={r.skipped} tone={tone} />
      {fields.map((f) => (
        <FieldCell
          key={f}
          row={r}
          field={f}
          label={`${label} ${kind.labels[f]}`}
          choices={kind.pickers?.[f]}
          error={problems.length ? r.errors[f] : undefined}
          problemsId={problemsId}
          onEdit={onEdit}
        />
      ))}
      <RowActions line={r.line} label={label} skipped={r.skipped} onSkip={onSkip} onDelete={onDelete} />
    </div>
  );
}

/** The row's problems, whole: "Skipped: not sent" instead when the row is skipped. */
function ProblemsCell({
  id,
  problems,
  skipped,
  tone,
}: {
  id: string;
  problems: string[];
  skipped: boolean;
  tone: string;
}) {
  return (
    <div
      id={id}
      role="gridcell"
      className={cn(
        "whitespace-normal break-words text-xs text-red-700",
        "max-md:sticky max-md:left-0 max-md:row-start-2 max-md:w-[var(--review-w)] max-md:[grid-column:1/-1]",
        "md:sticky md:left-[5.5rem] md:z-[1] md:flex md:items-center md:self-stretch md:px-3 md:py-1.5",
        (problems.length > 0 || skipped) && "max-md:px-3 max-md:pb-2",
        tone,
      )}
    >
      {skipped ? (
        <span className="text-slate-600">Skipped: not sent</span>
      ) : problems.length ? (
        <ul className="space-y-0.5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One field of the row, edited in place: with the kind's picker when it has one for the field. */
function FieldCell<F extends string>({
  row: r,
  field: f,
  label,
  choices,
  error,
  problemsId,
  onEdit,
}: {
  row: ReviewRow<F>;
  field: F;
  /** The cell's accessible name: the sheet line and the field's label. */
  label: string;
  choices?: readonly string[];
  error?: string;
  problemsId: string;
  onEdit: (line: number, field: F, value: string) => void;
}) {
  return (
    <div className="px-1 py-1.5" role="gridcell">
      {choices ? (
        <ChoicePicker
          choices={choices}
          label={label}
          value={r.values[f] ?? ""}
          error={error}
          describedBy={error ? problemsId : undefined}
          disabled={r.skipped}
          cell={`${r.line}:${f}`}
          onChange={(v) => onEdit(r.line, f, v)}
        />
      ) : (
        <input
          aria-label={label}
          placeholder={r.placeholders?.[f]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? problemsId : undefined}
          title={error}
          data-cell={`${r.line}:${f}`}
          value={r.values[f] ?? ""}
          disabled={r.skipped}
          onChange={(e) => onEdit(r.line, f, e.target.value)}
          className={cn("w-full", cellControl({ error: !!error, framed: false }))}
        />
      )}
    </div>
  );
}

/** Skip the row (or send it after all) and delete it from the paste. */
function RowActions({
  line,
  label,
  skipped,
  onSkip,
  onDelete,
}: {
  line: number;
  label: string;
  skipped: boolean;
  onSkip: (line: number, skipped: boolean) => void;
  onDelete: (line: number) => void;
}) {
  return (
    <div className="flex items-center gap-1 px-1" role="gridcell">
      <button
        type="button"
        aria-pressed={skipped}
        aria-label={skipped ? `Send ${label} after all` : `Skip ${label}`}
        title={skipped ? "Send this row after all" : "Skip this row (it stays here, but is not sent)"}
        onClick={() => onSkip(line, !skipped)}
        className={cn(
          "rounded p-1.5 text-slate-600 hover:bg-slate-200 focus:outline-none focus-visible:ring-2",
          "focus-visible:ring-indigo-600",
        )}
      >
        {skipped ? (
          <RotateCcw className="h-4 w-4" aria-hidden="true" />
        ) : (
          <SkipForward className="h-4 w-4" aria-hidden="true" />
        )}
      </button>
      <button
        type="button"
        aria-label={`Delete ${label}`}
        title="Delete this row from the paste"
        onClick={() => onDelete(line)}
        className={cn(
          "rounded p-1.5 text-slate-600 hover:bg-red-100 hover:text-red-700 focus:outline-none",
          "focus-visible:ring-2 focus-visible:ring-indigo-600",
        )}
      >
        <Trash2 className="h-4 w-4" aria-hidden="true" />
      </button>
    </div>
  );
}
