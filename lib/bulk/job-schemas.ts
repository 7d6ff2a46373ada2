// A bulk job's progress and rows on the wire (GET /api/bulk-jobs/[jobId]), declared once as zod
// schemas: lib/bulk/jobs.ts names their types for the server that builds them, and the job page
// checks what the route sends (components/devices/fetch-job.ts). No server imports.
import { z } from "zod";
import { JOB_STATES } from "./job-states";

const kind = z.enum(["create", "update", "delete"]);

export const jobProgressSchema = z.object({
  id: z.string(),
  kind,
  /** devices of one site, or sites imported from a sheet (docs/import.md). */
  entity: z.enum(["devices", "sites"]),
  state: z.enum(JOB_STATES),
  chektSiteId: z.number(),
  total: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  pending: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdByEmail: z.string().nullable(),
  chunks: z.array(
    z.object({
      seq: z.number(),
      state: z.string(),
      attempts: z.number(),
      traceIds: z.array(z.string()),
      lastError: z.string().nullable(),
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
  externalDeviceId: z.string().nullable(),
  chektDeviceId: z.number().nullable(),
  // The database's item states (prisma/schema.prisma, BulkItemState).
  state: z.enum(["pending", "sending", "succeeded", "failed", "skipped"]),
  statusCode: z.number().nullable(),
  errorMessage: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  /** Set when this failed row was sent again in a later job. */
  retriedInJobId: z.string().nullable(),
});

/** The route's answer: the per-row list only when asked for (?items=all|failed). */
export const jobAnswerSchema = z.object({
  job: jobProgressSchema,
  items: z.array(jobItemViewSchema).optional(),
});
