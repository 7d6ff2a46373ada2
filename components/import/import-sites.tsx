"use client";
// Sheet → match columns → fix rows in place → import as a durable job: the device paste's
// pipeline (lib/bulk/columns.ts, lib/bulk/parse.ts, the review grid) with the sites kind
// (lib/import). Everything up to the submit runs in the browser; the action checks again.
import { useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { AlertTriangle, CheckCircle2, ChevronsDown, SkipForward, Upload } from "lucide-react";
import { Alert, Button, Card, Input, Select, Textarea, cn } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { PasteReview, type ReviewApi, type ReviewRow } from "@/components/devices/paste-review";
import { applyColumns, duplicateColumns, guessColumns, isHeaderRow, type Columns, type Row } from "@/lib/bulk/columns";
import { parsePaste, type ParsedPaste } from "@/lib/bulk/parse";
import { siteContext, type ImportContextData } from "@/lib/import/context";
import { expandPattern, patternProblem } from "@/lib/import/id-pattern";
import { decodeSheet } from "@/lib/import/read-file";
import { SITE_COLUMNS, SITE_FIELD_LABELS, SITE_FIELDS, type SiteField } from "@/lib/import/site-fields";
import { countInvalidSites, validateSiteRows } from "@/lib/import/validate";
import { saveIdPattern, startSiteImport } from "@/actions/site-import";

type Step = "paste" | "map" | "review";
const EXAMPLE =
  "Site ID,Name,Time zone,Monitoring station,Account,Contact 1 name,Contact 1 phone\n,Harbor Cafe,New York,Central Station,1001,Ann Lee,212 555 0143";
const isHeader = (row: string[] | undefined) => isHeaderRow(SITE_COLUMNS, row);

export function ImportSites({ context }: { context: ImportContextData }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>("paste");
  const [text, setText] = useState("");
  const [fileProblem, setFileProblem] = useState("");
  const [parsed, setParsed] = useState<ParsedPaste | null>(null);
  const [hasHeader, setHasHeader] = useState(false);
  const [mapping, setMapping] = useState<Columns<SiteField>>([]);
  const [rows, setRows] = useState<Row<SiteField>[]>([]);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [notice, setNotice] = useState("");
  const [pattern, setPattern] = useState(context.pattern);
  const review = useRef<ReviewApi>(null);
  const runner = useActionRunner(startSiteImport);
  const patternRunner = useActionRunner(saveIdPattern);

  const ctx = useMemo(() => siteContext(context), [context]);
  const active = useMemo(() => rows.filter((r) => !skipped.has(r.line)), [rows, skipped]);
  const validated = useMemo(() => validateSiteRows(active, ctx), [active, ctx]);
  const invalid = useMemo(() => countInvalidSites(validated), [validated]);
  const reviewRows = useMemo<ReviewRow<SiteField>[]>(() => {
    const byLine = new Map(validated.map((v) => [v.line, v]));
    return rows.map((r) => {
      const v = byLine.get(r.line);
      const generated = v?.generatedId ? { external_site_id: `${v.generatedId} (generated)` } : undefined;
      return {
        line: r.line,
        values: r.values,
        errors: v?.errors ?? {},
        skipped: skipped.has(r.line),
        placeholders: generated,
      };
    });
  }, [rows, validated, skipped]);
  const shownFields = useMemo(() => {
    const mapped = SITE_FIELDS.filter((f) => mapping.includes(f));
    // The ID column is always shown: it previews the generated IDs when the sheet has none.
    return mapped.includes("external_site_id") ? mapped : (["external_site_id", ...mapped] as SiteField[]);
  }, [mapping]);

  function read(input: string) {
    const p = parsePaste(input, { isHeader });
    setParsed(p);
    setHasHeader(p.headerDetected);
    setMapping(guessColumns(SITE_COLUMNS, p.rows, p.headerDetected));
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
    setSkipped(new Set());
    setStep("review");
  }

  function edit(line: number, field: SiteField, value: string) {
    setRows((prev) => prev.map((r) => (r.line === line ? { ...r, values: { ...r.values, [field]: value } } : r)));
  }

  function skip(line: number, on: boolean) {
    setSkipped((prev) => {
      const next = new Set(prev);
      if (on) next.add(line);
      else next.delete(line);
      return next;
    });
    setNotice(on ? `Sheet line ${line} skipped: it will not be imported.` : `Sheet line ${line} will be imported.`);
  }

  function remove(line: number) {
    setRows((prev) => prev.filter((r) => r.line !== line));
    setNotice(`Sheet line ${line} deleted from the import.`);
  }

  function nextError() {
    if (!review.current?.nextError()) setNotice("No row has errors.");
  }

  function onReviewKey(e: KeyboardEvent) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
      e.preventDefault();
      nextError();
    }
  }

  async function savePattern() {
    const res = await patternRunner.run({ pattern }, "ID pattern saved");
    if (res.ok) router.refresh();
  }

  async function submit() {
    const res = await runner.run({ rows: active, skipInvalid, pattern: context.pattern }, "Import started");
    if (res.ok && res.data) router.push(`/sites/import/jobs/${res.data.jobId}`);
  }

  const dup = duplicateColumns(mapping);
  const dataRows = parsed ? parsed.rows.length - (hasHeader ? 1 : 0) : 0;
  const sending = active.length - invalid;
  const blocked = sending === 0 || (invalid > 0 && !skipInvalid);
  const problem = pattern === context.pattern ? null : patternProblem(pattern);
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
            {i + 1}. {s === "paste" ? "Sheet" : s === "map" ? "Match columns" : "Review and import"}
          </li>
        ))}
      </ol>

      {step === "paste" ? (
        <Card
          title="Paste or upload your sites"
          description="One row per site, with up to three contacts in columns beside it (Contact 1 name, Contact 1 phone, Contact 1 email, Contact 2 …). Tab- or comma-separated, with a header row."
        >
          <Textarea
            label="Site sheet"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={EXAMPLE}
            className="font-mono text-xs"
          />
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <label className="inline-flex min-h-9 cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-within:ring-2 focus-within:ring-indigo-600">
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
          <div className="mt-5 grid gap-3 rounded-md bg-slate-50 p-4 sm:grid-cols-[1fr_auto] sm:items-end">
            <Input
              label="Pattern for rows without an external ID"
              value={pattern}
              onChange={(e) => setPattern(e.target.value)}
              error={problem}
              hint={`{seq:5} counts on from this dealer's highest (next: ${problem ? "—" : expandPattern(pattern, { seq: context.seqStart, account: "1001", name: "Harbor Cafe" })}); {account} is the row's account number, {name} its name.`}
            />
            <Button
              variant="secondary"
              onClick={savePattern}
              disabled={pattern === context.pattern || problem !== null}
              pending={patternRunner.pending}
            >
              Save pattern
            </Button>
          </div>
          <div className="mt-4 flex justify-end">
            <Button onClick={() => read(text)} disabled={text.trim() === "" || pattern !== context.pattern}>
              Next: match columns
            </Button>
          </div>
        </Card>
      ) : null}

      {step === "map" && parsed ? (
        <Card
          title="Match columns"
          description={`${dataRows} row${dataRows === 1 ? "" : "s"}, ${parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`}-separated.`}
        >
          {dataRows === 0 ? (
            <Alert tone="warning" className="mb-4" title="No rows to import">
              The sheet has only a header row. Add one row per site below it.
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
              onChange={(e) => (
                setHasHeader(e.target.checked),
                setMapping(guessColumns(SITE_COLUMNS, parsed.rows, e.target.checked))
              )}
            />{" "}
            First row is a header
          </label>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {mapping.map((f, col) => {
              const samples = parsed.rows.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + 3).map((r) => r[col] ?? "");
              return (
                <div key={col} className="rounded-md border border-slate-200 p-3">
                  <Select
                    label={hasHeader ? `Column "${parsed.rows[0]?.[col] ?? ""}"` : `Column ${col + 1}`}
                    value={f ?? ""}
                    onChange={(e) =>
                      setMapping((m) =>
                        m.map((x, i) => (i === col ? (SITE_FIELDS.find((s) => s === e.target.value) ?? null) : x)),
                      )
                    }
                    options={[
                      { value: "", label: "— ignore —" },
                      ...SITE_FIELDS.map((d) => ({ value: d, label: SITE_FIELD_LABELS[d] })),
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
          <div className="mt-4 flex justify-between">
            <Button variant="secondary" onClick={() => setStep("paste")}>
              Back
            </Button>
            <Button onClick={applyMap} disabled={dup.length > 0 || dataRows === 0}>
              Next: review rows
            </Button>
          </div>
        </Card>
      ) : null}

      {step === "review" ? (
        <Card
          title="Review and import"
          description="Fix any row marked in red, right here. Nothing is sent until you import; rows are numbered by their sheet line (header included), as on the job page."
          flush
        >
          <div
            className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-5 py-3 text-sm"
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
              <span className="flex items-center gap-1.5 text-slate-600">
                <SkipForward className="h-4 w-4" aria-hidden="true" />
                {skipped.size} skipped
              </span>
            ) : null}
            <label className="flex items-center gap-2">
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
            <span role="status" className="text-slate-600" data-testid="review-notice">
              {notice}
            </span>
          </div>
          <div onKeyDown={onReviewKey}>
            <PasteReview
              api={review}
              rows={reviewRows}
              fields={shownFields}
              labels={SITE_FIELD_LABELS}
              label="Sites to import"
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
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />{" "}
                  Skip the {invalid} invalid row{invalid === 1 ? "" : "s"}
                </label>
              ) : null}
            </div>
            <Button onClick={submit} disabled={blocked} pending={runner.pending}>
              Import {sending} site{sending === 1 ? "" : "s"}
            </Button>
          </div>
          {runner.failure ? (
            <div className="px-5 pb-4">
              <Alert tone="danger">{runner.failure.message}</Alert>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
