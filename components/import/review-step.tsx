"use client";
// Step 3 of the paste pipeline (paste-pipeline.tsx): every row in the editable grid, with the counts
// and tools above it and the send below.
import { useRef, useState, type Ref } from "react";
import { AlertTriangle, CheckCircle2, ChevronsDown, RotateCw, SkipForward } from "lucide-react";
import { Alert, Button, Card, cn, Spinner } from "@/components/ui";
import type { Row } from "@/lib/bulk/columns";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";
import type { PipelineKind, PipelineText } from "./pipeline-types";
import { ReviewGrid } from "./review-grid";
import type { KeyLookupState } from "./use-key-lookup";
import type { ReviewRowsState } from "./use-review-rows";

/** The kind's send as the pipeline (paste-pipeline.tsx) hands it down to the review. */
export type ReviewSend<F extends string> = {
  /** Sends the rows; the kind shows its own toast and goes to its job page. */
  send(rows: Row<F>[], skipInvalid: boolean): Promise<void>;
  pending: boolean;
  failure: string | null;
};

export function ReviewStep<F extends string>({
  headingRef,
  kind,
  words,
  review,
  fields,
  onBack,
  send,
  pending,
  failure,
}: {
  headingRef?: Ref<HTMLHeadingElement>;
  kind: PipelineKind<F>;
  words: PipelineText;
  review: ReviewRowsState<F>;
  fields: F[];
  onBack: () => void;
} & ReviewSend<F>) {
  // The kind's failure speaks of a send from this review as shown: Back unmounts the step, so the review
  // shown again (as left, or built again from another sheet or match) starts without the old failure.
  const [sent, setSent] = useState(false);
  function sendHere(rows: Row<F>[], skipInvalid: boolean) {
    setSent(true);
    return send(rows, skipInvalid);
  }
  return (
    <Card headingRef={headingRef} title={words.reviewTitle} description={words.reviewDescription} flush>
      <ReviewToolbar review={review} />
      <LookupLine lookup={review.lookup} />
      <div onKeyDown={review.onKey}>
        <ReviewGrid review={review} fields={fields} kind={kind} label={words.gridLabel} />
      </div>
      <SendBar review={review} words={words} onBack={onBack} send={sendHere} pending={pending} />
      {sent && failure ? (
        <div className="px-5 pb-4">
          <Alert tone="danger">{failure}</Alert>
        </div>
      ) : null}
    </Card>
  );
}

/** Above the grid: how many rows are valid, invalid and skipped, the filters and jumps, and what just happened. */
function ReviewToolbar<F extends string>({ review }: { review: ReviewRowsState<F> }) {
  const { onlyErrors, setOnlyErrors } = review;
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-5 py-3 text-sm"
      onKeyDown={review.onKey}
    >
      <span className="flex items-center gap-1.5" data-testid="valid-count">
        <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" />
        {countText(review.sending)} valid
      </span>
      <span
        className={cn("flex items-center gap-1.5", review.invalid ? "text-red-700" : "text-slate-600")}
        data-testid="invalid-count"
      >
        <AlertTriangle className="h-4 w-4" aria-hidden="true" />
        {countText(review.invalid)} with errors
      </span>
      {review.skippedCount ? (
        <span className="flex items-center gap-1.5 text-slate-600" data-testid="skipped-count">
          <SkipForward className="h-4 w-4" aria-hidden="true" />
          {countText(review.skippedCount)} skipped
        </span>
      ) : null}
      <label className="flex min-h-6 items-center gap-2">
        <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} /> Show only rows
        with errors
      </label>
      <Button
        variant="secondary"
        size="sm"
        icon={<ChevronsDown className="h-4 w-4" />}
        onClick={review.nextError}
        aria-keyshortcuts="Alt+N"
        title="Next row with errors (Alt+N)"
      >
        Next error
      </Button>
      {review.deletedLine !== null ? (
        <Button variant="ghost" size="sm" onClick={review.undoDelete}>
          Undo delete of sheet line {review.deletedLine}
        </Button>
      ) : null}
      <span role="status" className="text-slate-600" data-testid="review-notice">
        {review.notice}
      </span>
    </div>
  );
}

/**
 * The kind's server lookup, between the counts and the grid: checking, failed (with Retry: the send
 * waits, as a key not asked is not known to be free) or done. Its words are in a live region, so a
 * screen reader hears each change; Retry moves the focus there, as the button goes with the failure.
 */
function LookupLine({ lookup }: { lookup: KeyLookupState }) {
  const line = useRef<HTMLParagraphElement>(null);
  const { status, words } = lookup;
  if (!words) return null;
  const text =
    status.state === "checking"
      ? words.checking
      : status.state === "failed"
        ? words.failed(status.message)
        : status.state === "done"
          ? words.done(status.keys, status.found)
          : "";
  return (
    // Kept mounted (empty when there is nothing to ask), so the live region is there before it speaks.
    <div
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-2 text-sm",
        status.state !== "idle" && "border-b border-slate-200 px-5 py-2",
      )}
    >
      {status.state === "checking" ? <Spinner className="text-slate-500" /> : null}
      {status.state === "failed" ? <AlertTriangle className="h-4 w-4 text-red-700" aria-hidden="true" /> : null}
      <p
        ref={line}
        role="status"
        tabIndex={-1}
        className={status.state === "failed" ? "text-red-700" : "text-slate-600"}
        data-testid="lookup-status"
      >
        {text}
      </p>
      {status.state === "failed" ? (
        <Button
          variant="secondary"
          size="sm"
          icon={<RotateCw className="h-4 w-4" />}
          onClick={() => {
            line.current?.focus();
            lookup.retry();
          }}
        >
          Retry the check
        </Button>
      ) : null}
    </div>
  );
}

/** Below the grid: back to the match, skip the invalid rows, and send. */
function SendBar<F extends string>({
  review,
  words,
  onBack,
  send,
  pending,
}: {
  review: ReviewRowsState<F>;
  words: PipelineText;
  onBack: () => void;
} & Pick<ReviewSend<F>, "send" | "pending">) {
  const { invalid } = review;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
      <div className="flex flex-wrap items-center gap-4">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        {invalid > 0 ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={review.skipInvalid}
              onChange={(e) => review.setSkipInvalid(e.target.checked)}
            />
            {`Skip the ${countText(invalid)} invalid ${plural(invalid, "row")}`}
          </label>
        ) : null}
      </div>
      <Button
        onClick={() => send(review.active, review.skipInvalid)}
        disabled={review.blocked}
        pending={pending}
        pendingText={words.sendingLabel}
      >
        {words.sendLabel(review.sending)}
      </Button>
    </div>
  );
}
