"use client";
// The review step's rows as the user fixes them (components/import/review-step.tsx): the rows and
// their changes (use-sheet-rows.ts), the kind's checks over what will be sent (use-checked-rows.ts),
// the jump to the next error (use-next-error.ts), the view's two switches, and the line that says
// what just happened. The send waits while the kind's server lookup has not answered (use-key-lookup.ts).
import { useState } from "react";
import type { PipelineKind } from "./pipeline-types";
import { useCheckedRows } from "./use-checked-rows";
import { useNextError } from "./use-next-error";
import { useSheetRows } from "./use-sheet-rows";

export function useReviewRows<F extends string>(kind: PipelineKind<F>) {
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [notice, setNotice] = useState("");
  const sheet = useSheetRows(kind, setNotice);
  const { grid, nextError, onKey } = useNextError(setNotice);
  const { active, invalid, reviewRows, lookup } = useCheckedRows(kind, sheet.rows, sheet.skipped);

  const sending = active.length - invalid;
  return {
    grid,
    reviewRows,
    active,
    invalid,
    sending,
    skippedCount: sheet.skipped.size,
    /** The sheet line the undo button brings back, if a row was just deleted. */
    deletedLine: sheet.deletedLine,
    blocked: sending === 0 || (invalid > 0 && !skipInvalid) || lookup.holding,
    lookup,
    onlyErrors,
    setOnlyErrors,
    skipInvalid,
    setSkipInvalid,
    notice,
    load: sheet.load,
    reload: sheet.reload,
    edit: sheet.edit,
    skip: sheet.skip,
    remove: sheet.remove,
    undoDelete: sheet.undoDelete,
    nextError,
    onKey,
  };
}

export type ReviewRowsState<F extends string> = ReturnType<typeof useReviewRows<F>>;
