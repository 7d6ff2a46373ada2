"use client";
// The review's rows as the user changes them (components/import/use-review-rows.ts): load, edit a
// cell, skip a line and take it back, delete a line with one-step undo. Each change says what it did.
// The changes are kept by sheet line as well, so the same sheet matched again (Back, then Next) keeps them.
import { useState } from "react";
import type { Row } from "@/lib/bulk/columns";
import { withToggled } from "@/lib/list-state/selection";
import type { PipelineKind } from "./pipeline-types";

const EMPTY: ReadonlySet<number> = new Set();

export function useSheetRows<F extends string>(kind: PipelineKind<F>, say: (notice: string) => void) {
  const [rows, setRows] = useState<Row<F>[]>([]);
  // Sheet lines the user chose not to send; they stay in the review, greyed, and can be taken back.
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(EMPTY);
  const [deleted, setDeleted] = useState<{ row: Row<F>; index: number } | null>(null);
  // What the user typed, by sheet line, and the lines they deleted: what a new match must not lose.
  const [edits, setEdits] = useState<ReadonlyMap<number, Partial<Record<F, string>>>>(new Map());
  const [removed, setRemoved] = useState<ReadonlySet<number>>(EMPTY);

  /** A new sheet: nothing the user did to another one applies, nor what was said of it. */
  function load(next: Row<F>[]) {
    say("");
    setRows(next);
    setSkipped(EMPTY);
    setDeleted(null);
    setEdits(new Map());
    setRemoved(EMPTY);
  }

  /**
   * The same sheet with its columns matched again: the user's edits to `fields` (those the review
   * still shows), skips and deletes are laid over the new rows, by sheet line. What was said of the review
   * matched before goes with it.
   */
  function reload(next: Row<F>[], fields: readonly F[]) {
    say("");
    const withEdits = (r: Row<F>): Row<F> => {
      const typed = edits.get(r.line);
      if (!typed) return r;
      const values = { ...r.values };
      for (const f of fields) if (typed[f] !== undefined) values[f] = typed[f];
      return { ...r, values };
    };
    const lines = new Set(next.map((r) => r.line));
    setRows(next.filter((r) => !removed.has(r.line)).map(withEdits));
    setSkipped((prev) => new Set([...prev].filter((line) => lines.has(line))));
    const undoable = deleted ? next.find((r) => r.line === deleted.row.line) : undefined;
    setDeleted(deleted && undoable ? { row: withEdits(undoable), index: deleted.index } : null);
  }

  function edit(line: number, field: F, value: string) {
    setRows((prev) => prev.map((r) => (r.line === line ? { ...r, values: { ...r.values, [field]: value } } : r)));
    setEdits((prev) => new Map(prev).set(line, { ...prev.get(line), [field]: value }));
  }

  function skip(line: number, on: boolean) {
    setSkipped((prev) => withToggled(prev, line, on));
    say(
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
    setRemoved((prev) => withToggled(prev, line, true));
    say(`Sheet line ${line} deleted from the paste.`);
  }

  function undoDelete() {
    if (!deleted) return;
    setRows((prev) => [...prev.slice(0, deleted.index), deleted.row, ...prev.slice(deleted.index)]);
    setRemoved((prev) => withToggled(prev, deleted.row.line, false));
    say(`Sheet line ${deleted.row.line} restored.`);
    setDeleted(null);
  }

  return {
    rows,
    skipped,
    deletedLine: deleted ? deleted.row.line : null,
    load,
    reload,
    edit,
    skip,
    remove,
    undoDelete,
  };
}
