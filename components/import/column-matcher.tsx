"use client";
// Step 2 of the paste pipeline: which pasted column fills which field. The guess comes from the
// kind's ColumnSpec (lib/bulk/columns.ts); the user can change any column or ignore it. A field
// filled by two columns blocks the next step; a header-only sheet says so and cannot go on. Each
// column's choice is column-choice.tsx, the warnings about the sheet sheet-warnings.tsx.
import type { Ref } from "react";
import { Alert, Button, Card } from "@/components/ui";
import { duplicateColumns } from "@/lib/bulk/columns";
import type { ParsedPaste } from "@/lib/bulk/parse";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";
import { ColumnChoice, type ColumnMatch } from "./column-choice";
import type { PipelineKind } from "./pipeline-types";
import { SheetWarnings } from "./sheet-warnings";

type Props<F extends string> = {
  headingRef?: Ref<HTMLHeadingElement>;
  kind: PipelineKind<F>;
  parsed: ParsedPaste;
  match: ColumnMatch<F>;
  onBack: () => void;
  onNext: () => void;
};

export function ColumnMatcher<F extends string>({ headingRef, kind, parsed, match, onBack, onNext }: Props<F>) {
  const { hasHeader, mapping } = match;
  const dup = duplicateColumns(mapping);
  const dataRows = parsed.rows.length - (hasHeader ? 1 : 0);
  const missing = (kind.required ?? []).filter((f) => !mapping.includes(f));
  const separator = parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`;
  return (
    <Card
      headingRef={headingRef}
      title="Match columns"
      description={`${countText(dataRows)} ${plural(dataRows, "row")}, ${separator}-separated.`}
    >
      <SheetWarnings dataRows={dataRows} warnings={parsed.warnings} noun={kind.noun} />
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={hasHeader} onChange={(e) => match.changeHeader(e.target.checked)} />
        First row is a header
      </label>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {mapping.map((_, col) => (
          <ColumnChoice key={col} col={col} kind={kind} parsed={parsed} match={match} dup={dup} />
        ))}
      </div>
      {missing.length ? (
        <Alert tone="warning" className="mt-4">
          No column is matched to {missing.map((f) => kind.labels[f]).join(", ")}; every row will need it filled in.
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
