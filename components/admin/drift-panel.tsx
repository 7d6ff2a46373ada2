"use client";
import { GitCompare } from "lucide-react";
import { Alert, Button, EmptyState } from "@/components/ui";
import type { DriftRun } from "@/lib/drift/fetch";
import { FormFailure } from "@/components/forms/form-failure";
import { DriftIssueItem, KIND_LABEL } from "./drift-issue";
import { issueKey, useDriftCheck, type DriftCheck } from "./use-drift-check";

const linkable = (run: DriftRun) =>
  run.issues.filter((i) => i.type === "missing_locally" && i.object.externalId).length;

export function DriftPanel({ dealerLinkId }: { dealerLinkId: string }) {
  const drift = useDriftCheck(dealerLinkId);
  const { run } = drift;
  return (
    <div className="space-y-4">
      <Button
        onClick={() => void drift.check()}
        pending={drift.checking}
        pendingText="Comparing…"
        icon={<GitCompare className="h-4 w-4" aria-hidden="true" />}
      >
        {run ? "Run the drift check again" : "Run drift check"}
      </Button>
      <FormFailure failure={drift.failure} />
      {run ? <DriftReport run={run} drift={drift} /> : null}
    </div>
  );
}

function DriftReport({ run, drift }: { run: DriftRun; drift: DriftCheck }) {
  return (
    <div className="space-y-4" data-testid="drift-report">
      {run.warnings.map((w) => (
        <Alert key={w} tone="warning">
          {w}
        </Alert>
      ))}
      <DriftCounts counts={run.counts} />
      {linkable(run) > 1 ? <LinkAll count={linkable(run)} drift={drift} /> : null}
      {run.issues.length === 0 ? (
        <EmptyState title="No drift" description="Every mapping matches what CHeKT lists for this dealer." />
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="drift-issues"
        >
          {run.issues.map((i) => (
            <DriftIssueItem key={issueKey(i)} issue={i} drift={drift} />
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-500">Trace {run.traceId}</p>
    </div>
  );
}

/** Per kind of object: how many we map, how many CHeKT lists, how many agree. */
function DriftCounts({ counts }: { counts: DriftRun["counts"] }) {
  return (
    <table className="text-sm" data-testid="drift-counts">
      <thead className="text-left text-xs font-semibold text-slate-600">
        <tr>
          <th className="py-1 pr-6">Kind</th>
          <th className="py-1 pr-6">Mapped here</th>
          <th className="py-1 pr-6">Listed by CHeKT</th>
          <th className="py-1">In sync</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(counts).map(([k, c]) => (
          <tr key={k} className="border-t border-slate-100">
            <td className="py-1 pr-6">{KIND_LABEL[k]}</td>
            <td className="py-1 pr-6 tabular-nums">{c.mapped}</td>
            <td className="py-1 pr-6 tabular-nums">{c.chekt}</td>
            <td className="py-1 tabular-nums">{c.inSync}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LinkAll({ count, drift }: { count: number; drift: DriftCheck }) {
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 px-4 py-3 text-sm">
      <span>{count} objects on CHeKT have an external id but no mapping here.</span>
      <Button size="sm" pending={drift.linkingAll} disabled={drift.pending} onClick={drift.linkAll}>
        Link all {count}
      </Button>
    </div>
  );
}
