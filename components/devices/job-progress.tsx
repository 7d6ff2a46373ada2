"use client";
// Live view of one bulk job: polls the progress route every second while the job runs, so it
// can be closed and reopened at any time. Failed rows can be fixed here and sent again alone.
// One view for every kind of bulk job: device jobs of a site and site imports (docs/import.md).
import { useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import {
  Alert,
  Badge,
  Button,
  Card,
  DataTable,
  ProgressBar,
  Select,
  Spinner,
  UtcTime,
  cn,
  type BadgeTone,
} from "@/components/ui";
import { JOB_STATE_LABEL, JOB_STATE_TONE } from "@/components/devices/job-list";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DEVICE_FIELDS, DEVICE_TYPES, FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { ChoicePicker } from "@/components/import/choice-picker";
import { validateDevice } from "@/lib/bulk/validate";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import { retryFailedItems } from "@/actions/devices";
import { retrySiteImport } from "@/actions/site-import";
import { SITE_FIELD_LABELS, SITE_FIELDS } from "@/lib/import/site-fields";
import { validateSiteRows } from "@/lib/import/validate";
import { errorText } from "@/lib/error-text";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

type Answer = { job: JobProgress; items?: JobItemView[] };

type ItemState = JobItemView["state"];
const ITEM_TONE: Record<ItemState, BadgeTone> = {
  pending: "neutral",
  sending: "info",
  succeeded: "success",
  failed: "danger",
  skipped: "warning",
};
/** A row's result on its badge and in the "Show" choice, capitalised as the console's other badges. */
const ITEM_LABEL: Record<ItemState, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  pending: "Pending",
  sending: "Sending",
  skipped: "Skipped",
};

async function fetchJob(jobId: string, items: boolean): Promise<Answer> {
  const res = await fetch(`/api/bulk-jobs/${encodeURIComponent(jobId)}${items ? "?items=all" : ""}`, {
    cache: "no-store",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Could not load the job (HTTP ${res.status})`);
  }
  return res.json();
}

const isRunning = (s: JobProgress["state"] | undefined) => s === "queued" || s === "running";

type Entity = JobProgress["entity"];
const NOUN: Record<Entity, string> = { devices: "device", sites: "site" };

export function JobProgressView({
  siteId,
  jobId,
  initial,
  canEdit,
  entity = "devices",
}: {
  siteId: number;
  jobId: string;
  initial: Answer;
  canEdit: boolean;
  entity?: Entity;
}) {
  // Counts every second while the job runs (small answer); the per-row list, which can be
  // thousands of rows, every few seconds and once more when the job ends.
  const progress = useQuery({
    queryKey: ["bulk-job", jobId],
    queryFn: () => fetchJob(jobId, false),
    initialData: { job: initial.job },
    staleTime: 0,
    refetchInterval: (q) => (isRunning(q.state.data?.job.state) ? 1000 : false),
  });
  const job = progress.data.job;
  const rows = useQuery({
    queryKey: ["bulk-job-items", jobId, isRunning(job.state) ? "running" : job.state],
    queryFn: () => fetchJob(jobId, true),
    initialData: initial.job.state === job.state || isRunning(job.state) ? initial : undefined,
    staleTime: 0,
    refetchInterval: isRunning(job.state) ? 4000 : false,
  });
  const items = rows.data?.items ?? initial.items ?? [];
  const query = progress.error ? progress : rows;
  const pct = job.total === 0 ? 100 : Math.round(((job.succeeded + job.failed) / job.total) * 100);
  const running = job.state === "queued" || job.state === "running";
  const startedBy = job.createdByEmail ?? "unknown";

  return (
    <div className="space-y-6" data-testid="job-view">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <Badge tone={JOB_STATE_TONE[job.state]}>{JOB_STATE_LABEL[job.state]}</Badge>
            <span className="text-sm text-slate-600">
              {countText(job.total)} {plural(job.total, NOUN[entity])} · started by {startedBy} on{" "}
              <UtcTime at={job.createdAt} />
            </span>
          </div>
          {running ? (
            <span className="flex items-center gap-2 text-sm text-slate-500">
              <Spinner className="h-4 w-4" /> Working — you can close this page; the job carries on.
            </span>
          ) : null}
        </div>
        <ProgressBar
          label="Job progress"
          percent={pct}
          valueText={`${pct}% (${job.succeeded} succeeded, ${job.failed} failed, ${job.pending} pending)`}
          className="mt-4 h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className="flex h-full transition-[width] duration-500" style={{ width: `${pct}%` }}>
            <div
              className="h-full bg-emerald-500"
              style={{ width: `${job.total ? (job.succeeded / Math.max(1, job.succeeded + job.failed)) * 100 : 100}%` }}
            />
            <div className="h-full flex-1 bg-red-500" />
          </div>
        </ProgressBar>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Progress" value={`${pct}%`} testId="job-pct" />
          <Stat label="Succeeded" value={job.succeeded} tone="text-emerald-700" testId="job-succeeded" />
          <Stat label="Failed" value={job.failed} tone={job.failed ? "text-red-700" : undefined} testId="job-failed" />
          <Stat label="Pending" value={job.pending} testId="job-pending" />
        </dl>
        {query.error ? (
          <Alert tone="warning" className="mt-4">
            {errorText(query.error)}. Retrying…
          </Alert>
        ) : null}
        {job.chunks.length ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-slate-600">
              {countText(job.chunks.length)} {plural(job.chunks.length, "request")} to CHeKT
            </summary>
            <ul className="mt-2 space-y-1 font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">
              {job.chunks.map((c) => (
                <li key={c.seq}>
                  #{c.seq} {c.state} · {c.attempts} {plural(c.attempts, "attempt")} · trace {c.traceIds.at(-1) ?? "—"}
                  {c.lastError ? <span className="text-amber-700"> · {c.lastError}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {/* For support: the job's own name in the logs and the audit. */}
        <p className="mt-4 text-xs text-slate-500 [overflow-wrap:anywhere]">
          Job ID <span className="font-mono">{job.id}</span>
        </p>
      </Card>
      <FailedRows siteId={siteId} entity={entity} job={job} items={items} canEdit={canEdit && !running} />
      <ItemTable items={items} kind={job.kind} entity={entity} siteId={siteId} />
    </div>
  );
}

function Stat({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: number | string;
  tone?: string;
  testId: string;
}) {
  return (
    <div className="rounded-md bg-slate-50 px-4 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={cn("mt-1 text-2xl font-semibold tabular-nums text-slate-900", tone)} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const EDITABLE: readonly DeviceField[] = DEVICE_FIELDS;

/** A site import row's cells as the sheet had them (kept in its payload for fixing here). */
function sheetValues(item: JobItemView): Record<string, string> {
  const v = item.payload.values;
  if (typeof v !== "object" || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

// Stations, IDs and account numbers in use are checked by the retry action against the mirror;
// here a row is checked on its own, so a station name is not flagged for want of the list.
const siteRowErrors = (values: Record<string, string>) => {
  const [r] = validateSiteRows([{ line: 0, values }], {
    stations: [],
    existingSiteIds: new Set(),
    accountsInUse: new Map(),
    pattern: null,
    seqStart: 1,
  });
  const { station, ...rest } = r.errors;
  void station;
  return rest;
};

/** Failed rows that were not retried yet: edit, select, send again as a new job. */
function FailedRows({
  siteId,
  entity,
  job,
  items,
  canEdit,
}: {
  siteId: number;
  entity: Entity;
  job: JobProgress;
  items: JobItemView[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const failed = useMemo(() => items.filter((i) => i.state === "failed" && !i.retriedInJobId), [items]);
  const [edits, setEdits] = useState<Record<string, Record<string, string>>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const deviceRunner = useActionRunner(retryFailedItems);
  const siteRunner = useActionRunner(retrySiteImport);
  const runner = entity === "sites" ? siteRunner : deviceRunner;
  if (failed.length === 0) return null;

  const sites = entity === "sites";
  const valuesOf = (i: JobItemView): Record<string, string> => ({
    ...(sites ? sheetValues(i) : deviceValues(i)),
    ...(edits[i.id] ?? {}),
  });
  const errorsOf = (i: JobItemView): Record<string, string | undefined> =>
    sites ? siteRowErrors(valuesOf(i)) : job.kind === "delete" ? {} : validateDevice(valuesOf(i), job.kind).errors;
  const chosen = failed.filter((f) => selected.has(f.id));
  const chosenInvalid = chosen.some((c) => Object.keys(errorsOf(c)).length > 0);

  async function retry() {
    const input = {
      jobId: job.id,
      items: chosen.map((c) => ({ itemId: c.id, values: job.kind === "delete" ? undefined : valuesOf(c) })),
    };
    const message = `Retrying ${chosen.length} ${plural(chosen.length, "row")}`;
    const res = sites ? await siteRunner.run(input, message) : await deviceRunner.run(input, message);
    if (res.ok && res.data)
      router.push(sites ? `/sites/import/jobs/${res.data.jobId}` : `/sites/${siteId}/devices/jobs/${res.data.jobId}`);
  }

  const fields: readonly string[] = sites
    ? SITE_FIELDS.filter((f) => failed.some((i) => (sheetValues(i)[f] ?? "") !== ""))
    : job.kind === "delete"
      ? []
      : EDITABLE;
  const labels: Record<string, string> = sites ? SITE_FIELD_LABELS : FIELD_LABELS;
  const rowLabel = failed.some((f) => f.fromSheet) ? "Sheet line" : "Row";
  const allChosen = selected.size === failed.length;
  return (
    <Card
      title={`Failed rows (${failed.length})`}
      description={canEdit ? "Fix a row in place, tick it, and send only those rows again." : undefined}
      flush
      actions={
        canEdit ? (
          <>
            {/* Outside the table, so a phone (where the rows are cards and the header is gone) has it too. */}
            <label className="inline-flex min-h-6 cursor-pointer items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="h-5 w-5 max-md:h-6 max-md:w-6"
                checked={allChosen}
                onChange={(e) => setSelected(e.target.checked ? new Set(failed.map((f) => f.id)) : new Set())}
              />
              Select all
            </label>
            <Button
              icon={<RotateCcw className="h-4 w-4" />}
              onClick={retry}
              disabled={chosen.length === 0 || chosenInvalid}
              pending={runner.pending}
            >
              Retry {chosen.length || ""} selected
            </Button>
          </>
        ) : null
      }
    >
      <DataTable<JobItemView>
        caption="Failed rows"
        rows={failed}
        rowKey={(i) => i.id}
        rowAttrs={(i) => ({ "data-testid": `failed-row-${i.row}` })}
        flush
        className={FLUSH_PHONE_PADDING}
        columns={[
          {
            key: "row",
            header: rowLabel,
            card: "title",
            className: "whitespace-nowrap tabular-nums text-slate-500",
            cell: (item) => (
              <label className="inline-flex min-h-6 items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5 max-md:h-6 max-md:w-6"
                  aria-label={`Select failed ${rowLabel.toLowerCase()} ${item.row}`}
                  checked={selected.has(item.id)}
                  disabled={!canEdit}
                  onChange={(e) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.add(item.id);
                      else n.delete(item.id);
                      return n;
                    })
                  }
                />
                <span>
                  <span className="md:sr-only">{rowLabel} </span>
                  {item.row}
                </span>
              </label>
            ),
          },
          {
            key: "error",
            header: "Error",
            className: "text-red-700 md:min-w-[14rem] md:max-w-sm",
            cell: (item) => (
              <>
                {item.statusCode ? <span className="font-mono">{item.statusCode} </span> : null}
                {item.errorMessage}
              </>
            ),
          },
          ...fields.map((f) => ({
            key: f,
            header: labels[f],
            className: "md:px-1 md:py-1",
            cell: (item: JobItemView) => {
              const errs = errorsOf(item);
              const label = `Failed ${rowLabel.toLowerCase()} ${item.row} ${labels[f]}`;
              const edit = (v: string) => setEdits((m) => ({ ...m, [item.id]: { ...(m[item.id] ?? {}), [f]: v } }));
              if (!sites && f === "device_type")
                return (
                  <ChoicePicker
                    choices={DEVICE_TYPES}
                    label={label}
                    value={valuesOf(item)[f] ?? ""}
                    error={errs[f]}
                    disabled={!canEdit}
                    framed
                    className="md:w-36"
                    onChange={edit}
                  />
                );
              return (
                <input
                  aria-label={label}
                  aria-invalid={errs[f] ? true : undefined}
                  title={errs[f]}
                  disabled={!canEdit}
                  value={valuesOf(item)[f] ?? ""}
                  onChange={(e) => edit(e.target.value)}
                  className={cn(
                    "h-8 w-36 rounded px-2 text-sm ring-1 ring-inset focus:outline-none focus:ring-2 " +
                      "focus:ring-indigo-600 max-md:w-full",
                    errs[f] ? "ring-red-400" : "ring-slate-200",
                  )}
                />
              );
            },
          })),
        ]}
      />
      {runner.failure ? (
        <div className="px-5 py-3">
          <Alert tone="danger">{runner.failure.message}</Alert>
        </div>
      ) : null}
    </Card>
  );
}

/** On a phone the flush table's rows are cards with the Card's padding around them. */
const FLUSH_PHONE_PADDING = "max-md:p-3";

const PAGE = 100;

/** A device row's payload is the device itself; its text fields are what the editor shows. */
function deviceValues(item: JobItemView): Record<string, string> {
  return Object.fromEntries(
    Object.entries(item.payload).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

function itemName(item: JobItemView): string {
  const site = item.payload.site;
  const siteName = typeof site === "object" && site !== null && "name" in site ? site.name : undefined;
  const name = item.payload.name ?? siteName;
  return typeof name === "string" ? name : String(item.chektDeviceId ?? "");
}

/** Where a row's CHeKT number leads: the imported site's page, or the devices of the job's site. */
function chektHref(item: JobItemView, entity: Entity, kind: JobProgress["kind"], siteId: number): string | null {
  if (item.chektDeviceId === null) return null;
  if (entity === "sites") return `/sites/${item.chektDeviceId}`;
  // A deleted device is on no page any more.
  return kind === "delete" && item.state === "succeeded" ? null : `/sites/${siteId}/devices`;
}

const ITEM_STATES = Object.keys(ITEM_LABEL) as ItemState[];

function ItemTable({
  items,
  kind,
  entity,
  siteId,
}: {
  items: JobItemView[];
  kind: JobProgress["kind"];
  entity: Entity;
  siteId: number;
}) {
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState<"all" | ItemState>("all");
  const list = filter === "all" ? items : items.filter((i) => i.state === filter);
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const slice = list.slice(page * PAGE, page * PAGE + PAGE);
  const fromSheet = items.some((i) => i.fromSheet);
  return (
    <Card
      title="Every row"
      description={
        fromSheet
          ? "Sheet line: the row's line in the sheet you pasted, header included (the numbers the review showed)."
          : undefined
      }
      flush
    >
      {/* Above the rows, as a list page's filters are. */}
      <div className="px-5 pt-4 pb-3">
        <Select
          label="Show"
          wrapperClassName="w-48"
          value={filter}
          onChange={(e) => {
            setFilter(ITEM_STATES.find((s) => s === e.target.value) ?? "all");
            setPage(0);
          }}
          options={[
            { value: "all", label: `All rows (${countText(items.length)})` },
            ...ITEM_STATES.map((s) => ({
              value: s,
              label: `${ITEM_LABEL[s]} (${countText(items.filter((i) => i.state === s).length)})`,
            })),
          ]}
        />
      </div>
      <DataTable<JobItemView>
        caption="Every row"
        rows={slice}
        rowKey={(i) => i.id}
        testId="job-items"
        rowAttrs={(i) => ({ "data-testid": `item-${i.row}` })}
        flush
        className={FLUSH_PHONE_PADDING}
        columns={[
          // First, so a phone card opens with it (the cards keep the table's order).
          {
            key: "name",
            header: kind === "create" ? "Name" : "Device",
            card: "title",
            className: "md:whitespace-nowrap",
            cell: (i) => itemName(i),
          },
          {
            key: "row",
            header: fromSheet ? "Sheet line" : "Row",
            className: "tabular-nums text-slate-500",
            cell: (i) => i.row,
          },
          {
            key: "id",
            header: "External ID",
            cell: (i) => <span className="font-mono text-xs">{i.externalDeviceId ?? "—"}</span>,
          },
          {
            key: "result",
            header: "Result",
            cell: (i) => <Badge tone={ITEM_TONE[i.state]}>{ITEM_LABEL[i.state]}</Badge>,
          },
          {
            key: "chekt",
            header: `CHeKT ${NOUN[entity]}`,
            className: "tabular-nums",
            cell: (i) => {
              const href = chektHref(i, entity, kind, siteId);
              return href ? (
                <Link
                  className="text-indigo-700 hover:underline"
                  href={href}
                  title={entity === "sites" ? "Open the site" : "Open the site's devices"}
                >
                  {i.chektDeviceId}
                </Link>
              ) : (
                (i.chektDeviceId ?? "—")
              );
            },
          },
          {
            key: "message",
            header: "Message",
            // A row with nothing to say leaves the line off its card.
            className: "text-slate-600 max-md:empty:hidden",
            cell: (i) => (
              <>
                {i.errorMessage ? `${i.statusCode ?? ""} ${i.errorMessage}` : null}
                {i.retriedInJobId ? (
                  <Link className="ml-2 text-indigo-700 underline" href={`./${i.retriedInJobId}`}>
                    retried
                  </Link>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {pages > 1 ? (
        <div className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-2 text-sm">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => setPage((p) => Math.max(0, p - 1))}
            disabled={page === 0}
          >
            Previous
          </Button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
            disabled={page >= pages - 1}
          >
            Next
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
