import "server-only";
// The pg-boss job that runs the offline-alert scan every minute (lib/fleet/alerts.ts). The queue
// is a singleton: one scan at a time across every app instance; raising is idempotent anyway.
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/secrets";
import { scanFleetAlerts } from "@/lib/fleet/alerts";
import { startMinutelyWorker, type MinutelyWorkerOptions } from "./minutely";

export const FLEET_ALERTS_QUEUE = "fleet-alerts";

export function startFleetAlertWorker(opts: MinutelyWorkerOptions) {
  return startMinutelyWorker(FLEET_ALERTS_QUEUE, opts, async (log) => {
    const r = await scanFleetAlerts(prisma, { decrypt: (s) => decryptSecret(s, env.SECRETS_ENCRYPTION_KEY) });
    if (r.raised.length || r.cleared || r.emailErrors)
      log(`raised ${r.raised.length}, cleared ${r.cleared}, mailed ${r.emailed}, mail failed ${r.emailErrors}`);
  });
}
