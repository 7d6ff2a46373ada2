"use client";
// The review step of the paste pipeline (paste-pipeline.tsx): every row editable in place,
// virtualised so 5,000 rows stay smooth. Rows are keyed and labelled by their sheet line (header
// included), the number the job page shows too. With "only rows with errors" on, the row holding
// focus stays listed until focus leaves it, so a fix that makes it valid never unmounts the cell
// being typed in. Entity-agnostic: each kind brings its fields, labels and pickers.
// A row's problems are never cut: on a laptop they wrap in a column pinned beside the sheet line
// (so a fix far to the right still has its message in view); below 768 px they are a line under
// the row, as wide as the grid's viewport. Rows are measured, so a long message makes a taller row.
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { RotateCcw, SkipForward, Trash2 } from "lucide-react";
import { cn } from "@/components/ui";
import { ChoicePicker } from "./choice-picker";

const ROW_HEIGHT = 44;

export type ReviewRow<F extends string = string> = {
  line: number;
  values: Partial<Record<F, string>>;
  errors: Partial<Record<F, string>>;
  skipped: boolean;
  /** Shown in an empty cell: what the job will use there (e.g. a generated external ID). */
  placeholders?: Partial<Record<F, string>>;
};

export type ReviewApi = {
  /** Moves focus to the first bad cell of the next row with errors (after the focused row); false when none. */
  nextError(): boolean;
};

type Props<F extends string> = {
  rows: ReviewRow<F>[];
  fields: F[];
  labels: Record<F, string>;
  /** Fields edited with a picker of these values (a pasted value outside them stays shown, marked). */
  pickers?: Partial<Record<F, readonly string[]>>;
  /** The grid's accessible name, e.g. "Pasted devices". */
  label: string;
  onlyErrors: boolean;
  onEdit: (line: number, field: F, value: string) => void;
  onSkip: (line: number, skipped: boolean) => void;
  onDelete: (line: number) => void;
  api: Ref<ReviewApi>;
};

const hasErrors = <F extends string>(r: ReviewRow<F>) => !r.skipped && Object.keys(r.errors).length > 0;

export function ReviewGrid<F extends string>({
  rows,
  fields,
  labels,
  pickers,
  label: gridLabel,
  onlyErrors,
  onEdit,
  onSkip,
  onDelete,
  api,
}: Props<F>) {
  const parent = useRef<HTMLDivElement>(null);
  // Sheet lines kept in the error filter: the row that holds focus (and, until the click is over,
  // the one focus just left with the pointer).
  const [pinned, setPinned] = useState<readonly number[]>([]);
  const [focusRequest, setFocusRequest] = useState<{ line: number; field: F } | null>(null);
  useEffect(() => setPinned([]), [onlyErrors]);

  // Focus leaves a row on pointer-down, but the click lands on pointer-up: dropping the row in
  // between would move whatever was clicked (the send button, the next row) from under the pointer.
  // So a row left with the pointer down is dropped once the click is over.
  const pointerDown = useRef(false);
  const pendingUnpin = useRef(new Set<number>());
  useEffect(() => {
    const down = () => (pointerDown.current = true);
    const up = () => {
      pointerDown.current = false;
      const lines = [...pendingUnpin.current];
      if (lines.length === 0) return;
      pendingUnpin.current.clear();
      setTimeout(() => setPinned((p) => p.filter((l) => !lines.includes(l))), 0);
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, []);
  const unpin = (line: number) => {
    if (pointerDown.current) pendingUnpin.current.add(line);
    else setPinned((p) => p.filter((l) => l !== line));
  };

  const shown = onlyErrors ? rows.filter((r) => hasErrors(r) || pinned.includes(r.line)) : rows;
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    // Sizes are kept per sheet line, not per position: React keeps a row's element (keyed by line)
    // when the error filter moves it to another position, so it is not measured again there; keyed
    // by position, the first bad row took the height of the valid row that was first before, and
    // the row after it covered its problem line (a phone, where problems are a line under the row).
    getItemKey: (index) => shown[index].line,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const focusedLine = useCallback((): number | null => {
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-line]");
    return row && parent.current?.contains(row) ? Number(row.dataset.line) : null;
  }, []);

  useImperativeHandle(api, () => ({
    nextError() {
      const bad = shown.map((r, index) => ({ r, index })).filter(({ r }) => hasErrors(r));
      if (bad.length === 0) return false;
      const current = focusedLine();
      const at = current === null ? -1 : shown.findIndex((r) => r.line === current);
      const next = bad.find(({ index }) => index > at) ?? bad[0];
      const field = fields.find((f) => next.r.errors[f]) ?? fields[0];
      virtualizer.scrollToIndex(next.index, { align: "center" });
      setFocusRequest({ line: next.r.line, field });
      return true;
    },
  }));

  // The target row may only be rendered after the scroll above: try for a few frames.
  useEffect(() => {
    if (!focusRequest) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      const el = parent.current?.querySelector<HTMLElement>(`[data-cell="${focusRequest.line}:${focusRequest.field}"]`);
      if (el) {
        el.focus();
        setFocusRequest(null);
      } else if (tries++ < 20) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [focusRequest]);

  // The grid's viewport width, for the under-the-row problem line on a phone (sticky, so it stays in
  // view however far the row is scrolled sideways).
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const set = () => el.style.setProperty("--review-w", `${el.clientWidth}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const tracks = `repeat(${fields.length}, minmax(9rem, 1fr)) 6.5rem`;
  // The header and every row get the same width (the grid's, or the sum of the tracks' minimums
  // when wider), so their columns line up and a row is as wide as what it shows: a row only as
  // wide as the viewport would carry its sticky cells off with it when the grid scrolls sideways.
  const columns: Record<string, string> = {
    "--cols": `5.5rem ${tracks}`,
    "--cols-md": `5.5rem minmax(18rem, 2fr) ${tracks}`,
    "--min-w": `${5.5 + fields.length * 9 + 6.5}rem`,
    "--min-w-md": `${5.5 + 18 + fields.length * 9 + 6.5}rem`,
  };
  const gridColumns = "[grid-template-columns:var(--cols)] md:[grid-template-columns:var(--cols-md)]";
  const gridWidth = "min-w-[var(--min-w)] md:min-w-[var(--min-w-md)]";
  return (
    <div
      ref={parent}
      className="max-h-[60vh] overflow-auto"
      role="grid"
      aria-rowcount={shown.length + 1}
      aria-label={gridLabel}
      style={columns}
    >
      <div
        className={cn(
          "sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50 text-xs font-semibold",
          "tracking-wide text-slate-600",
          gridColumns,
          gridWidth,
        )}
        role="row"
        aria-rowindex={1}
      >
        <div
          className="sticky left-0 z-[1] bg-slate-50 px-3 py-2"
          role="columnheader"
          title="The row's line in your sheet, header included"
        >
          Sheet line
        </div>
        {/* Below 768 px the problems are a line under each row, so this header takes no column. */}
        <div className="bg-slate-50 px-3 py-2 max-md:sr-only md:sticky md:left-[5.5rem] md:z-[1]" role="columnheader">
          Problems
        </div>
        {fields.map((f) => (
          <div key={f} className="px-2 py-2" role="columnheader">
            {labels[f]}
          </div>
        ))}
        <div className="px-2 py-2" role="columnheader">
          <span className="sr-only">Row actions</span>
        </div>
      </div>
      <div className={cn("relative", gridWidth)} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const r = shown[v.index];
          const problems = r.skipped ? [] : Object.values<string | undefined>(r.errors).filter((p) => !!p);
          const label = `Sheet line ${r.line}`;
          const tone = r.skipped ? "bg-slate-50" : problems.length ? "bg-red-50" : "bg-white";
          const problemsId = `review-problems-${r.line}`;
          return (
            <div
              key={r.line}
              ref={virtualizer.measureElement}
              data-index={v.index}
              role="row"
              aria-rowindex={v.index + 2}
              data-line={r.line}
              data-testid={`paste-row-${r.line}`}
              data-invalid={problems.length > 0 ? "true" : undefined}
              onFocus={() => {
                pendingUnpin.current.delete(r.line);
                setPinned((p) => (p.includes(r.line) ? p : [...p, r.line]));
              }}
              onBlur={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) unpin(r.line);
              }}
              className={cn(
                "absolute left-0 grid w-full items-center border-b border-slate-100",
                gridColumns,
                r.skipped ? "bg-slate-50 text-slate-500" : problems.length ? "bg-red-50" : "bg-white",
              )}
              style={{ top: v.start, minHeight: ROW_HEIGHT }}
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
              <div
                id={problemsId}
                role="gridcell"
                className={cn(
                  "whitespace-normal break-words text-xs text-red-700",
                  "max-md:sticky max-md:left-0 max-md:row-start-2 max-md:w-[var(--review-w)] max-md:[grid-column:1/-1]",
                  "md:sticky md:left-[5.5rem] md:z-[1] md:flex md:items-center md:self-stretch md:px-3 md:py-1.5",
                  (problems.length > 0 || r.skipped) && "max-md:px-3 max-md:pb-2",
                  tone,
                )}
              >
                {r.skipped ? (
                  <span className="text-slate-600">Skipped: not sent</span>
                ) : problems.length ? (
                  <ul className="space-y-0.5">
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              {fields.map((f) => {
                const error = problems.length ? r.errors[f] : undefined;
                return (
                  <div key={f} className="px-1 py-1.5" role="gridcell">
                    {pickers?.[f] ? (
                      <ChoicePicker
                        choices={pickers[f]}
                        label={`${label} ${labels[f]}`}
                        value={r.values[f] ?? ""}
                        error={error}
                        describedBy={error ? problemsId : undefined}
                        disabled={r.skipped}
                        cell={`${r.line}:${f}`}
                        onChange={(v) => onEdit(r.line, f, v)}
                      />
                    ) : (
                      <input
                        aria-label={`${label} ${labels[f]}`}
                        placeholder={r.placeholders?.[f]}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? problemsId : undefined}
                        title={error}
                        data-cell={`${r.line}:${f}`}
                        value={r.values[f] ?? ""}
                        disabled={r.skipped}
                        onChange={(e) => onEdit(r.line, f, e.target.value)}
                        className={cn(
                          "h-8 w-full rounded border-0 bg-transparent px-2 text-sm ring-1 ring-inset " +
                            "focus:outline-none",
                          "focus:ring-2 focus:ring-indigo-600 disabled:text-slate-500",
                          error ? "bg-white ring-red-400" : "ring-transparent hover:ring-slate-300",
                        )}
                      />
                    )}
                  </div>
                );
              })}
              <div className="flex items-center gap-1 px-1" role="gridcell">
                <button
                  type="button"
                  aria-pressed={r.skipped}
                  aria-label={r.skipped ? `Send ${label} after all` : `Skip ${label}`}
                  title={r.skipped ? "Send this row after all" : "Skip this row (it stays here, but is not sent)"}
                  onClick={() => onSkip(r.line, !r.skipped)}
                  className={cn(
                    "rounded p-1.5 text-slate-600 hover:bg-slate-200 focus:outline-none focus-visible:ring-2",
                    "focus-visible:ring-indigo-600",
                  )}
                >
                  {r.skipped ? (
                    <RotateCcw className="h-4 w-4" aria-hidden="true" />
                  ) : (
                    <SkipForward className="h-4 w-4" aria-hidden="true" />
                  )}
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${label}`}
                  title="Delete this row from the paste"
                  onClick={() => onDelete(r.line)}
                  className={cn(
                    "rounded p-1.5 text-slate-600 hover:bg-red-100 hover:text-red-700 focus:outline-none",
                    "focus-visible:ring-2 focus-visible:ring-indigo-600",
                  )}
                >
                  <Trash2 className="h-4 w-4" aria-hidden="true" />
                </button>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
