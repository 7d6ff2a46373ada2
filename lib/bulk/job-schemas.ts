// A bulk job's progress and rows on the wire (GET /api/bulk-jobs/[jobId]), declared once as zod
// schemas: lib/bulk/jobs.ts names their types for the server that builds them, and the job page
// checks what the route sends (components/devices/fetch-job.ts). No server imports (Prisma's enums
// module is plain values: the kinds, entities and item states are the database's).
import { z } from "zod";
import { BulkEntity, BulkItemState, BulkKind } from "@/lib/generated/prisma/enums";
import { JOB_STATES } from "./job-states";

const textOrNull = z.string().nullable();

export const jobProgressSchema = z.object({
  id: z.string(),
  kind: z.enum(BulkKind),
  /** devices of one site, or sites imported from a sheet (docs/import.md). */
  entity: z.enum(BulkEntity),
  state: z.enum(JOB_STATES),
  chektSiteId: z.number(),
  total: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  pending: z.number(),
  createdAt: z.string(),
  startedAt: textOrNull,
  finishedAt: textOrNull,
  createdByEmail: textOrNull,
  chunks: z.array(
    z.object({
      seq: z.number(),
      state: z.string(),
      attempts: z.number(),
      traceIds: z.array(z.string()),
      lastError: textOrNull,
    }),
  ),
});

export const jobItemViewSchema = z.object({
  id: z.string(),
  position: z.number(),
  /** The row's number as the user knows it: its sheet line when it came from a paste, else position + 1. */
  row: z.number(),
  /** True when `row` is the pasted sheet's line (header included). */
  fromSheet: z.boolean(),
  externalDeviceId: textOrNull,
  chektDeviceId: z.number().nullable(),
  state: z.enum(BulkItemState),
  statusCode: z.number().nullable(),
  errorMessage: textOrNull,
  payload: z.record(z.string(), z.unknown()),
  /** Set when this failed row was sent again in a later job. */
  retriedInJobId: textOrNull,
});

/** The route's answer: the per-row list only when asked for (?items=all|failed). */
export const jobAnswerSchema = z.object({
  job: jobProgressSchema,
  items: z.array(jobItemViewSchema).optional(),
});
