// A bulk job's states, and which of them are "in progress": one definition for the dashboard's
// "Bulk jobs in progress" count, the jobs lists' "In progress" filter (lib/bulk/jobs-read.ts) and a
// site's "a bulk job is running" notice. Plain values, so client components may read them too: the
// states are the database's enum, and Prisma's enums module holds no server code.
import { BulkJobState } from "@/lib/generated/prisma/enums";
import { keysOf } from "@/lib/keys-of";

export const JOB_STATES = keysOf(BulkJobState);
export type JobState = BulkJobState;

/** A job still to finish: waiting for the worker, or being sent. */
export const IN_PROGRESS_STATES = ["queued", "running"] as const satisfies readonly JobState[];

/** The jobs lists' filter value (`?state=active`) for IN_PROGRESS_STATES. */
export const IN_PROGRESS = "active";

export function isInProgress(state: JobState): boolean {
  return IN_PROGRESS_STATES.some((s) => s === state);
}
