// The paste pipeline's review step (components/import/review-step.tsx) rendered to static markup, for
// unit tests of what it says: a device kind with no checks, its words, and the review's state with
// counts only (no rows to render), each part as the test sets it.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReviewStep } from "@/components/import/review-step";
import type { ReviewRowsState } from "@/components/import/use-review-rows";
import type { PipelineKind, PipelineText } from "@/components/import/pipeline-types";
import { DEVICE_COLUMNS } from "@/lib/bulk/mapping";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";

export const noop = () => undefined;

export const deviceKind: PipelineKind<DeviceField> = {
  spec: DEVICE_COLUMNS,
  labels: FIELD_LABELS,
  noun: { one: "device", many: "devices" },
  sentVerb: "sent",
  shownFields: (mapped) => mapped,
  check: () => [],
};

export const reviewWords: PipelineText = {
  steps: ["Paste", "Match", "Review"],
  pasteTitle: "",
  pasteDescription: "",
  pasteLabel: "",
  pasteRows: 3,
  placeholder: "",
  reviewTitle: "Review",
  reviewDescription: "",
  gridLabel: "Rows",
  sendLabel: (n) => `Send ${n}`,
};

/** The review's state with no rows and nothing to ask; `over` sets the counts, switches and lookup. */
export function reviewState(over: Partial<ReviewRowsState<DeviceField>> = {}): ReviewRowsState<DeviceField> {
  return {
    grid: { current: null },
    reviewRows: [],
    active: [],
    invalid: 0,
    sending: 0,
    skippedCount: 0,
    deletedLine: null,
    blocked: false,
    lookup: { status: { state: "idle" }, words: null, holding: false, retry: noop },
    onlyErrors: false,
    setOnlyErrors: noop,
    skipInvalid: false,
    setSkipInvalid: noop,
    notice: "",
    load: noop,
    reload: noop,
    edit: noop,
    skip: noop,
    remove: noop,
    undoDelete: noop,
    nextError: noop,
    onKey: noop,
    ...over,
  };
}

/** The review step's markup for `review`, as first shown; `failure` is the kind's last send failure. */
export function renderReview(review: ReviewRowsState<DeviceField>, failure: string | null = null): string {
  return renderToStaticMarkup(
    createElement(ReviewStep<DeviceField>, {
      kind: deviceKind,
      words: reviewWords,
      review,
      fields: [],
      onBack: noop,
      send: async () => undefined,
      pending: false,
      failure,
    }),
  );
}
