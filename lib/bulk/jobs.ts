// Storing bulk jobs: one BulkJob, one BulkItem per row, in the caller's transaction (the action
// writes its audit row in the same one). The worker (lib/jobs) does the sending.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { isRecord } from "@/lib/is-record";
import { ActionError } from "@/lib/actions/errors";
import { isUniqueViolationOf } from "@/lib/unique-violation";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceInput } from "./validate";
import type { jobAnswerSchema, jobItemViewSchema, jobProgressSchema } from "./job-schemas";

type Tx = Prisma.TransactionClient;

export type NewItem = (
  | { kind: "create"; device: DeviceInput }
  | { kind: "update"; deviceId: number; device: DeviceInput }
  | { kind: "delete"; deviceId: number; externalDeviceId?: string | null }
) & {
  /** The pasted row's sheet line, header included, so the job page numbers rows as the review did. */
  sheetLine?: number | null;
};

/** A device job: its row (NewJobRow below) and its items. */
export type NewJob = Omit<NewJobRow, "entity"> & {
  items: NewItem[];
  /** Items that retry failed items of an earlier job, by position in `items`. */
  retryOf?: (string | null)[];
};

/** One bulk_items row as submitted, in job order; its id, position and job are added on insert. */
export type NewItemRow = {
  sheet_line: number | null;
  external_device_id: string | null;
  chekt_device_id: number | null;
  payload: unknown;
  /** Progress the row starts with (a site import row whose site CHeKT already has). */
  result?: unknown;
  retry_of_id: string | null;
};

/** The job row of a device job or a site import; `total` and the creator come from its items and user. */
export type NewJobRow = {
  /** Chosen by the caller so the audit row written in the same transaction can name it. */
  id?: string;
  dealerLinkId: string;
  chektSiteId: number;
  entity?: "devices" | "sites";
  kind: "create" | "update" | "delete";
  user: { id: string; email: string } | null;
  /** The trace id of the action that stores the job (lib/actions/store-job.ts); none without an action. */
  traceId?: string | null;
};

/** What a retry of rows retried before is told (lib/bulk/retry.ts checks first; the unique index decides). */
export const ALREADY_RETRIED = "Some of those rows were already retried; open the newer job.";

/**
 * Stores a job and its items. One statement with one JSON parameter, however many rows: 5,000 items
 * insert in well under a second, so the caller's transaction (job + items + audit row) stays short.
 * A failed row is retried once (bulk_items.retry_of_id is unique): two retries sent together both pass
 * the callers' "already retried?" reads, and the second to insert is refused here, its job with it.
 */
export async function insertJobWithItems(tx: Tx, job: NewJobRow, items: NewItemRow[]) {
  const created = await tx.bulkJob.create({
    data: {
      id: job.id,
      dealerLinkId: job.dealerLinkId,
      chektSiteId: job.chektSiteId,
      entity: job.entity,
      kind: job.kind,
      total: items.length,
      createdById: job.user?.id ?? null,
      createdByEmail: job.user?.email ?? null,
      traceId: job.traceId ?? null,
    },
  });
  const rows = items.map((item, position) => ({ id: randomUUID(), position, ...item, result: item.result ?? null }));
  try {
    await tx.$executeRaw`
    INSERT INTO bulk_items (id, job_id, position, sheet_line, external_device_id, chekt_device_id, payload, result,
      retry_of_id, updated_at)
    SELECT r.id, ${created.id}, r.position, r.sheet_line, r.external_device_id, r.chekt_device_id, r.payload,
      r.result, r.retry_of_id, now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(id text, position int, sheet_line int, external_device_id text, chekt_device_id int, payload jsonb, result
        jsonb, retry_of_id text)`;
  } catch (e) {
    if (isUniqueViolationOf(e, "bulk_items_retry_of_id_key")) throw new ActionError("conflict", ALREADY_RETRIED);
    throw e;
  }
  return created;
}

export async function insertBulkJob(tx: Tx, job: NewJob) {
  if (job.items.length === 0) throw new Error("a bulk job needs at least one item");
  if (job.items.some((i) => i.kind !== job.kind)) throw new Error("every item of a job has the job's kind");
  return insertJobWithItems(
    tx,
    job,
    job.items.map((item, position) => ({
      sheet_line: item.sheetLine ?? null,
      external_device_id: item.kind === "delete" ? (item.externalDeviceId ?? null) : item.device.external_device_id,
      chekt_device_id: item.kind === "create" ? null : item.deviceId,
      payload: item.kind === "delete" ? { device_id: item.deviceId } : item.device,
      retry_of_id: job.retryOf?.[position] ?? null,
    })),
  );
}

/** A job's counts and chunks as the job page polls them; the wire shape is lib/bulk/job-schemas.ts. */
export type JobProgress = z.output<typeof jobProgressSchema>;

export async function readJobProgress(
  db: Tx | { bulkJob: Tx["bulkJob"]; bulkChunk: Tx["bulkChunk"] },
  jobId: string,
  dealerLinkId: string,
): Promise<JobProgress | null> {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, dealerLinkId } });
  if (!job) return null;
  const chunks = await db.bulkChunk.findMany({
    where: { jobId },
    orderBy: { seq: "asc" },
    select: { seq: true, state: true, attempts: true, traceIds: true, lastError: true },
  });
  return {
    id: job.id,
    kind: job.kind,
    entity: job.entity,
    state: job.state,
    chektSiteId: job.chektSiteId,
    total: job.total,
    succeeded: job.succeeded,
    failed: job.failed,
    pending: Math.max(0, job.total - job.succeeded - job.failed),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdByEmail: job.createdByEmail,
    chunks,
  };
}

/** One row's result as the job page lists it. */
export type JobItemView = z.output<typeof jobItemViewSchema>;

/** What GET /api/bulk-jobs/[jobId] answers. */
export type JobAnswer = z.output<typeof jobAnswerSchema>;

export async function readJobItems(
  db: { bulkItem: Tx["bulkItem"] },
  jobId: string,
  which: "all" | "failed",
): Promise<JobItemView[]> {
  const items = await db.bulkItem.findMany({
    where: { jobId, ...(which === "failed" ? { state: "failed" as const } : {}) },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      sheetLine: true,
      externalDeviceId: true,
      chektDeviceId: true,
      state: true,
      statusCode: true,
      errorMessage: true,
      payload: true,
    },
  });
  const retries = await db.bulkItem.findMany({
    where: { retryOfId: { in: items.filter((i) => i.state === "failed").map((i) => i.id) } },
    select: { retryOfId: true, jobId: true },
  });
  const retriedIn = new Map(retries.map((r) => [r.retryOfId!, r.jobId]));
  return items.map(({ sheetLine, ...i }) => ({
    ...i,
    row: sheetLine ?? i.position + 1,
    fromSheet: sheetLine !== null,
    payload: isRecord(i.payload) ? i.payload : {},
    retriedInJobId: retriedIn.get(i.id) ?? null,
  }));
}
