"use client";
import { useState } from "react";
import { GitCompare } from "lucide-react";
import { Alert, Badge, Button, EmptyState } from "@/components/ui";
import type { DriftIssue } from "@/lib/drift/compare";
import type { DriftRun } from "@/lib/drift/fetch";
import {
  driftCheckAction,
  forgetMappingAction,
  linkAllAction,
  linkObjectAction,
  relinkMappingAction,
} from "@/actions/drift";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";

const KIND_LABEL: Record<string, string> = {
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

const linkable = (run: DriftRun) =>
  run.issues.filter((i) => i.type === "missing_locally" && i.object.externalId).length;

type MappingId = Extract<DriftIssue, { mapping: unknown }>["mapping"]["id"];

function issueKey(i: DriftIssue) {
  return i.type === "missing_locally" ? `l:${i.kind}:${i.object.chektId}` : `m:${i.mapping.id}`;
}

export function DriftPanel({ dealerLinkId }: { dealerLinkId: string }) {
  const [run, setRun] = useState<DriftRun | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const checker = useActionRunner(driftCheckAction);
  const linkAll = useActionRunner(linkAllAction);
  const relink = useActionRunner(relinkMappingAction);
  const link = useActionRunner(linkObjectAction);
  const forget = useActionRunner(forgetMappingAction);
  const pending = [checker, linkAll, relink, link, forget].some((r) => r.pending);

  const check = async () => {
    const r = await checker.run({ dealerLinkId }, null);
    if (r.ok) setRun(r.data ?? null);
  };

  // A fix is toasted (or its refusal, with the trace id) by its runner; the report is read again after.
  const act = async (key: string, send: () => Promise<{ ok: boolean }>) => {
    setBusyKey(key);
    const r = await send();
    setBusyKey(null);
    if (r.ok) await check();
  };

  const relinkTo = (key: string, mapping: { id: MappingId }, chektId: string | number) =>
    void act(key, () => relink.run({ mappingId: mapping.id, chektId: Number(chektId) }, "Mapping re-linked"));

  return (
    <div className="space-y-4">
      <Button
        onClick={() => void check()}
        pending={pending && !busyKey}
        pendingText="Comparing…"
        icon={<GitCompare className="h-4 w-4" aria-hidden="true" />}
      >
        {run ? "Run the drift check again" : "Run drift check"}
      </Button>
      <FormFailure failure={checker.failure} />
      {run ? (
        <div className="space-y-4" data-testid="drift-report">
          {run.warnings.map((w) => (
            <Alert key={w} tone="warning">
              {w}
            </Alert>
          ))}
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
              {Object.entries(run.counts).map(([k, c]) => (
                <tr key={k} className="border-t border-slate-100">
                  <td className="py-1 pr-6">{KIND_LABEL[k]}</td>
                  <td className="py-1 pr-6 tabular-nums">{c.mapped}</td>
                  <td className="py-1 pr-6 tabular-nums">{c.chekt}</td>
                  <td className="py-1 tabular-nums">{c.inSync}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {linkable(run) > 1 ? (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 px-4 py-3 text-sm">
              <span>{linkable(run)} objects on CHeKT have an external id but no mapping here.</span>
              <Button
                size="sm"
                pending={pending && busyKey === "all"}
                disabled={pending}
                onClick={() => void act("all", () => linkAll.run({ dealerLinkId }, "Linked every unmapped object"))}
              >
                Link all {linkable(run)}
              </Button>
            </div>
          ) : null}
          {run.issues.length === 0 ? (
            <EmptyState title="No drift" description="Every mapping matches what CHeKT lists for this dealer." />
          ) : (
            <ul
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
              data-testid="drift-issues"
            >
              {run.issues.map((i) => {
                const key = issueKey(i);
                const busy = pending && busyKey === key;
                const label = TYPE_LABEL[i.type];
                return (
                  <li
                    key={key}
                    className="flex flex-wrap items-start justify-between gap-3 px-4 py-3"
                    data-issue={i.type}
                  >
                    <div className="min-w-0 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone={label.tone}>{label.text}</Badge>
                        <span className="font-medium">{KIND_LABEL[i.kind]}</span>
                      </div>
                      {i.type === "missing_locally" ? (
                        <p className="mt-1 text-slate-700">
                          CHeKT {i.kind} <code>{i.object.chektId}</code> “{i.object.name}” (external id{" "}
                          <code>{i.object.externalId ?? "none"}</code>
                          {i.object.parentChektId ? `, site ${i.object.parentChektId}` : ""}) has no mapping here.
                        </p>
                      ) : i.type === "missing_in_chekt" ? (
                        <p className="mt-1 text-slate-700">
                          We map <code>{i.mapping.externalId}</code> → CHeKT <code>{i.mapping.chektId}</code>, which
                          CHeKT no longer lists.
                          {i.sameExternal ? (
                            <>
                              {" "}
                              CHeKT has <code>{i.sameExternal.chektId}</code> “{i.sameExternal.name}” with the same
                              external id (re-created?).
                            </>
                          ) : null}
                        </p>
                      ) : (
                        <p className="mt-1 text-slate-700">
                          CHeKT <code>{i.mapping.chektId}</code> “{i.object.name}”: ours{" "}
                          <code>{i.mapping.externalId}</code>, CHeKT says <code>{i.object.externalId}</code>.
                        </p>
                      )}
                    </div>
                    <div className="flex flex-wrap gap-2">
                      {i.type === "external_id_mismatch" ? (
                        <Button size="sm" pending={busy} onClick={() => relinkTo(key, i.mapping, i.object.chektId)}>
                          Re-link to CHeKT&apos;s id
                        </Button>
                      ) : null}
                      {i.type === "missing_in_chekt" && i.sameExternal ? (
                        <Button
                          size="sm"
                          pending={busy}
                          onClick={() => relinkTo(key, i.mapping, i.sameExternal!.chektId)}
                        >
                          Re-link to {i.sameExternal.chektId}
                        </Button>
                      ) : null}
                      {i.type === "missing_locally" && i.object.externalId ? (
                        <Button
                          size="sm"
                          pending={busy}
                          onClick={() =>
                            void act(key, () =>
                              link.run(
                                {
                                  dealerLinkId,
                                  kind: i.kind,
                                  chektId: Number(i.object.chektId),
                                  parentChektId: i.object.parentChektId ? Number(i.object.parentChektId) : null,
                                },
                                "Mapping created",
                              ),
                            )
                          }
                        >
                          Link
                        </Button>
                      ) : null}
                      {i.type !== "missing_locally" ? (
                        <Button
                          size="sm"
                          variant="secondary"
                          disabled={pending}
                          onClick={() =>
                            void act(key, () => forget.run({ mappingId: i.mapping.id }, "Mapping forgotten"))
                          }
                        >
                          Forget mapping
                        </Button>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="text-xs text-slate-500">Trace {run.traceId}</p>
        </div>
      ) : null}
    </div>
  );
}
