import "server-only";
// Offline alerts (docs/fleet.md): a device offline longer than its dealer's threshold raises one
// alert per offline spell (the spell is its status_at when it went offline, which CHeKT saying
// offline again does not move: lib/mirror/status-spell.ts; so a unique key on
// (dealer link, device, offline_since) makes raising idempotent across runs and instances); the
// alert clears when the device is no longer offline in that spell (online again, a newer spell,
// gone from CHeKT). Mail goes to the dealer's recipients through its own SMTP server, if set;
// a failure for now is tried again on later scans (lib/fleet/mail-retry.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { deviceStatusSql } from "./device-status";
import { offlineLongSql, offlineThresholdSql } from "./settings";
import { sendAlertMail, type SmtpSettings } from "./mail";
import { isTransientMailError, nextMailTry } from "./mail-retry";
import { errorText } from "@/lib/error-text";

export type RaisedAlert = {
  id: string;
  dealer_link_id: string;
  device_id: number;
  site_id: number;
  device_name: string;
  offline_since: Date;
};
export type AlertScan = { raised: RaisedAlert[]; cleared: number; emailed: number; emailErrors: number };

/** One pass over every dealer link: raise, clear, then mail what was raised and not yet mailed. */
export async function scanFleetAlerts(
  db: PrismaClient,
  opts: { now?: Date; decrypt: (sealed: string) => string },
): Promise<AlertScan> {
  const now = opts.now ?? new Date();
  // Each device's own dealer's threshold: the scan runs over every dealer at once.
  const offlineLong = offlineLongSql("d", offlineThresholdSql(Prisma.sql`d.dealer_link_id`), now);
  const raised = await db.$queryRaw<RaisedAlert[]>`
    INSERT INTO fleet_alerts (id, dealer_link_id, device_id, site_id, device_name, offline_since, raised_at)
    SELECT gen_random_uuid()::text, d.dealer_link_id, d.chekt_id, d.site_id, d.name, d.status_at, ${now}
      FROM mirror_devices d
     WHERE d.gone_at IS NULL AND ${offlineLong}
    ON CONFLICT (dealer_link_id, device_id, offline_since) DO NOTHING
    RETURNING id, dealer_link_id, device_id, site_id, device_name, offline_since`;
  const cleared = await db.$executeRaw`
    UPDATE fleet_alerts a SET cleared_at = ${now}
     WHERE a.cleared_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM mirror_devices d
                        WHERE d.dealer_link_id = a.dealer_link_id AND d.chekt_id = a.device_id AND d.gone_at IS NULL
                          AND ${Prisma.raw(deviceStatusSql("d.status", "offline"))}
                          AND d.status_at = a.offline_since)`;

  // Mail: every open alert not mailed yet (a crash between raising and mailing is caught up here),
  // and those whose mail failed for now and whose next try is due (lib/fleet/mail-retry.ts).
  const pending = await db.fleetAlert.findMany({
    where: { clearedAt: null, emailedAt: null, OR: [{ emailError: null }, { emailRetryAt: { lte: now } }] },
    orderBy: { offlineSince: "asc" },
  });
  const byLink = new Map<string, typeof pending>();
  for (const a of pending) byLink.set(a.dealerLinkId, [...(byLink.get(a.dealerLinkId) ?? []), a]);
  let emailed = 0;
  let emailErrors = 0;
  for (const [dealerLinkId, alerts] of byLink) {
    const s = await db.fleetSettings.findUnique({ where: { dealerLinkId } });
    if (!s?.smtpHost || !s.smtpPort || !s.smtpFrom || s.smtpRecipients.length === 0) continue;
    const ids = alerts.map((a) => a.id);
    try {
      // In the try: one dealer's unreadable password fails that dealer's mail, not the rest of the scan.
      const smtp: SmtpSettings = {
        host: s.smtpHost,
        port: s.smtpPort,
        user: s.smtpUser,
        password: s.smtpPasswordSealed ? unsealPassword(s.smtpPasswordSealed, opts.decrypt) : null,
        from: s.smtpFrom,
        to: s.smtpRecipients,
      };
      await sendAlertMail(smtp, alerts, s.offlineThresholdMin, now);
      await db.fleetAlert.updateMany({
        where: { id: { in: ids } },
        data: { emailedAt: new Date(), emailAttempts: { increment: 1 }, emailError: null, emailRetryAt: null },
      });
      emailed += ids.length;
    } catch (e) {
      await recordMailFailure(db, alerts, e, now);
      emailErrors += ids.length;
    }
  }
  return { raised, cleared, emailed, emailErrors };
}

function unsealPassword(sealed: string, decrypt: (sealed: string) => string): string {
  try {
    return decrypt(sealed);
  } catch (e) {
    throw new Error(`The stored SMTP password cannot be read (${errorText(e)}); enter it again in Fleet settings`);
  }
}

/**
 * Kept on the alerts and shown in the list. A failure for now (lib/fleet/mail-retry.ts) is tried
 * again on a later scan, a few times over an hour; any other, or the last try's, stands: no tries
 * every minute against a server that refuses. The alerts of one mail may be at different tries.
 */
async function recordMailFailure(
  db: PrismaClient,
  alerts: { id: string; emailAttempts: number }[],
  e: unknown,
  now: Date,
) {
  const transient = isTransientMailError(e);
  const reason = errorText(e);
  const byTries = new Map<number, string[]>();
  for (const a of alerts) byTries.set(a.emailAttempts + 1, [...(byTries.get(a.emailAttempts + 1) ?? []), a.id]);
  for (const [tries, ids] of byTries) {
    const retryAt = nextMailTry(tries, transient, now);
    const gaveUp = transient && !retryAt ? `Gave up after ${tries} tries: ` : "";
    await db.fleetAlert.updateMany({
      where: { id: { in: ids } },
      data: { emailAttempts: tries, emailRetryAt: retryAt, emailError: (gaveUp + reason).slice(0, 500) },
    });
  }
}
