"use client";
// The one paste pipeline: paste or upload a sheet → match columns → review and fix every row in
// place → send as a durable job, then the job page. Devices (components/devices/paste-devices.tsx)
// and sites (import-sites.tsx) are configurations of it: a ColumnSpec, labels, a validator and a
// send. Everything up to the send runs in the browser; the kind's action checks again.
import { useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from "react";
import { AlertTriangle, CheckCircle2, ChevronsDown, SkipForward, Upload } from "lucide-react";
import { Alert, Button, Card, Textarea, cn } from "@/components/ui";
import { applyColumns, guessColumns, isHeaderRow, type ColumnSpec, type Columns, type Row } from "@/lib/bulk/columns";
import { parsePaste, type ParsedPaste } from "@/lib/bulk/parse";
import { decodeSheet } from "@/lib/import/read-file";
import { withToggled } from "@/lib/list-state/selection";
import { ColumnMatcher } from "./column-matcher";
import { ReviewGrid, type ReviewApi, type ReviewRow } from "./review-grid";
import { plural } from "@/lib/plural";

type Step = "paste" | "map" | "review";

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

type Props<F extends string> = {
  kind: PipelineKind<F>;
  text: PipelineText;
  /** Above the sheet box (e.g. add or update). */
  before?: ReactNode;
  /** Below it (e.g. the ID pattern). */
  after?: ReactNode;
  /** The sheet cannot be read yet (e.g. an unsaved ID pattern would change its IDs). */
  readBlocked?: boolean;
  /** Sends the rows; the kind shows its own toast and goes to its job page. */
  send(rows: Row<F>[], skipInvalid: boolean): Promise<void>;
  pending: boolean;
  failure: string | null;
};

const EMPTY: ReadonlySet<number> = new Set();

export function PastePipeline<F extends string>({
  kind,
  text: words,
  before,
  after,
  readBlocked = false,
  send,
  pending,
  failure,
}: Props<F>) {
  const [step, setStep] = useState<Step>("paste");
  const [text, setText] = useState("");
  const [fileProblem, setFileProblem] = useState("");
  const [parsed, setParsed] = useState<ParsedPaste | null>(null);
  const [hasHeader, setHasHeader] = useState(false);
  const [mapping, setMapping] = useState<Columns<F>>([]);
  const [rows, setRows] = useState<Row<F>[]>([]);
  // Sheet lines the user chose not to send; they stay in the review, greyed, and can be taken back.
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(EMPTY);
  const [deleted, setDeleted] = useState<{ row: Row<F>; index: number } | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const onSkipInvalid = (e: ChangeEvent<HTMLInputElement>) => setSkipInvalid(e.target.checked);
  const [notice, setNotice] = useState("");
  const review = useRef<ReviewApi>(null);

  // Skipped rows are left out of the checks too: a duplicate of a skipped row is no duplicate.
  const active = useMemo(() => rows.filter((r) => !skipped.has(r.line)), [rows, skipped]);
  const checked = useMemo(() => kind.check(active), [kind, active]);
  const invalid = useMemo(() => checked.filter((c) => Object.keys(c.errors).length > 0).length, [checked]);
  const reviewRows = useMemo<ReviewRow<F>[]>(() => {
    const byLine = new Map(checked.map((c) => [c.line, c]));
    return rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: byLine.get(r.line)?.errors ?? {},
      skipped: skipped.has(r.line),
      placeholders: byLine.get(r.line)?.placeholders,
    }));
  }, [rows, checked, skipped]);
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

  function applyMap() {
    if (!parsed) return;
    setRows(applyColumns(parsed.rows, mapping, hasHeader, parsed.lines));
    setSkipped(EMPTY);
    setDeleted(null);
    setStep("review");
  }

  function edit(line: number, field: F, value: string) {
    setRows((prev) => prev.map((r) => (r.line === line ? { ...r, values: { ...r.values, [field]: value } } : r)));
  }

  function skip(line: number, on: boolean) {
    setSkipped((prev) => withToggled(prev, line, on));
    setNotice(
      on
        ? `Sheet line ${line} skipped: it will not be ${kind.sentVerb}.`
        : `Sheet line ${line} will be ${kind.sentVerb}.`,
    );
  }

  function remove(line: number) {
    const index = rows.findIndex((r) => r.line === line);
    if (index < 0) return;
    setDeleted({ row: rows[index], index });
    setRows((prev) => prev.filter((r) => r.line !== line));
    setNotice(`Sheet line ${line} deleted from the paste.`);
  }

  function undoDelete() {
    if (!deleted) return;
    setRows((prev) => [...prev.slice(0, deleted.index), deleted.row, ...prev.slice(deleted.index)]);
    setNotice(`Sheet line ${deleted.row.line} restored.`);
    setDeleted(null);
  }

  function nextError() {
    if (!review.current?.nextError()) setNotice("No row has errors.");
  }

  // Alt+N anywhere in the review jumps to the next row with errors (e.code: Option+N types "˜" on a Mac).
  function onReviewKey(e: KeyboardEvent) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
      e.preventDefault();
      nextError();
    }
  }

  const sending = active.length - invalid;
  const blocked = sending === 0 || (invalid > 0 && !skipInvalid);
  const steps: Step[] = ["paste", "map", "review"];

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s}
            aria-current={step === s ? "step" : undefined}
            className={cn(
              "rounded-full px-3 py-1",
              step === s ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-600",
            )}
          >
            {i + 1}. {words.steps[i]}
          </li>
        ))}
      </ol>

      {step === "paste" ? (
        <Card title={words.pasteTitle} description={words.pasteDescription}>
          {before}
          <Textarea
            label={words.pasteLabel}
            rows={words.pasteRows}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={words.placeholder}
            className="font-mono text-xs"
            hint={words.pasteHint}
          />
          <div className="mt-3 flex flex-wrap items-center gap-3">
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
                onChange={upload}
              />
            </label>
            <span className="text-xs text-slate-600">Save from Excel as &quot;CSV UTF-8&quot;.</span>
          </div>
          {fileProblem ? (
            <Alert tone="danger" className="mt-3" title="That file was not read">
              {fileProblem}
            </Alert>
          ) : null}
          {after}
          <div className="mt-4 flex justify-end">
            <Button onClick={() => read(text)} disabled={text.trim() === "" || readBlocked}>
              Next: match columns
            </Button>
          </div>
        </Card>
      ) : null}

      {step === "map" && parsed ? (
        <ColumnMatcher
          spec={kind.spec}
          labels={kind.labels}
          parsed={parsed}
          hasHeader={hasHeader}
          mapping={mapping}
          required={kind.required}
          noun={kind.noun}
          onHeader={(h, m) => (setHasHeader(h), setMapping(m))}
          onMapping={setMapping}
          onBack={() => setStep("paste")}
          onNext={applyMap}
        />
      ) : null}

      {step === "review" ? (
        <Card title={words.reviewTitle} description={words.reviewDescription} flush>
          <div
            className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-5 py-3 text-sm"
            onKeyDown={onReviewKey}
          >
            <span className="flex items-center gap-1.5" data-testid="valid-count">
              <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" />
              {sending} valid
            </span>
            <span
              className={cn("flex items-center gap-1.5", invalid ? "text-red-700" : "text-slate-600")}
              data-testid="invalid-count"
            >
              <AlertTriangle className="h-4 w-4" aria-hidden="true" />
              {invalid} with errors
            </span>
            {skipped.size ? (
              <span className="flex items-center gap-1.5 text-slate-600" data-testid="skipped-count">
                <SkipForward className="h-4 w-4" aria-hidden="true" />
                {skipped.size} skipped
              </span>
            ) : null}
            <label className="flex min-h-6 items-center gap-2">
              <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} /> Show only
              rows with errors
            </label>
            <Button
              variant="secondary"
              size="sm"
              icon={<ChevronsDown className="h-4 w-4" />}
              onClick={nextError}
              aria-keyshortcuts="Alt+N"
              title="Next row with errors (Alt+N)"
            >
              Next error
            </Button>
            {deleted ? (
              <Button variant="ghost" size="sm" onClick={undoDelete}>
                Undo delete of sheet line {deleted.row.line}
              </Button>
            ) : null}
            <span role="status" className="text-slate-600" data-testid="review-notice">
              {notice}
            </span>
          </div>
          <div onKeyDown={onReviewKey}>
            <ReviewGrid
              api={review}
              rows={reviewRows}
              fields={shownFields}
              labels={kind.labels}
              pickers={kind.pickers}
              label={words.gridLabel}
              onlyErrors={onlyErrors}
              onEdit={edit}
              onSkip={skip}
              onDelete={remove}
            />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
            <div className="flex flex-wrap items-center gap-4">
              <Button variant="secondary" onClick={() => setStep("map")}>
                Back
              </Button>
              {invalid > 0 ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={skipInvalid} onChange={onSkipInvalid} />
                  {`Skip the ${invalid} invalid ${plural(invalid, "row")}`}
                </label>
              ) : null}
            </div>
            <Button
              onClick={() => send(active, skipInvalid)}
              disabled={blocked}
              pending={pending}
              pendingText={words.sendingLabel}
            >
              {words.sendLabel(sending)}
            </Button>
          </div>
          {failure ? (
            <div className="px-5 pb-4">
              <Alert tone="danger">{failure}</Alert>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
