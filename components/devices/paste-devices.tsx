"use client";
// Paste → map columns → fix rows in place → submit as a bulk job. Everything up to the submit
// runs in the browser (lib/bulk is client-safe); the action validates again on the server.
import { useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { Alert, Button, Card, Select, Textarea, cn } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DEVICE_FIELDS, FIELD_LABELS, REQUIRED_ON_CREATE, type DeviceField } from "@/lib/bulk/fields";
import { parsePaste, type ParsedPaste } from "@/lib/bulk/parse";
import { applyMapping, duplicateFields, guessMapping, type ColumnMapping, type RawRow } from "@/lib/bulk/mapping";
import { countInvalid, validateRows, type BulkMode } from "@/lib/bulk/validate";
import { createDevicesJob, updateDevicesJob } from "@/app/(console)/sites/[siteId]/devices/actions";

type Step = "paste" | "map" | "review";
const ROW_HEIGHT = 44;
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
  const existing = useMemo(() => new Set(existingExternalIds), [existingExternalIds]);
  const createRunner = useActionRunner(createDevicesJob);
  const updateRunner = useActionRunner(updateDevicesJob);
  const runner = mode === "create" ? createRunner : updateRunner;

  const validated = useMemo(() => validateRows(rows, { mode, existingExternalIds: existing }), [rows, mode, existing]);
  const invalid = useMemo(() => countInvalid(validated), [validated]);
  const shown = useMemo(() => (onlyErrors ? validated.map((r, i) => ({ r, i })).filter(({ r }) => !r.device) : validated.map((r, i) => ({ r, i }))), [validated, onlyErrors]);
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
    setRows(applyMapping(parsed.rows, mapping, hasHeader));
    setStep("review");
  }

  function edit(index: number, field: DeviceField, value: string) {
    setRows((prev) => {
      const next = prev.slice();
      next[index] = { ...next[index], values: { ...next[index].values, [field]: value } };
      return next;
    });
  }

  async function submit() {
    const res = await runner.run({ siteId, rows, skipInvalid }, mode === "create" ? "Provisioning started" : "Update started");
    if (res.ok && res.data) router.push(`/sites/${siteId}/devices/jobs/${res.data.jobId}`);
  }

  const dup = duplicateFields(mapping);
  const missingRequired = (mode === "create" ? REQUIRED_ON_CREATE : (["external_device_id"] as DeviceField[])).filter((f) => !mapping.includes(f));
  const blocked = rows.length === 0 || (invalid > 0 && !skipInvalid) || invalid === rows.length;

  return (
    <div className="space-y-6">
      <ol className="flex gap-2 text-sm" aria-label="Steps">
        {(["paste", "map", "review"] as Step[]).map((s, i) => (
          <li key={s} aria-current={step === s ? "step" : undefined} className={cn("rounded-full px-3 py-1", step === s ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-600")}>
            {i + 1}. {s === "paste" ? "Paste" : s === "map" ? "Match columns" : "Review and send"}
          </li>
        ))}
      </ol>

      {step === "paste" ? (
        <Card title="Paste your device list" description="Copy rows from Excel, Google Sheets or an NVR export (tab- or comma-separated), with or without a header row.">
          <fieldset className="mb-4 flex gap-4 text-sm">
            <legend className="sr-only">What the rows do</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "create"} onChange={() => setMode("create")} /> Add new devices
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "update"} onChange={() => setMode("update")} /> Update existing devices (matched by external ID)
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
        <Card title="Match columns" description={`${parsed.rows.length - (hasHeader ? 1 : 0)} rows, ${parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`}-separated.`}>
          {parsed.warnings.length ? (
            <Alert tone="warning" title="Some lines look odd" className="mb-4">
              {parsed.warnings.slice(0, 5).join(" · ")}
            </Alert>
          ) : null}
          <label className="mb-4 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={hasHeader} onChange={(e) => toggleHeader(e.target.checked)} /> First row is a header
          </label>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {mapping.map((f, col) => {
              const samples = parsed.rows.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + 3).map((r) => r[col] ?? "");
              return (
                <div key={col} className="rounded-md border border-slate-200 p-3">
                  <Select
                    label={hasHeader ? `Column "${parsed.rows[0]?.[col] ?? ""}"` : `Column ${col + 1}`}
                    value={f ?? ""}
                    onChange={(e) => setMapping((m) => m.map((x, i) => (i === col ? ((e.target.value || null) as DeviceField | null) : x)))}
                    options={[{ value: "", label: "— ignore —" }, ...DEVICE_FIELDS.map((d) => ({ value: d, label: FIELD_LABELS[d] }))]}
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
              No column is matched to {missingRequired.map((f) => FIELD_LABELS[f]).join(", ")}; every row will need it filled in.
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
          description={mode === "create" ? "Fix any row marked in red, right here in the grid." : "Each row updates the device with that external ID; empty cells keep their value."}
          flush
        >
          <div className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-5 py-3 text-sm">
            <span className="flex items-center gap-1.5" data-testid="valid-count">
              <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" />
              {rows.length - invalid} valid
            </span>
            <span className={cn("flex items-center gap-1.5", invalid ? "text-red-700" : "text-slate-500")} data-testid="invalid-count">
              <AlertTriangle className="h-4 w-4" aria-hidden="true" />
              {invalid} with errors
            </span>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} /> Show only rows with errors
            </label>
          </div>
          <ReviewGrid shown={shown} fields={mappedFields.length ? mappedFields : [...DEVICE_FIELDS]} onEdit={edit} />
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
            <div className="flex items-center gap-4">
              <Button variant="secondary" onClick={() => setStep("map")}>
                Back
              </Button>
              {invalid > 0 ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Skip the {invalid} invalid row{invalid === 1 ? "" : "s"}
                </label>
              ) : null}
            </div>
            <div className="flex items-center gap-3">
              {runner.failure ? <span className="text-sm text-red-700" role="alert">{runner.failure.message}</span> : null}
              <Button onClick={submit} disabled={blocked} pending={runner.pending} pendingText="Starting…">
                {mode === "create" ? "Provision" : "Update"} {rows.length - invalid} device{rows.length - invalid === 1 ? "" : "s"}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}

type Shown = { r: ReturnType<typeof validateRows>[number]; i: number };

/** Editable rows, virtualised: only what is on screen is in the DOM, so 5,000 rows stay smooth. */
function ReviewGrid({ shown, fields, onEdit }: { shown: Shown[]; fields: DeviceField[]; onEdit: (i: number, f: DeviceField, v: string) => void }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  // Problems sit right after the row number so they stay in view however wide the paste is.
  const template = `4rem minmax(20rem, 2fr) repeat(${fields.length}, minmax(9rem, 1fr))`;
  return (
    <div ref={parent} className="max-h-[60vh] overflow-auto" role="grid" aria-rowcount={shown.length + 1} aria-label="Pasted devices">
      <div className="sticky top-0 z-10 grid min-w-max border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600" style={{ gridTemplateColumns: template }} role="row">
        <div className="px-3 py-2" role="columnheader">Row</div>
        <div className="px-3 py-2" role="columnheader">Problems</div>
        {fields.map((f) => (
          <div key={f} className="px-2 py-2" role="columnheader">
            {FIELD_LABELS[f]}
          </div>
        ))}
      </div>
      <div className="relative min-w-max" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const { r, i } = shown[v.index];
          const problems = Object.values(r.errors);
          return (
            <div
              key={r.line}
              role="row"
              aria-rowindex={v.index + 2}
              data-testid={`paste-row-${r.line}`}
              data-invalid={problems.length > 0 ? "true" : undefined}
              className={cn("absolute left-0 grid w-full items-center border-b border-slate-100", problems.length ? "bg-red-50/60" : "bg-white")}
              style={{ top: v.start, height: ROW_HEIGHT, gridTemplateColumns: template }}
            >
              <div className="px-3 text-xs tabular-nums text-slate-500" role="rowheader">
                {r.line}
              </div>
              <div className="truncate px-3 text-xs text-red-700" role="gridcell" title={problems.join("; ")}>
                {problems.join("; ")}
              </div>
              {fields.map((f) => (
                <div key={f} className="px-1" role="gridcell">
                  <input
                    aria-label={`Row ${r.line} ${FIELD_LABELS[f]}`}
                    aria-invalid={r.errors[f] ? true : undefined}
                    title={r.errors[f] ?? undefined}
                    value={r.values[f] ?? ""}
                    onChange={(e) => onEdit(i, f, e.target.value)}
                    className={cn(
                      "h-8 w-full rounded border-0 bg-transparent px-2 text-sm ring-1 ring-inset focus:outline-none focus:ring-2 focus:ring-indigo-600",
                      r.errors[f] ? "ring-red-400 bg-white" : "ring-transparent hover:ring-slate-300",
                    )}
                  />
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
