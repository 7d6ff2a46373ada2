import "server-only";
// The pg-boss job that retries annotations CHeKT did not take (429, 5xx, dropped connection): a
// singleton queue run every minute, so one sweep at a time across every app instance; each row is
// leased before it is sent anyway (annotate.ts).
import PgBoss from "pg-boss";
import { deliverAnnotation, deliverDueAnnotations } from "./annotate";

export const ANNOTATIONS_QUEUE = "desk-annotations";

export async function startAnnotationWorker(opts: {
  connectionString: string;
  pollingIntervalSeconds?: number;
  log?: (m: string) => void;
}): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const log = opts.log ?? (() => undefined);
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: "pgboss", max: 2 });
  boss.on("error", (e) => log(`pg-boss: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  await boss.createQueue(ANNOTATIONS_QUEUE, { name: ANNOTATIONS_QUEUE, policy: "singleton" });
  await boss.work(ANNOTATIONS_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, async () => {
    const c = await deliverDueAnnotations();
    if (c.sent || c.pending || c.failed || c.scope_missing || c.no_key)
      log(
        `sent ${c.sent}, to retry ${c.pending}, failed ${c.failed}, scope missing ${c.scope_missing}, no key ${c.no_key}`,
      );
  });
  await boss.schedule(ANNOTATIONS_QUEUE, "* * * * *");
  return { boss, stop: () => boss.stop({ graceful: true }) };
}

/**
 * The first attempt, right after the answer was recorded, without making the operator wait for it:
 * whatever happens is kept on the row, and the sweep above retries what is still pending.
 */
export function kickAnnotation(dealerLinkId: string, verificationId: string, traceId?: string): void {
  void deliverAnnotation(dealerLinkId, verificationId, () => new Date(), traceId).catch((e) =>
    console.log(`[annotate] ${verificationId}: ${e instanceof Error ? e.message : String(e)} (the sweep retries it)`),
  );
}
