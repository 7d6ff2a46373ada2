import "server-only";
// Starting a dealer's full sweep on purpose rather than on the minute tick: right after it is connected
// (the callback route), so its pages fill without anyone pressing anything, and from the dashboard's
// Refresh. Progress shows on the dealer page and the dashboard (components/mirror/sync-progress.tsx).
import { prisma } from "@/lib/db";
import { errorText } from "@/lib/error-text";

const QUEUED_AGAIN = { state: "queued", phase: null, cursor: null, done: 0, total: null, lastError: null };

async function queueSweepJob(dealerLinkId: string): Promise<void> {
  const { backgroundQueue } = await import("@/lib/background");
  const { queueSync } = await import("@/lib/jobs/sync-worker");
  await queueSync(await backgroundQueue(), dealerLinkId);
}

/** Marks the link "queued" (the pages show it at once) and asks the worker to sweep it now. Never throws. */
export async function queueFirstSync(dealerLinkId: string): Promise<void> {
  try {
    const queued = { ...QUEUED_AGAIN, firstSync: true, startedAt: null, finishedAt: null };
    await prisma.mirrorSync.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...queued }, update: queued });
    await queueSweepJob(dealerLinkId);
  } catch (e) {
    // The minute tick finds a link that was never swept and queues it then.
    console.log(`[mirror] first sync of ${dealerLinkId} not queued now (${errorText(e)}); ` + "the next tick will");
  }
}

/** "started": this call queued the sweep; "joined": one was already queued or running. */
export type SweepAsked = "started" | "joined";

/**
 * The dashboard's Refresh (lib/mirror/actions.ts). What the dashboard shows (every site and station
 * counted) is only kept by the sweep, so its Refresh asks for the sweep at the "sync" class instead of
 * reading every site at "read" while the user waits: no CHeKT call here. An idle link is marked
 * "queued" with one conditional update, so two clicks (or two instances) start one sweep; the last
 * finished time stays (the page's "As of" until this sweep ends). A failed sweep is queued as it is,
 * so it resumes where it stopped. The job is queued every time: pg-boss keeps one waiting per dealer
 * and the dealer's lock one running, and a queue that is down leaves the row non-idle, which the
 * minute tick queues (lib/jobs/sync-worker.ts).
 */
export async function startOrJoinSweep(dealerLinkId: string): Promise<SweepAsked> {
  const row = await prisma.mirrorSync.findUnique({ where: { dealerLinkId }, select: { state: true } });
  let asked: SweepAsked;
  if (!row) {
    const made = await prisma.mirrorSync.createMany({
      data: [{ dealerLinkId, ...QUEUED_AGAIN }],
      skipDuplicates: true,
    });
    asked = made.count === 1 ? "started" : "joined";
  } else if (row.state === "idle") {
    const marked = await prisma.mirrorSync.updateMany({ where: { dealerLinkId, state: "idle" }, data: QUEUED_AGAIN });
    asked = marked.count === 1 ? "started" : "joined";
  } else asked = row.state === "failed" ? "started" : "joined";
  try {
    await queueSweepJob(dealerLinkId);
  } catch (e) {
    console.log(`[mirror] sweep of ${dealerLinkId} not queued now (${errorText(e)}); the next tick will`);
  }
  return asked;
}
