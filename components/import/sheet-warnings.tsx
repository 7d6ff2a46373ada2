"use client";
// What the column matcher (column-matcher.tsx) warns about the pasted sheet itself: no rows below
// the header, and lines the parser found odd (the first five).
import { Alert } from "@/components/ui";

type Props = { dataRows: number; warnings: string[]; noun: { one: string } };

export function SheetWarnings({ dataRows, warnings, noun }: Props) {
  return (
    <>
      {dataRows === 0 ? (
        <Alert tone="warning" className="mb-4" title="No rows to import">
          The sheet has only a header row. Add one row per {noun.one} below it.
        </Alert>
      ) : null}
      {warnings.length ? (
        <Alert tone="warning" title="Some lines look odd" className="mb-4">
          {warnings.slice(0, 5).join(" · ")}
        </Alert>
      ) : null}
    </>
  );
}
