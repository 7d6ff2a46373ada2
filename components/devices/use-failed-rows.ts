"use client";
// The job page's failed rows as the user fixes them: their edited values, their checks, which are
// ticked, and the retry that sends the ticked ones as a new job (components/devices/failed-rows.tsx).
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { validateDevice } from "@/lib/bulk/validate";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import { retryFailedItems } from "@/actions/devices";
import { retrySiteImport } from "@/actions/site-import";
import { validateSiteRows } from "@/lib/import/validate";
import { withToggled } from "@/lib/list-state/selection";
import { plural } from "@/lib/plural";
import type { Entity } from "./job-entity";

/** A site import row's cells as the sheet had them (kept in its payload for fixing here). */
export function sheetValues(item: JobItemView): Record<string, string> {
  const v = item.payload.values;
  if (typeof v !== "object" || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A device row's payload is the device itself; its text fields are what the editor shows. */
function deviceValues(item: JobItemView): Record<string, string> {
  return Object.fromEntries(
    Object.entries(item.payload).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
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

export function useFailedRows({
  siteId,
  entity,
  job,
  items,
}: {
  siteId: number;
  entity: Entity;
  job: JobProgress;
  items: JobItemView[];
}) {
  const router = useRouter();
  const failed = useMemo(() => items.filter((i) => i.state === "failed" && !i.retriedInJobId), [items]);
  const [edits, setEdits] = useState<Record<string, Record<string, string>>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const deviceRunner = useActionRunner(retryFailedItems);
  const siteRunner = useActionRunner(retrySiteImport);
  const runner = entity === "sites" ? siteRunner : deviceRunner;

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

  return {
    failed,
    valuesOf,
    errorsOf,
    edit: (id: string, field: string, v: string) => setEdits((m) => ({ ...m, [id]: { ...(m[id] ?? {}), [field]: v } })),
    isSelected: (id: string) => selected.has(id),
    allSelected: selected.size === failed.length,
    select: (id: string, on: boolean) => setSelected((s) => withToggled(s, id, on)),
    selectAll: (on: boolean) => setSelected(on ? new Set(failed.map((f) => f.id)) : new Set()),
    chosen,
    chosenInvalid,
    retry,
    pending: runner.pending,
    failure: runner.failure,
  };
}

export type FailedRowsState = ReturnType<typeof useFailedRows>;
