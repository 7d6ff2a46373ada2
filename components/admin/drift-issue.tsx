"use client";
// One drift issue on the drift page (drift-panel.tsx): what differs, and the fixes that fit it.
import { Badge, Button } from "@/components/ui";
import type { DriftIssue } from "@/lib/drift/compare";
import type { DriftCheck } from "./use-drift-check";

export const KIND_LABEL: Record<string, string> = {
  dealer: "Dealer",
  site: "Site",
  monitoring_station: "Monitoring station",
  contact: "Contact",
  device: "Device",
};
const TYPE_LABEL = {
  missing_in_chekt: { text: "Missing in CHeKT", tone: "danger" },
  missing_locally: { text: "Not mapped here", tone: "warning" },
  external_id_mismatch: { text: "External ID differs", tone: "warning" },
} as const;

export function DriftIssueItem({ issue: i, drift }: { issue: DriftIssue; drift: DriftCheck }) {
  const label = TYPE_LABEL[i.type];
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" data-issue={i.type}>
      <div className="min-w-0 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={label.tone}>{label.text}</Badge>
          <span className="font-medium">{KIND_LABEL[i.kind]}</span>
        </div>
        <IssueText issue={i} />
      </div>
      <IssueFixes issue={i} drift={drift} />
    </li>
  );
}

function IssueText({ issue: i }: { issue: DriftIssue }) {
  if (i.type === "missing_locally")
    return (
      <p className="mt-1 text-slate-700">
        CHeKT {i.kind} <code>{i.object.chektId}</code> “{i.object.name}” (external id{" "}
        <code>{i.object.externalId ?? "none"}</code>
        {i.object.parentChektId ? `, site ${i.object.parentChektId}` : ""}) has no mapping here.
      </p>
    );
  if (i.type === "missing_in_chekt")
    return (
      <p className="mt-1 text-slate-700">
        We map <code>{i.mapping.externalId}</code> → CHeKT <code>{i.mapping.chektId}</code>, which CHeKT no longer
        lists.
        {i.sameExternal ? (
          <>
            {" "}
            CHeKT has <code>{i.sameExternal.chektId}</code> “{i.sameExternal.name}” with the same external id
            (re-created?).
          </>
        ) : null}
      </p>
    );
  const { mapping, object } = i;
  return (
    <p className="mt-1 text-slate-700">
      CHeKT <code>{mapping.chektId}</code> “{object.name}”: ours <code>{mapping.externalId}</code>, CHeKT says{" "}
      <code>{object.externalId}</code>.
    </p>
  );
}

function IssueFixes({ issue: i, drift }: { issue: DriftIssue; drift: DriftCheck }) {
  const busy = drift.isBusy(i);
  return (
    <div className="flex flex-wrap gap-2">
      {i.type === "external_id_mismatch" ? (
        <Button size="sm" pending={busy} onClick={() => drift.relink(i, i.object.chektId)}>
          Re-link to CHeKT&apos;s id
        </Button>
      ) : null}
      {i.type === "missing_in_chekt" && i.sameExternal ? (
        <Button size="sm" pending={busy} onClick={() => drift.relink(i, i.sameExternal!.chektId)}>
          Re-link to {i.sameExternal.chektId}
        </Button>
      ) : null}
      {i.type === "missing_locally" && i.object.externalId ? (
        <Button size="sm" pending={busy} onClick={() => drift.link(i)}>
          Link
        </Button>
      ) : null}
      {i.type !== "missing_locally" ? (
        <Button size="sm" variant="secondary" disabled={drift.pending} onClick={() => drift.forget(i)}>
          Forget mapping
        </Button>
      ) : null}
    </div>
  );
}
