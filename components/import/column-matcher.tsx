"use client";
// Step 2 of the paste pipeline: which pasted column fills which field. The guess comes from the
// kind's ColumnSpec (lib/bulk/columns.ts); the user can change any column or ignore it. A field
// filled by two columns blocks the next step; a header-only sheet says so and cannot go on.
import { Alert, Button, Card, Select } from "@/components/ui";
import { duplicateColumns, guessColumns, type ColumnSpec, type Columns } from "@/lib/bulk/columns";
import type { ParsedPaste } from "@/lib/bulk/parse";
import { plural } from "@/lib/plural";

type Props<F extends string> = {
  spec: ColumnSpec<F>;
  labels: Record<F, string>;
  parsed: ParsedPaste;
  hasHeader: boolean;
  mapping: Columns<F>;
  /** Fields every row needs: a warning when no column fills one (each row will need it typed in). */
  required?: readonly F[];
  noun: { one: string; many: string };
  onHeader: (hasHeader: boolean, mapping: Columns<F>) => void;
  onMapping: (mapping: Columns<F>) => void;
  onBack: () => void;
  onNext: () => void;
};

export function ColumnMatcher<F extends string>({
  spec,
  labels,
  parsed,
  hasHeader,
  mapping,
  required = [],
  noun,
  onHeader,
  onMapping,
  onBack,
  onNext,
}: Props<F>) {
  const dup = duplicateColumns(mapping);
  const dataRows = parsed.rows.length - (hasHeader ? 1 : 0);
  const missing = required.filter((f) => !mapping.includes(f));
  const first = hasHeader ? 1 : 0;
  const separator = parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`;
  return (
    <Card title="Match columns" description={`${dataRows} ${plural(dataRows, "row")}, ${separator}-separated.`}>
      {dataRows === 0 ? (
        <Alert tone="warning" className="mb-4" title="No rows to import">
          The sheet has only a header row. Add one row per {noun.one} below it.
        </Alert>
      ) : null}
      {parsed.warnings.length ? (
        <Alert tone="warning" title="Some lines look odd" className="mb-4">
          {parsed.warnings.slice(0, 5).join(" · ")}
        </Alert>
      ) : null}
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={hasHeader}
          onChange={(e) => onHeader(e.target.checked, guessColumns(spec, parsed.rows, e.target.checked))}
        />{" "}
        First row is a header
      </label>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {mapping.map((f, col) => {
          const samples = parsed.rows.slice(first, first + 3).map((r) => r[col] ?? "");
          return (
            <div key={col} className="rounded-md border border-slate-200 p-3">
              <Select
                label={hasHeader ? `Column "${parsed.rows[0]?.[col] ?? ""}"` : `Column ${col + 1}`}
                value={f ?? ""}
                onChange={(e) =>
                  onMapping(
                    mapping.map((x, i) => (i === col ? (spec.fields.find((s) => s === e.target.value) ?? null) : x)),
                  )
                }
                options={[
                  { value: "", label: "— ignore —" },
                  ...spec.fields.map((d) => ({ value: d, label: labels[d] })),
                ]}
                error={f && dup.includes(f) ? "Another column fills this field too" : null}
              />
              <p className="mt-2 truncate text-xs text-slate-600" title={samples.join(" · ")}>
                e.g. {samples.filter(Boolean).join(" · ") || "(empty)"}
              </p>
            </div>
          );
        })}
      </div>
      {missing.length ? (
        <Alert tone="warning" className="mt-4">
          No column is matched to {missing.map((f) => labels[f]).join(", ")}; every row will need it filled in.
        </Alert>
      ) : null}
      <div className="mt-4 flex justify-between">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button onClick={onNext} disabled={dup.length > 0 || dataRows === 0}>
          Next: review rows
        </Button>
      </div>
    </Card>
  );
}
