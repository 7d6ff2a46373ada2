"use client";
// One pasted column in the column matcher (column-matcher.tsx): the field it fills (or ignored) and
// the first few values it holds.
import { Select } from "@/components/ui";
import type { Columns } from "@/lib/bulk/columns";
import type { ParsedPaste } from "@/lib/bulk/parse";
import type { PipelineKind } from "./pipeline-types";

/** What the match step reads and changes of the pipeline's state (use-paste-pipeline.ts). */
export type ColumnMatch<F extends string> = {
  hasHeader: boolean;
  mapping: Columns<F>;
  /** The header box changed: the columns are guessed again. */
  changeHeader(hasHeader: boolean): void;
  setMapping(mapping: Columns<F>): void;
};

type Props<F extends string> = {
  col: number;
  kind: Pick<PipelineKind<F>, "spec" | "labels">;
  parsed: ParsedPaste;
  match: ColumnMatch<F>;
  /** Fields more than one column fills. */
  dup: F[];
};

export function ColumnChoice<F extends string>({ col, kind: { spec, labels }, parsed, match, dup }: Props<F>) {
  const { hasHeader, mapping } = match;
  const f = mapping[col];
  const first = hasHeader ? 1 : 0;
  const samples = parsed.rows.slice(first, first + 3).map((r) => r[col] ?? "");
  return (
    // min-w-0: a grid item is as wide as its longest unbreakable line, and the samples line does not wrap.
    <div className="min-w-0 rounded-md border border-slate-200 p-3">
      <Select
        label={hasHeader ? `Column "${parsed.rows[0]?.[col] ?? ""}"` : `Column ${col + 1}`}
        value={f ?? ""}
        onChange={(e) =>
          match.setMapping(
            mapping.map((x, i) => (i === col ? (spec.fields.find((s) => s === e.target.value) ?? null) : x)),
          )
        }
        options={[{ value: "", label: "— ignore —" }, ...spec.fields.map((d) => ({ value: d, label: labels[d] }))]}
        error={f && dup.includes(f) ? "Another column fills this field too" : null}
      />
      {/* Wrapped, not cut: a tooltip with the rest reached neither touch nor keyboard users. */}
      <p className="mt-2 text-xs text-slate-600 [overflow-wrap:anywhere]">
        e.g. {samples.filter(Boolean).join(" · ") || "(empty)"}
      </p>
    </div>
  );
}
