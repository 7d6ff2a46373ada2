import "server-only";
// A pg-boss queue whose job runs once a minute on one app instance at a time (a singleton queue:
// a run still going when the next minute comes is not doubled). The fleet's offline alerts and the
// desk's annotation retries run this way.
import PgBoss from "pg-boss";

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
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: "pgboss", max: 2 });
  boss.on("error", (e) => log(`pg-boss: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  await boss.createQueue(queue, { name: queue, policy: "singleton" });
  await boss.work(queue, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, () => run(log));
  await boss.schedule(queue, "* * * * *");
  return { boss, stop: () => boss.stop({ graceful: true }) };
}
