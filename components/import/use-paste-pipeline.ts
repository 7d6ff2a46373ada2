"use client";
// The paste pipeline's state (paste-pipeline.tsx): which step is shown, the sheet as pasted or
// uploaded, how its columns were matched, and the review's rows (use-review-rows.ts). Back and Next
// lose nothing: the same text read again keeps the columns as matched, and the same sheet matched
// again keeps the review's edits, skips and deletes; only another text starts over.
import { useMemo, useState, type ChangeEvent } from "react";
import { applyColumns, guessColumns, isHeaderRow, type Columns } from "@/lib/bulk/columns";
import { parsePaste, type ParsedPaste } from "@/lib/bulk/parse";
import { decodeSheet } from "@/lib/import/read-file";
import type { PipelineKind } from "./pipeline-types";
import { useReviewRows } from "./use-review-rows";

export type Step = "paste" | "map" | "review";

export function usePastePipeline<F extends string>(kind: PipelineKind<F>) {
  const [step, setStep] = useState<Step>("paste");
  const [text, setText] = useState("");
  const [fileProblem, setFileProblem] = useState("");
  const [parsed, setParsed] = useState<ParsedPaste | null>(null);
  const [hasHeader, setHasHeader] = useState(false);
  const [mapping, setMapping] = useState<Columns<F>>([]);
  // The text the sheet was read from, and the sheet and match the review's rows were made from.
  const [readText, setReadText] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState<{ parsed: ParsedPaste; hasHeader: boolean; mapping: Columns<F> } | null>(
    null,
  );
  const review = useReviewRows(kind);
  const shownFields = useMemo(
    () => kind.shownFields(kind.spec.fields.filter((f) => mapping.includes(f))),
    [kind, mapping],
  );

  function read(input: string) {
    setStep("map");
    if (parsed && input === readText) return;
    const p = parsePaste(input, { isHeader: (row) => isHeaderRow(kind.spec, row) });
    setReadText(input);
    setParsed(p);
    setHasHeader(p.headerDetected);
    setMapping(guessColumns(kind.spec, p.rows, p.headerDetected));
  }

  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const sheet = decodeSheet(file.name, await file.arrayBuffer());
    if (!sheet.ok) {
      setFileProblem(sheet.message);
      return;
    }
    setFileProblem("");
    setText(sheet.text);
    read(sheet.text);
  }

  /** The header box changed: the columns are guessed again from what the first row now is. */
  function changeHeader(header: boolean) {
    if (!parsed) return;
    setHasHeader(header);
    setMapping(guessColumns(kind.spec, parsed.rows, header));
  }

  function applyMap() {
    if (!parsed) return;
    setStep("review");
    const same = reviewed?.parsed === parsed;
    if (same && reviewed.hasHeader === hasHeader && sameColumns(reviewed.mapping, mapping)) return;
    const rows = applyColumns(parsed.rows, mapping, hasHeader, parsed.lines);
    if (same) review.reload(rows, shownFields);
    else review.load(rows);
    setReviewed({ parsed, hasHeader, mapping });
  }

  return {
    step,
    setStep,
    text,
    setText,
    fileProblem,
    read,
    upload,
    parsed,
    hasHeader,
    changeHeader,
    mapping,
    setMapping,
    applyMap,
    shownFields,
    review,
  };
}

function sameColumns<F extends string>(a: Columns<F>, b: Columns<F>): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
