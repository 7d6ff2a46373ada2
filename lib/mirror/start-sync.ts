import "server-only";
// A full sweep right after a dealer is connected (the callback route), so its pages fill without
// anyone pressing anything; progress shows on the dealer page and the dashboard.
import { prisma } from "@/lib/db";
import { errorText } from "@/lib/error-text";

/** Marks the link "queued" (the pages show it at once) and asks the worker to sweep it now. Never throws. */
export async function queueFirstSync(dealerLinkId: string): Promise<void> {
  try {
    const queued = {
      state: "queued",
      firstSync: true,
      phase: null,
      cursor: null,
      done: 0,
      total: null,
      lastError: null,
      startedAt: null,
      finishedAt: null,
    };
    await prisma.mirrorSync.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...queued }, update: queued });
    const { backgroundQueue } = await import("@/lib/background");
    const { queueSync } = await import("@/lib/jobs/sync-worker");
    await queueSync(await backgroundQueue(), dealerLinkId);
  } catch (e) {
    // The minute tick finds a link that was never swept and queues it then.
    console.log(`[mirror] first sync of ${dealerLinkId} not queued now (${errorText(e)}); ` + "the next tick will");
  }
}
