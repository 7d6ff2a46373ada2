"use client";
// The paste pipeline's state (paste-pipeline.tsx): which step is shown, the sheet as pasted or
// uploaded, how its columns were matched, and the review's rows (use-review-rows.ts).
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
  const review = useReviewRows(kind);
  const shownFields = useMemo(
    () => kind.shownFields(kind.spec.fields.filter((f) => mapping.includes(f))),
    [kind, mapping],
  );

  function read(input: string) {
    const p = parsePaste(input, { isHeader: (row) => isHeaderRow(kind.spec, row) });
    setParsed(p);
    setHasHeader(p.headerDetected);
    setMapping(guessColumns(kind.spec, p.rows, p.headerDetected));
    setStep("map");
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
    review.load(applyColumns(parsed.rows, mapping, hasHeader, parsed.lines));
    setStep("review");
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
