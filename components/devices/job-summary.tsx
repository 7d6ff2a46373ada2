"use client";
// The job page's head card: state, progress, counts, the requests sent to CHeKT and the job's ID.
import { Alert, Badge, Card, ProgressBar, Spinner, UtcTime, cn } from "@/components/ui";
import { JOB_STATE_LABEL, JOB_STATE_TONE } from "@/components/devices/job-list";
import type { JobProgress } from "@/lib/bulk/jobs";
import { errorText } from "@/lib/error-text";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";
import { NOUN, type Entity } from "./job-entity";
import { isRunning } from "./use-job-progress";

export function JobSummary({ job, entity, error }: { job: JobProgress; entity: Entity; error: Error | null }) {
  const pct = job.total === 0 ? 100 : Math.round(((job.succeeded + job.failed) / job.total) * 100);
  return (
    <Card>
      <JobHeadline job={job} entity={entity} />
      <JobProgressBar job={job} pct={pct} />
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="Progress" value={`${pct}%`} testId="job-pct" />
        <Stat label="Succeeded" value={job.succeeded} tone="text-emerald-700" testId="job-succeeded" />
        <Stat label="Failed" value={job.failed} tone={job.failed ? "text-red-700" : undefined} testId="job-failed" />
        <Stat label="Pending" value={job.pending} testId="job-pending" />
      </dl>
      {error ? (
        <Alert tone="warning" className="mt-4">
          {errorText(error)}. Retrying…
        </Alert>
      ) : null}
      {job.chunks.length ? <JobRequests chunks={job.chunks} /> : null}
      <JobFinished job={job} entity={entity} />
      {/* For support: the job's own name in the logs and the audit. */}
      <p className="mt-4 text-xs text-slate-500 [overflow-wrap:anywhere]">
        Job ID <span className="font-mono">{job.id}</span>
      </p>
    </Card>
  );
}

/**
 * The job's end, read out once: the region is there (empty) while the counts tick, so a screen reader
 * hears nothing each second, and gets its one line when the job finishes.
 */
function JobFinished({ job, entity }: { job: JobProgress; entity: Entity }) {
  return (
    <p role="status" className="sr-only" data-testid="job-finished">
      {isRunning(job.state) ? "" : finishedText(job, entity)}
    </p>
  );
}

/** "Job done: 8 devices succeeded, 2 failed." */
function finishedText(job: JobProgress, entity: Entity): string {
  const noun = plural(job.succeeded, NOUN[entity]);
  return (
    `Job ${JOB_STATE_LABEL[job.state].toLowerCase()}: ${countText(job.succeeded)} ${noun} succeeded, ` +
    `${countText(job.failed)} failed` +
    (job.pending ? `, ${countText(job.pending)} not sent.` : ".")
  );
}

function JobHeadline({ job, entity }: { job: JobProgress; entity: Entity }) {
  const startedBy = job.createdByEmail ?? "unknown";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-center gap-3">
        <Badge tone={JOB_STATE_TONE[job.state]}>{JOB_STATE_LABEL[job.state]}</Badge>
        <span className="text-sm text-slate-600">
          {countText(job.total)} {plural(job.total, NOUN[entity])} · started by {startedBy} on{" "}
          <UtcTime at={job.createdAt} />
        </span>
      </div>
      {isRunning(job.state) ? (
        <span className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner className="h-4 w-4" /> Working — you can close this page; the job carries on.
        </span>
      ) : null}
    </div>
  );
}

/** Done rows as one bar, green for succeeded and red for failed. */
function JobProgressBar({ job, pct }: { job: JobProgress; pct: number }) {
  return (
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

/** The job's requests to CHeKT, folded: what support asks for when a chunk kept failing. */
function JobRequests({ chunks }: { chunks: JobProgress["chunks"] }) {
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer text-slate-600">
        {countText(chunks.length)} {plural(chunks.length, "request")} to CHeKT
      </summary>
      <ul className="mt-2 space-y-1 font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">
        {chunks.map((c) => (
          <li key={c.seq}>
            #{c.seq} {c.state} · {c.attempts} {plural(c.attempts, "attempt")} · trace {c.traceIds.at(-1) ?? "—"}
            {c.lastError ? <span className="text-amber-700"> · {c.lastError}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
