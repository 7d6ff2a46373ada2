import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import type { DealerScope } from "@/lib/dealer-scope";
import type { BulkJob } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import { ALREADY_RETRIED, type NewItem } from "./jobs";
import type { retryItemsInput } from "./schemas";
import { refuseInvalid } from "./refuse-invalid";
import { readStoredCells } from "./stored-cells";
import { idsInUse } from "./site-devices";
import { validateRows } from "./validate";

export type RetryPlan = { job: Pick<BulkJob, "id" | "chektSiteId" | "kind">; retryOf: string[]; items: NewItem[] };

/**
 * What retrying failed rows of a finished device job sends: the rows (with the user's fixes)
 * re-validated against what CHeKT has now, as items of a new job pointing back at them. Refuses
 * rows that are not failed rows of this dealer's job, or that were already retried.
 */
export async function planRetry(
  scope: DealerScope,
  input: z.infer<typeof retryItemsInput>,
  traceId: string,
): Promise<RetryPlan> {
  const job = await prisma.bulkJob.findFirst({
    where: { id: input.jobId, dealerLinkId: scope.dealerLinkId, entity: "devices" },
  });
  if (!job) throw new ActionError("not_found", "That job does not exist for this dealer.");
  const wanted = new Map(input.items.map((i) => [i.itemId, i.values]));
  const failed = await prisma.bulkItem.findMany({
    where: { jobId: job.id, id: { in: [...wanted.keys()] }, state: "failed" },
    orderBy: { position: "asc" },
  });
  if (failed.length !== wanted.size) {
    throw new ActionError(
      "conflict",
      "Some of those rows are not failed rows of this job (already retried or succeeded). Reload the job.",
    );
  }
  const already = await prisma.bulkItem.findMany({
    where: { retryOfId: { in: failed.map((f) => f.id) } },
    select: { retryOfId: true },
  });
  if (already.length) throw new ActionError("conflict", ALREADY_RETRIED);

  const retryOf = failed.map((f) => f.id);
  const plan = { id: job.id, chektSiteId: job.chektSiteId, kind: job.kind };
  if (job.kind === "delete") {
    const items: NewItem[] = failed.map((f) => ({
      kind: "delete",
      deviceId: f.chektDeviceId!,
      externalDeviceId: f.externalDeviceId,
      sheetLine: f.sheetLine,
    }));
    return { job: plan, retryOf, items };
  }
  const cells = failed.map((f, i) => ({
    line: i + 1,
    values: wanted.get(f.id) ?? readStoredCells(f.payload),
  }));
  // Checked as a new job's rows are (actions/devices.ts): the site's devices now, and the IDs the
  // dealer's other sites hold, which CHeKT would refuse with the 409 the row may have failed with.
  const { existing, usedElsewhere } = await idsInUse(scope, job.chektSiteId, cells, traceId);
  const byExt = new Map(existing.map((d) => [d.external_device_id, d.device_id]));
  const rows = validateRows(cells, { mode: job.kind, existingExternalIds: new Set(byExt.keys()), usedElsewhere });
  refuseInvalid(rows, false);
  const items: NewItem[] = rows.map((r, i) =>
    job.kind === "create"
      ? { kind: "create", device: r.device!, sheetLine: failed[i].sheetLine }
      : {
          kind: "update",
          deviceId: byExt.get(r.device!.external_device_id) ?? failed[i].chektDeviceId!,
          device: r.device!,
          sheetLine: failed[i].sheetLine,
        },
  );
  return { job: plan, retryOf, items };
}
