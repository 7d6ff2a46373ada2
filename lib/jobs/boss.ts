// A worker's pg-boss, started: pg-boss reports its errors as events, not throws, so they go to the
// worker's log (a failed write of a job's outcome too: patches/pg-boss+10.4.2.patch, in README); the
// worker's queues are created before it works or sends on them.
import PgBoss from "pg-boss";
import { errorText } from "@/lib/error-text";

export type BossOptions = {
  connectionString: string;
  /** pg-boss schema (default "pgboss"); tests give each run its own database instead. */
  schema?: string;
  /** Connections in its pool. */
  max: number;
  log: (message: string) => void;
};

export async function startBoss(opts: BossOptions, createQueues: (boss: PgBoss) => Promise<void>): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: opts.schema ?? "pgboss", max: opts.max });
  boss.on("error", (e) => opts.log(`pg-boss: ${errorText(e)}`));
  await boss.start();
  await createQueues(boss);
  return boss;
}
