"use client";
// Step 1 of the paste pipeline (paste-pipeline.tsx): the sheet pasted into a box or uploaded as a file.
import type { ChangeEvent, ReactNode, Ref } from "react";
import { Upload } from "lucide-react";
import { Alert, Button, Card, Textarea, cn } from "@/components/ui";
import type { PipelineText } from "./pipeline-types";

/** What the step reads and changes of the pipeline's state (use-paste-pipeline.ts). */
type Sheet = {
  text: string;
  setText(text: string): void;
  fileProblem: string;
  upload(e: ChangeEvent<HTMLInputElement>): void;
  read(text: string): void;
};

/** What a kind puts around the sheet box, and whether the sheet may be read yet. */
export type SheetBox = {
  /** Above the sheet box (e.g. add or update). */
  before?: ReactNode;
  /** Below it (e.g. the ID pattern). */
  after?: ReactNode;
  /** The sheet cannot be read yet (e.g. an unsaved ID pattern would change its IDs). */
  readBlocked?: boolean;
};

export function PasteStep({
  headingRef,
  words,
  before,
  after,
  readBlocked = false,
  sheet,
}: SheetBox & {
  headingRef?: Ref<HTMLHeadingElement>;
  words: PipelineText;
  sheet: Sheet;
}) {
  const { text, fileProblem } = sheet;
  return (
    <Card headingRef={headingRef} title={words.pasteTitle} description={words.pasteDescription}>
      {before}
      <Textarea
        label={words.pasteLabel}
        rows={words.pasteRows}
        value={text}
        onChange={(e) => sheet.setText(e.target.value)}
        placeholder={words.placeholder}
        className="font-mono text-xs"
        hint={words.pasteHint}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <UploadButton onUpload={sheet.upload} />
        <span className="text-xs text-slate-600">Save from Excel as &quot;CSV UTF-8&quot;.</span>
      </div>
      {fileProblem ? (
        <Alert tone="danger" className="mt-3" title="That file was not read">
          {fileProblem}
        </Alert>
      ) : null}
      {after}
      <div className="mt-4 flex justify-end">
        <Button onClick={() => sheet.read(text)} disabled={text.trim() === "" || readBlocked}>
          Next: match columns
        </Button>
      </div>
    </Card>
  );
}

/** A file input dressed as a secondary button; the input itself stays for keyboards and screen readers. */
function UploadButton({ onUpload }: { onUpload: (e: ChangeEvent<HTMLInputElement>) => void }) {
  return (
    <label
      className={cn(
        "inline-flex min-h-9 cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm",
        "font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
        "focus-within:ring-2 focus-within:ring-indigo-600",
      )}
    >
      <Upload className="h-4 w-4" aria-hidden="true" /> Upload a CSV or TSV file
      <input
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
        className="sr-only"
        onChange={onUpload}
      />
    </label>
  );
}
