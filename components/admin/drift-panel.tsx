"use client";
import { GitCompare } from "lucide-react";
import { Alert, Button, DataTable, EmptyState, type Column } from "@/components/ui";
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

type KindCount = { kind: string; mapped: number; chekt: number; inSync: number };

// Narrower padding on a phone: four columns then fit 390 px, so nothing is left to scroll to.
const cell = "max-md:px-2";
const numeric = `${cell} text-right tabular-nums`;
const COUNT_COLUMNS: Column<KindCount>[] = [
  { key: "kind", header: "Kind", rowHeader: true, className: cell, cell: (c) => KIND_LABEL[c.kind] },
  { key: "mapped", header: "Mapped here", className: numeric, cell: (c) => c.mapped },
  { key: "chekt", header: "Listed by CHeKT", className: numeric, cell: (c) => c.chekt },
  { key: "inSync", header: "In sync", className: numeric, cell: (c) => c.inSync },
];

/**
 * Per kind of object: how many we map, how many CHeKT lists, how many agree. Numbers to compare down a
 * column, so a phone keeps the table.
 */
function DriftCounts({ counts }: { counts: DriftRun["counts"] }) {
  return (
    <DataTable
      className="w-fit max-w-full"
      columns={COUNT_COLUMNS}
      rows={Object.entries(counts).map(([kind, c]) => ({ ...c, kind }))}
      rowKey={(c) => c.kind}
      caption="Objects per kind: mapped here, listed by CHeKT, in sync"
      testId="drift-counts"
      phone="table"
    />
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
