import "server-only";
// The pg-boss job that runs the offline-alert scan every minute (lib/fleet/alerts.ts). The queue
// is a singleton: one scan at a time across every app instance; raising is idempotent anyway.
import PgBoss from "pg-boss";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/secrets";
import { scanFleetAlerts } from "@/lib/fleet/alerts";

export const FLEET_ALERTS_QUEUE = "fleet-alerts";

export async function startFleetAlertWorker(opts: {
  connectionString: string;
  pollingIntervalSeconds?: number;
  log?: (m: string) => void;
}): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const log = opts.log ?? (() => undefined);
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: "pgboss", max: 2 });
  boss.on("error", (e) => log(`pg-boss: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  await boss.createQueue(FLEET_ALERTS_QUEUE, { name: FLEET_ALERTS_QUEUE, policy: "singleton" });
  await boss.work(FLEET_ALERTS_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, async () => {
    const r = await scanFleetAlerts(prisma, { decrypt: (s) => decryptSecret(s, env.SECRETS_ENCRYPTION_KEY) });
    if (r.raised.length || r.cleared || r.emailErrors)
      log(`raised ${r.raised.length}, cleared ${r.cleared}, mailed ${r.emailed}, mail failed ${r.emailErrors}`);
  });
  await boss.schedule(FLEET_ALERTS_QUEUE, "* * * * *");
  return { boss, stop: () => boss.stop({ graceful: true }) };
}
