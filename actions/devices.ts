"use server";
// Device changes are bulk jobs: each action re-validates against what CHeKT has now, stores the
// job with one item per device and its audit row in one transaction, then wakes the worker. One read
// beside them: the paste review's question about IDs at the dealer's other sites.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { dealerActionClient, type DealerActionContext } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { storeJob, type JobStarted } from "@/lib/actions/store-job";
import { insertBulkJob } from "@/lib/bulk/jobs";
import { heldAtOtherSites, idsInUse, listSiteDevices } from "@/lib/bulk/site-devices";
import { refuseInvalid } from "@/lib/bulk/refuse-invalid";
import { planRetry } from "@/lib/bulk/retry";
import { validateRows, type ValidatedRow } from "@/lib/bulk/validate";
import {
  addDeviceInput,
  createDevicesInput,
  deleteDevicesInput,
  deviceValuesSchema,
  heldElsewhereInput,
  retryItemsInput,
  updateDevicesInput,
} from "@/lib/bulk/schemas";

type DeviceValues = z.infer<typeof deviceValuesSchema>;

/** The site's devices as CHeKT has them now: every job's rows are checked against them. */
function siteDevices(ctx: DealerActionContext, siteId: number) {
  return listSiteDevices(ctx.scope.dealerId, siteId, ctx.traceId);
}

/**
 * The one create path: the paste (many rows, each with its sheet line) and the add-device form
 * (one row, no sheet) both store a durable job here, so both get the same validation and worker.
 */
async function startCreateJob(
  ctx: DealerActionContext,
  input: {
    siteId: number;
    rows: { line: number; values: DeviceValues }[];
    skipInvalid: boolean;
    fromSheet: boolean;
  },
  onInvalid: (rows: ValidatedRow[]) => never | void,
): Promise<JobStarted> {
  const { existing, usedElsewhere } = await idsInUse(ctx.scope, input.siteId, input.rows, ctx.traceId);
  const rows = validateRows(input.rows, {
    mode: "create",
    existingExternalIds: new Set(existing.map((d) => d.external_device_id)),
    usedElsewhere,
  });
  onInvalid(rows);
  const valid = refuseInvalid(rows, input.skipInvalid);
  const after = { siteId: input.siteId, items: valid.length, skippedInvalid: rows.length - valid.length };
  const jobId = await storeJob(ctx, after, (tx, job) =>
    insertBulkJob(tx, {
      ...job,
      chektSiteId: input.siteId,
      kind: "create",
      items: valid.map((r) => ({ kind: "create", device: r.device!, sheetLine: input.fromSheet ? r.line : null })),
    }),
  );
  revalidatePath(`/sites/${input.siteId}/devices`);
  return { jobId, queued: valid.length, skipped: rows.length - valid.length };
}

export const createDevicesJob = dealerActionClient
  .metadata({ name: "devices.bulk.create", role: "operator", objectKind: "bulk_job" })
  .inputSchema(createDevicesInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> =>
    startCreateJob(ctx, { ...parsedInput, fromSheet: true }, () => undefined),
  );

/** The add-device form: one device, sent as a job of one item; problems come back per field. */
export const addDeviceJob = dealerActionClient
  .metadata({ name: "devices.add", role: "operator", objectKind: "bulk_job" })
  .inputSchema(addDeviceInput)
  .action(async ({ parsedInput: { siteId, ...values }, ctx }): Promise<JobStarted> =>
    startCreateJob(ctx, { siteId, rows: [{ line: 1, values }], skipInvalid: false, fromSheet: false }, (rows) => {
      const errors = rows[0]?.errors ?? {};
      if (Object.keys(errors).length === 0) return;
      const fieldErrors: Record<string, string> = {};
      for (const [f, m] of Object.entries(errors)) if (m) fieldErrors[f] = m;
      throw new ActionError("invalid_input", "Some fields need fixing; nothing was sent.", fieldErrors);
    }),
  );

export const updateDevicesJob = dealerActionClient
  .metadata({ name: "devices.bulk.update", role: "operator", objectKind: "bulk_job" })
  .inputSchema(updateDevicesInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> => {
    const { existing, usedElsewhere } = await idsInUse(ctx.scope, parsedInput.siteId, parsedInput.rows, ctx.traceId);
    const byExt = new Map(existing.map((d) => [d.external_device_id, d.device_id]));
    const rows = validateRows(parsedInput.rows, {
      mode: "update",
      existingExternalIds: new Set(byExt.keys()),
      usedElsewhere,
    });
    const valid = refuseInvalid(rows, parsedInput.skipInvalid);
    const jobId = await storeJob(ctx, { siteId: parsedInput.siteId, items: valid.length }, (tx, job) =>
      insertBulkJob(tx, {
        ...job,
        chektSiteId: parsedInput.siteId,
        kind: "update",
        items: valid.map((r) => ({
          kind: "update",
          deviceId: byExt.get(r.device!.external_device_id)!,
          device: r.device!,
          sheetLine: parsedInput.fromSheet ? r.line : null,
        })),
      }),
    );
    return { jobId, queued: valid.length, skipped: rows.length - valid.length };
  });

export const deleteDevicesJob = dealerActionClient
  .metadata({ name: "devices.bulk.delete", role: "operator", objectKind: "bulk_job" })
  .inputSchema(deleteDevicesInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> => {
    const existing = await siteDevices(ctx, parsedInput.siteId);
    const byId = new Map(existing.map((d) => [d.device_id, d]));
    const ids = [...new Set(parsedInput.deviceIds)];
    const unknown = ids.filter((i) => !byId.has(i));
    if (unknown.length) {
      throw new ActionError(
        "not_found",
        `This site has no device ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}; reload ` +
          "the list. Nothing was deleted.",
      );
    }
    const jobId = await storeJob(ctx, { siteId: parsedInput.siteId, deviceIds: ids }, (tx, job) =>
      insertBulkJob(tx, {
        ...job,
        chektSiteId: parsedInput.siteId,
        kind: "delete",
        items: ids.map((d) => ({ kind: "delete", deviceId: d, externalDeviceId: byId.get(d)!.external_device_id })),
      }),
    );
    return { jobId, queued: ids.length, skipped: 0 };
  });

/** Sends failed rows of a finished job again, as a new job whose items point back at them. */
export const retryFailedItems = dealerActionClient
  .metadata({ name: "devices.bulk.retry", role: "operator", objectKind: "bulk_job" })
  .inputSchema(retryItemsInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> => {
    const { job, retryOf, items } = await planRetry(ctx.scope, parsedInput, ctx.traceId);
    const after = { retryOfJob: job.id, items: items.length };
    const jobId = await storeJob(ctx, after, (tx, owner) =>
      insertBulkJob(tx, { ...owner, chektSiteId: job.chektSiteId, kind: job.kind, items, retryOf }),
    );
    return { jobId, queued: items.length, skipped: 0 };
  });

/**
 * The paste review's early warning: which of the pasted external IDs a device on another of the
 * dealer's sites holds, and where, by the rule a job's start checks again (the mirror; no CHeKT call).
 * A read, so notAudited, and open to viewers as every read of devices is (docs/roles.md).
 */
export const devicesHeldElsewhere = dealerActionClient
  .metadata({ name: "devices.held_elsewhere", role: "viewer", objectKind: "device", notAudited: true })
  .inputSchema(heldElsewhereInput)
  .action(async ({ parsedInput, ctx }) => ({
    held: await heldAtOtherSites(ctx.scope.dealerLinkId, parsedInput.siteId, parsedInput.externalIds),
  }));
