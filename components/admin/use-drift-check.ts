"use client";
// The drift page's check and fixes (components/admin/drift-panel.tsx): the last report, which fix
// is running, and the fixes themselves, each followed by a fresh check.
import { useState } from "react";
import type { DriftIssue } from "@/lib/drift/compare";
import type { DriftRun } from "@/lib/drift/fetch";
import {
  driftCheckAction,
  forgetMappingAction,
  linkAllAction,
  linkObjectAction,
  relinkMappingAction,
} from "@/actions/drift";
import { useActionRunner } from "@/components/forms/use-action-runner";

/** An object CHeKT lists that we have no mapping for. */
export type LocalIssue = Extract<DriftIssue, { type: "missing_locally" }>;
/** A mapping of ours that CHeKT disagrees with. */
export type MappedIssue = Exclude<DriftIssue, LocalIssue>;

export function issueKey(i: DriftIssue) {
  return i.type === "missing_locally" ? `l:${i.kind}:${i.object.chektId}` : `m:${i.mapping.id}`;
}

/** The key of the "link all" fix, beside the issues' own. */
const ALL = "all";

export function useDriftCheck(dealerLinkId: string) {
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

  return {
    run,
    check,
    failure: checker.failure,
    pending,
    /** The check itself runs (not a fix, nor the check after one). */
    checking: pending && !busyKey,
    linkingAll: pending && busyKey === ALL,
    isBusy: (i: DriftIssue) => pending && busyKey === issueKey(i),
    linkAll: () => void act(ALL, () => linkAll.run({ dealerLinkId }, "Linked every unmapped object")),
    relink: (i: MappedIssue, chektId: string | number) =>
      void act(issueKey(i), () =>
        relink.run({ dealerLinkId, mappingId: i.mapping.id, chektId: Number(chektId) }, "Mapping re-linked"),
      ),
    link: (i: LocalIssue) =>
      void act(issueKey(i), () =>
        link.run(
          {
            dealerLinkId,
            kind: i.kind,
            chektId: Number(i.object.chektId),
            parentChektId: i.object.parentChektId ? Number(i.object.parentChektId) : null,
          },
          "Mapping created",
        ),
      ),
    forget: (i: MappedIssue) =>
      void act(issueKey(i), () => forget.run({ dealerLinkId, mappingId: i.mapping.id }, "Mapping forgotten")),
  };
}

export type DriftCheck = ReturnType<typeof useDriftCheck>;
