// What a kind of paste (devices, sites) gives the paste pipeline (paste-pipeline.tsx): its fields,
// checks and words.
import type { ColumnSpec, Row } from "@/lib/bulk/columns";

/** What the review knows of a row after the kind's checks. */
export type CheckedRow<F extends string> = {
  line: number;
  errors: Partial<Record<F, string>>;
  /** Shown in an empty cell: what the job will use there (e.g. a generated external ID). */
  placeholders?: Partial<Record<F, string>>;
};

export type PipelineKind<F extends string> = {
  spec: ColumnSpec<F>;
  labels: Record<F, string>;
  /** Fields edited with a picker of these values. */
  pickers?: Partial<Record<F, readonly string[]>>;
  /** Fields the match step warns about when no column fills them. */
  required?: readonly F[];
  /** "device"/"devices": in counts and messages. */
  noun: { one: string; many: string };
  /** What a sent row does: "sent", "imported". */
  sentVerb: string;
  /** The review grid's columns, from the fields the columns were matched to. */
  shownFields(mapped: F[]): F[];
  /** The kind's checks over the rows that will be sent (skipped ones left out). */
  check(rows: Row<F>[]): CheckedRow<F>[];
};

export type PipelineText = {
  steps: [string, string, string];
  pasteTitle: string;
  pasteDescription: string;
  pasteLabel: string;
  pasteRows: number;
  placeholder: string;
  pasteHint?: string;
  reviewTitle: string;
  reviewDescription: string;
  gridLabel: string;
  /** The send button's words for n rows, e.g. "Provision 3 devices". */
  sendLabel(n: number): string;
  sendingLabel?: string;
};
