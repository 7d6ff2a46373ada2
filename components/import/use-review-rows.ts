"use client";
// The review step's rows as the user fixes them (components/import/review-step.tsx): edits, skips,
// a delete with one-step undo, the kind's checks over what will be sent, and the line that says
// what just happened.
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Row } from "@/lib/bulk/columns";
import { withToggled } from "@/lib/list-state/selection";
import type { PipelineKind } from "./pipeline-types";
import type { ReviewApi, ReviewRow } from "./review-grid";

const EMPTY: ReadonlySet<number> = new Set();

/** The kind's checks over the rows not skipped, and every row as the grid shows it. */
function useCheckedRows<F extends string>(kind: PipelineKind<F>, rows: Row<F>[], skipped: ReadonlySet<number>) {
  // Skipped rows are left out of the checks too: a duplicate of a skipped row is no duplicate.
  const active = useMemo(() => rows.filter((r) => !skipped.has(r.line)), [rows, skipped]);
  const checked = useMemo(() => kind.check(active), [kind, active]);
  const invalid = useMemo(() => checked.filter((c) => Object.keys(c.errors).length > 0).length, [checked]);
  const reviewRows = useMemo<ReviewRow<F>[]>(() => {
    const byLine = new Map(checked.map((c) => [c.line, c]));
    return rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: byLine.get(r.line)?.errors ?? {},
      skipped: skipped.has(r.line),
      placeholders: byLine.get(r.line)?.placeholders,
    }));
  }, [rows, checked, skipped]);
  return { active, invalid, reviewRows };
}

export function useReviewRows<F extends string>(kind: PipelineKind<F>) {
  const [rows, setRows] = useState<Row<F>[]>([]);
  // Sheet lines the user chose not to send; they stay in the review, greyed, and can be taken back.
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(EMPTY);
  const [deleted, setDeleted] = useState<{ row: Row<F>; index: number } | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [notice, setNotice] = useState("");
  const grid = useRef<ReviewApi>(null);
  const { active, invalid, reviewRows } = useCheckedRows(kind, rows, skipped);

  function load(next: Row<F>[]) {
    setRows(next);
    setSkipped(EMPTY);
    setDeleted(null);
  }

  function edit(line: number, field: F, value: string) {
    setRows((prev) => prev.map((r) => (r.line === line ? { ...r, values: { ...r.values, [field]: value } } : r)));
  }

  function skip(line: number, on: boolean) {
    setSkipped((prev) => withToggled(prev, line, on));
    setNotice(
      on
        ? `Sheet line ${line} skipped: it will not be ${kind.sentVerb}.`
        : `Sheet line ${line} will be ${kind.sentVerb}.`,
    );
  }

  function remove(line: number) {
    const index = rows.findIndex((r) => r.line === line);
    if (index < 0) return;
    setDeleted({ row: rows[index], index });
    setRows((prev) => prev.filter((r) => r.line !== line));
    setNotice(`Sheet line ${line} deleted from the paste.`);
  }

  function undoDelete() {
    if (!deleted) return;
    setRows((prev) => [...prev.slice(0, deleted.index), deleted.row, ...prev.slice(deleted.index)]);
    setNotice(`Sheet line ${deleted.row.line} restored.`);
    setDeleted(null);
  }

  function nextError() {
    if (!grid.current?.nextError()) setNotice("No row has errors.");
  }

  // Alt+N anywhere in the review jumps to the next row with errors (e.code: Option+N types "˜" on a Mac).
  function onKey(e: KeyboardEvent) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
      e.preventDefault();
      nextError();
    }
  }

  const sending = active.length - invalid;
  return {
    grid,
    reviewRows,
    active,
    invalid,
    sending,
    skippedCount: skipped.size,
    /** The sheet line the undo button brings back, if a row was just deleted. */
    deletedLine: deleted ? deleted.row.line : null,
    blocked: sending === 0 || (invalid > 0 && !skipInvalid),
    onlyErrors,
    setOnlyErrors,
    skipInvalid,
    setSkipInvalid,
    notice,
    load,
    edit,
    skip,
    remove,
    undoDelete,
    nextError,
    onKey,
  };
}

export type ReviewRowsState<F extends string> = ReturnType<typeof useReviewRows<F>>;
