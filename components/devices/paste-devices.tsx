"use client";
// Paste → map columns → fix rows in place → submit as a bulk job. Everything up to the submit
// runs in the browser (lib/bulk is client-safe); the action validates again on the server.
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { AlertTriangle, CheckCircle2, ChevronsDown, SkipForward } from "lucide-react";
import { Alert, Button, Card, Select, Textarea, cn } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DEVICE_FIELDS, DEVICE_TYPES, FIELD_LABELS, REQUIRED_ON_CREATE, type DeviceField } from "@/lib/bulk/fields";
import { parsePaste, type ParsedPaste } from "@/lib/bulk/parse";
import { applyMapping, duplicateFields, guessMapping, type ColumnMapping, type RawRow } from "@/lib/bulk/mapping";
import { countInvalid, validateRows, type BulkMode } from "@/lib/bulk/validate";
import { createDevicesJob, updateDevicesJob } from "@/actions/devices";
import { PasteReview, type ReviewApi, type ReviewRow } from "./paste-review";

type Step = "paste" | "map" | "review";
const EXAMPLE = "External ID\tType\tName\tZone\tMAC\nfront-door\tcamera\tFront door\t1\tAA:BB:CC:00:00:01";

export function PasteDevices({ siteId, existingExternalIds }: { siteId: number; existingExternalIds: string[] }) {
  const router = useRouter();
  const [mode, setMode] = useState<BulkMode>("create");
  const [step, setStep] = useState<Step>("paste");
  const [text, setText] = useState("");
  const [parsed, setParsed] = useState<ParsedPaste | null>(null);
  const [hasHeader, setHasHeader] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [rows, setRows] = useState<RawRow[]>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);
  // Sheet lines the user chose not to send; they stay in the review, greyed, and can be taken back.
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [deleted, setDeleted] = useState<{ row: RawRow; index: number } | null>(null);
  const [notice, setNotice] = useState("");
  const review = useRef<ReviewApi>(null);
  const existing = useMemo(() => new Set(existingExternalIds), [existingExternalIds]);
  const createRunner = useActionRunner(createDevicesJob);
  const updateRunner = useActionRunner(updateDevicesJob);
  const runner = mode === "create" ? createRunner : updateRunner;

  // Skipped rows are left out of validation too: a duplicate of a skipped row is no duplicate.
  const active = useMemo(() => rows.filter((r) => !skipped.has(r.line)), [rows, skipped]);
  const validated = useMemo(
    () => validateRows(active, { mode, existingExternalIds: existing }),
    [active, mode, existing],
  );
  const invalid = useMemo(() => countInvalid(validated), [validated]);
  const reviewRows = useMemo<ReviewRow<DeviceField>[]>(() => {
    const errorsByLine = new Map(validated.map((v) => [v.line, v.errors]));
    return rows.map((r) => ({
      line: r.line,
      values: r.values,
      errors: errorsByLine.get(r.line) ?? {},
      skipped: skipped.has(r.line),
    }));
  }, [rows, validated, skipped]);
  const mappedFields = useMemo(() => DEVICE_FIELDS.filter((f) => mapping.includes(f)), [mapping]);

  function readPaste() {
    const p = parsePaste(text);
    setParsed(p);
    setHasHeader(p.headerDetected);
    setMapping(guessMapping(p.rows, p.headerDetected));
    setStep("map");
  }

  function toggleHeader(v: boolean) {
    setHasHeader(v);
    if (parsed) setMapping(guessMapping(parsed.rows, v));
  }

  function applyMap() {
    if (!parsed) return;
    setRows(applyMapping(parsed.rows, mapping, hasHeader, parsed.lines));
    setSkipped(new Set());
    setDeleted(null);
    setStep("review");
  }

  function edit(line: number, field: DeviceField, value: string) {
    setRows((prev) => prev.map((r) => (r.line === line ? { ...r, values: { ...r.values, [field]: value } } : r)));
  }

  function skip(line: number, on: boolean) {
    setSkipped((prev) => {
      const next = new Set(prev);
      if (on) next.add(line);
      else next.delete(line);
      return next;
    });
    setNotice(on ? `Sheet line ${line} skipped: it will not be sent.` : `Sheet line ${line} will be sent.`);
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

  async function submit() {
    const res = await runner.run(
      { siteId, rows: active, skipInvalid },
      mode === "create" ? "Provisioning started" : "Update started",
    );
    if (res.ok && res.data) router.push(`/sites/${siteId}/devices/jobs/${res.data.jobId}`);
  }

  const dup = duplicateFields(mapping);
  const missingRequired = (mode === "create" ? REQUIRED_ON_CREATE : (["external_device_id"] as DeviceField[])).filter(
    (f) => !mapping.includes(f),
  );
  const sending = active.length - invalid;
  const blocked = sending === 0 || (invalid > 0 && !skipInvalid);

  return (
    <div className="space-y-6">
      <ol className="flex gap-2 text-sm" aria-label="Steps">
        {(["paste", "map", "review"] as Step[]).map((s, i) => (
          <li
            key={s}
            aria-current={step === s ? "step" : undefined}
            className={cn(
              "rounded-full px-3 py-1",
              step === s ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-600",
            )}
          >
            {i + 1}. {s === "paste" ? "Paste" : s === "map" ? "Match columns" : "Review and send"}
          </li>
        ))}
      </ol>

      {step === "paste" ? (
        <Card
          title="Paste your device list"
          description="Copy rows from Excel, Google Sheets or an NVR export (tab- or comma-separated), with or without a header row."
        >
          <fieldset className="mb-4 flex gap-4 text-sm">
            <legend className="sr-only">What the rows do</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "create"} onChange={() => setMode("create")} /> Add new
              devices
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "update"} onChange={() => setMode("update")} /> Update
              existing devices (matched by external ID)
            </label>
          </fieldset>
          <Textarea
            label="Device list"
            rows={12}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={EXAMPLE}
            className="font-mono text-xs"
            hint="Required per device: external ID, type (camera or bridge) and name. MACs may be written AA:BB:…, aa-bb-… or aabb…"
          />
          <div className="mt-4 flex justify-end">
            <Button onClick={readPaste} disabled={text.trim() === ""}>
              Next: match columns
            </Button>
          </div>
        </Card>
      ) : null}

      {step === "map" && parsed ? (
        <Card
          title="Match columns"
          description={`${parsed.rows.length - (hasHeader ? 1 : 0)} rows, ${parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`}-separated.`}
        >
          {parsed.warnings.length ? (
            <Alert tone="warning" title="Some lines look odd" className="mb-4">
              {parsed.warnings.slice(0, 5).join(" · ")}
            </Alert>
          ) : null}
          <label className="mb-4 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={hasHeader} onChange={(e) => toggleHeader(e.target.checked)} /> First row is
            a header
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
                        m.map((x, i) => (i === col ? ((e.target.value || null) as DeviceField | null) : x)),
                      )
                    }
                    options={[
                      { value: "", label: "— ignore —" },
                      ...DEVICE_FIELDS.map((d) => ({ value: d, label: FIELD_LABELS[d] })),
                    ]}
                    error={f && dup.includes(f) ? "Another column fills this field too" : null}
                  />
                  <p className="mt-2 truncate text-xs text-slate-500" title={samples.join(" · ")}>
                    e.g. {samples.filter(Boolean).join(" · ") || "(empty)"}
                  </p>
                </div>
              );
            })}
          </div>
          {missingRequired.length ? (
            <Alert tone="warning" className="mt-4">
              No column is matched to {missingRequired.map((f) => FIELD_LABELS[f]).join(", ")}; every row will need it
              filled in.
            </Alert>
          ) : null}
          <div className="mt-4 flex justify-between">
            <Button variant="secondary" onClick={() => setStep("paste")}>
              Back
            </Button>
            <Button onClick={applyMap} disabled={dup.length > 0}>
              Next: review rows
            </Button>
          </div>
        </Card>
      ) : null}

      {step === "review" ? (
        <Card
          title="Review and send"
          description={
            (mode === "create"
              ? "Fix any row marked in red, right here in the grid. "
              : "Each row updates the device with that external ID; empty cells keep their value. ") +
            "Rows are numbered by their sheet line (the line in your spreadsheet, header included), as on the job page."
          }
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
              className={cn("flex items-center gap-1.5", invalid ? "text-red-700" : "text-slate-500")}
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
            <PasteReview
              api={review}
              rows={reviewRows}
              fields={mappedFields.length ? mappedFields : [...DEVICE_FIELDS]}
              labels={FIELD_LABELS}
              pickers={{ device_type: DEVICE_TYPES }}
              label="Pasted devices"
              onlyErrors={onlyErrors}
              onEdit={edit}
              onSkip={skip}
              onDelete={remove}
            />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
            <div className="flex items-center gap-4">
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
            <div className="flex items-center gap-3">
              {runner.failure ? (
                <span className="text-sm text-red-700" role="alert">
                  {runner.failure.message}
                </span>
              ) : null}
              <Button onClick={submit} disabled={blocked} pending={runner.pending} pendingText="Starting…">
                {mode === "create" ? "Provision" : "Update"} {sending} device{sending === 1 ? "" : "s"}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
