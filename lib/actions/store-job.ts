import "server-only";
import { randomUUID } from "node:crypto";
import { kickBulkJob } from "@/lib/background";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActionContext, DealerActionContext } from "./client";

/** What an action that stored a job answers: the job, how many items it holds, how many rows were left out. */
export type JobStarted = { jobId: string; queued: number; skipped: number };

/**
 * What every stored job row carries: its id (also the audit row's external id), dealer, creator, and the action's
 * trace id (which the job's closing audit row carries too).
 */
export type JobOwner = { id: string; dealerLinkId: string; user: ActionContext["user"]; traceId: string };

/**
 * A bulk job (device changes, site import) stored by an action: `insert` writes the job and its items
 * in the same transaction as the action's audit row (which names the job and says `after`), then
 * the worker is woken. Returns the job's id.
 */
export async function storeJob(
  ctx: DealerActionContext,
  after: Record<string, unknown>,
  insert: (tx: Prisma.TransactionClient, job: JobOwner) => Promise<unknown>,
): Promise<string> {
  const job: JobOwner = { id: randomUUID(), dealerLinkId: ctx.dealer.id, user: ctx.user, traceId: ctx.traceId };
  await ctx.commit({ externalId: job.id, after }, (tx) => insert(tx, job));
  await kickBulkJob(job.id);
  return job.id;
}
