"use client";
// The review's rows as the user changes them (components/import/use-review-rows.ts): load, edit a
// cell, skip a line and take it back, delete a line with one-step undo. Each change says what it did.
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
    say(`Sheet line ${line} deleted from the paste.`);
  }

  function undoDelete() {
    if (!deleted) return;
    setRows((prev) => [...prev.slice(0, deleted.index), deleted.row, ...prev.slice(deleted.index)]);
    say(`Sheet line ${deleted.row.line} restored.`);
    setDeleted(null);
  }

  return { rows, skipped, deletedLine: deleted ? deleted.row.line : null, load, edit, skip, remove, undoDelete };
}
