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

/** The server's answer to a lookup: what it found for each key it found something for, or why it could not say. */
export type LookupAnswer<V> = { ok: true; found: ReadonlyMap<string, V> } | { ok: false; message: string };

/**
 * A check only the server can make over the rows (e.g. which pasted IDs the dealer's other sites hold),
 * asked for the rows' keys as they change (components/import/use-key-lookup.ts); the send waits for it.
 */
export type ServerLookup<F extends string, V> = {
  /** The keys to ask about for these rows, e.g. their external IDs. */
  keys(rows: Row<F>[]): string[];
  /** Asks the server about `keys`; may reject when no answer came. */
  ask(keys: string[]): Promise<LookupAnswer<V>>;
  words: {
    checking: string;
    failed(message: string): string;
    done(keys: number, found: number): string;
  };
};

/** `V`: what the kind's lookup finds for a key (none without a lookup). */
export type PipelineKind<F extends string, V = unknown> = {
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
  /** The kind's checks over the rows that will be sent (skipped ones left out), with the lookup's findings. */
  check(rows: Row<F>[], found: ReadonlyMap<string, V>): CheckedRow<F>[];
  /** What the server is asked about the rows before they can be sent, if anything. */
  lookup?: ServerLookup<F, V>;
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
