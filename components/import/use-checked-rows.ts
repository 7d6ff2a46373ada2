"use client";
// The review's checks (components/import/use-review-rows.ts): the kind's checks over the rows not
// skipped, with what its server lookup found for them (use-key-lookup.ts), and every row as the grid
// shows it.
import { useMemo } from "react";
import type { Row } from "@/lib/bulk/columns";
import type { PipelineKind } from "./pipeline-types";
import type { ReviewRow } from "./review-grid";
import { useKeyLookup } from "./use-key-lookup";

export function useCheckedRows<F extends string>(kind: PipelineKind<F>, rows: Row<F>[], skipped: ReadonlySet<number>) {
  // Skipped rows are left out of the checks too: a duplicate of a skipped row is no duplicate.
  const active = useMemo(() => rows.filter((r) => !skipped.has(r.line)), [rows, skipped]);
  const { found, ...lookup } = useKeyLookup(kind.lookup, active);
  const checked = useMemo(() => kind.check(active, found), [kind, active, found]);
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
  return { active, invalid, reviewRows, lookup };
}
