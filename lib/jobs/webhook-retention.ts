import "server-only";
// The pg-boss job that prunes the webhook log every minute (lib/webhooks/retention.ts says what goes
// and when). The queue is a singleton: one prune at a time across every app instance; each run is
// bounded, so a backlog drains over the following minutes.
import { prisma } from "@/lib/db";
import { pruneWebhookLog } from "@/lib/webhooks/retention";
import { startMinutelyWorker, type MinutelyWorkerOptions } from "./minutely";

export const WEBHOOK_RETENTION_QUEUE = "webhook-log-retention";

export function startWebhookRetentionWorker(opts: MinutelyWorkerOptions) {
  return startMinutelyWorker(WEBHOOK_RETENTION_QUEUE, opts, async (log) => {
    const { deleted, more } = await pruneWebhookLog(prisma, { now: new Date() });
    const total = Object.values(deleted).reduce((a, n) => a + n, 0);
    if (total)
      log(
        `deleted ${deleted.refused} refused and ${deleted.deliveries} other deliveries, ${deleted.refusalCounts} ` +
          `refusal counts, ${deleted.unknownKeys} unknown-key counts${more ? "; more next minute" : ""}`,
      );
  });
}
