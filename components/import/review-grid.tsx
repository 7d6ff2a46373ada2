"use client";
// The review step of the paste pipeline (paste-pipeline.tsx): every row editable in place,
// virtualised so 5,000 rows stay smooth. Rows are keyed and labelled by their sheet line (header
// included), the number the job page shows too. With "only rows with errors" on, the row holding
// focus stays listed until focus leaves it, so a fix that makes it valid never unmounts the cell
// being typed in. Entity-agnostic: each kind brings its fields, labels and pickers.
// A row's problems are never cut: on a laptop they wrap in a column pinned beside the sheet line
// (so a fix far to the right still has its message in view); below 768 px they are a line under
// the row, as wide as the grid's viewport. Rows are measured, so a long message makes a taller row.
// The parts: a row (review-grid-row.tsx), the rows kept in the filter (use-pinned-rows.ts), the jump
// to the next error (use-error-jump.ts); the row and handle types are in review-types.ts.
import { useEffect, useMemo, useRef, type RefObject } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { cn } from "@/components/ui";
import { columnSizes, longestValues } from "./column-widths";
import { GRID_COLUMNS, ROW_HEIGHT, ReviewGridRow, type RowParts } from "./review-grid-row";
import { hasErrors } from "./review-types";
import { useErrorJump } from "./use-error-jump";
import { usePinnedRows } from "./use-pinned-rows";
import type { ReviewRowsState } from "./use-review-rows";

export type { ReviewApi, ReviewRow } from "./review-types";

type Props<F extends string> = Pick<RowParts<F>, "fields" | "kind"> & {
  /** The rows, the error filter, the next-error handle and the row edits (use-review-rows.ts). */
  review: ReviewRowsState<F>;
  /** The grid's accessible name, e.g. "Pasted devices". */
  label: string;
};

/** The header's and the rows' width: the grid's, or the sum of the tracks' minimums (column-widths.ts) when wider. */
const GRID_WIDTH = "min-w-[var(--min-w)] md:min-w-[var(--min-w-md)]";

export function ReviewGrid<F extends string>({ review, fields, kind, label }: Props<F>) {
  const { reviewRows: rows, onlyErrors } = review;
  const parts: RowParts<F> = { fields, kind, onEdit: review.edit, onSkip: review.skip, onDelete: review.remove };
  const parent = useRef<HTMLDivElement>(null);
  const { pinned, pin, unpin } = usePinnedRows(onlyErrors);
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
  useErrorJump(review.grid, parent, shown, fields, virtualizer);
  useViewportWidth(parent);
  // Over every row, not those shown: the columns keep their width when the error filter changes.
  const sizes = useMemo(() => columnSizes(longestValues(rows, fields)), [rows, fields]);

  return (
    <div
      ref={parent}
      className="max-h-[60vh] overflow-auto"
      role="grid"
      aria-rowcount={shown.length + 1}
      aria-label={label}
      style={sizes}
    >
      <ReviewGridHeader fields={fields} labels={kind.labels} />
      <div className={cn("relative", GRID_WIDTH)} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const r = shown[v.index];
          return (
            <ReviewGridRow
              key={r.line}
              row={r}
              index={v.index}
              top={v.start}
              measure={virtualizer.measureElement}
              {...parts}
              onFocusIn={() => pin(r.line)}
              onFocusOut={() => unpin(r.line)}
            />
          );
        })}
      </div>
    </div>
  );
}

/**
 * The grid's viewport width as --review-w, for the under-the-row problem line on a phone (sticky, so
 * it stays in view however far the row is scrolled sideways).
 */
function useViewportWidth(parent: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const set = () => el.style.setProperty("--review-w", `${el.clientWidth}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => observer.disconnect();
  }, [parent]);
}

/** The sticky header row: sheet line, problems (from 768 px), a column per field, the row actions. */
function ReviewGridHeader<F extends string>({ fields, labels }: { fields: F[]; labels: Record<F, string> }) {
  return (
    <div
      className={cn(
        "sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50 text-xs font-semibold",
        "tracking-wide text-slate-600",
        GRID_COLUMNS,
        GRID_WIDTH,
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
  );
}
