import "server-only";
// A pg-boss queue whose job runs once a minute on one app instance at a time (a singleton queue:
// a run still going when the next minute comes is not doubled). The fleet's offline alerts and the
// desk's annotation retries run this way.
import type PgBoss from "pg-boss";
import { startBoss } from "./boss";

export type MinutelyWorkerOptions = {
  connectionString: string;
  pollingIntervalSeconds?: number;
  log?: (m: string) => void;
};

export async function startMinutelyWorker(
  queue: string,
  opts: MinutelyWorkerOptions,
  run: (log: (m: string) => void) => Promise<void>,
): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const log = opts.log ?? (() => undefined);
  const boss = await startBoss({ connectionString: opts.connectionString, max: 2, log }, async (b) => {
    await b.createQueue(queue, { name: queue, policy: "singleton" });
  });
  await boss.work(queue, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, () => run(log));
  await boss.schedule(queue, "* * * * *");
  return { boss, stop: () => boss.stop({ graceful: true }) };
}
