import "server-only";
import { prisma } from "@/lib/db";
import { mirrorSiteNames } from "@/lib/mirror/read";
import { siteLabel } from "@/lib/site-label";
import { alertMail, type AlertMail } from "./mail-retry";

/** How far back the alerts page lists cleared alerts. */
const CLEARED_FOR_MS = 7 * 86_400_000;

export type AlertView = {
  id: string;
  siteId: number;
  siteName: string;
  deviceName: string;
  offlineSince: Date;
  clearedAt: Date | null;
  /** Null until its mail is first tried (or with no SMTP set). */
  mail: AlertMail | null;
};

/**
 * The dealer's open offline alerts and those cleared in the last week (newest first, at most 200),
 * each with its site's name from the mirror and where its mail stands.
 */
export async function readFleetAlerts(dealerLinkId: string, now: Date) {
  const alerts = await prisma.fleetAlert.findMany({
    where: {
      dealerLinkId,
      OR: [{ clearedAt: null }, { clearedAt: { gte: new Date(now.getTime() - CLEARED_FOR_MS) } }],
    },
    orderBy: [{ raisedAt: "desc" }],
    take: 200,
  });
  const names = await mirrorSiteNames(
    dealerLinkId,
    alerts.map((a) => a.siteId),
  );
  const views: AlertView[] = alerts.map((a) => ({
    id: a.id,
    siteId: a.siteId,
    siteName: siteLabel(a.siteId, names.get(a.siteId)),
    deviceName: a.deviceName,
    offlineSince: a.offlineSince,
    clearedAt: a.clearedAt,
    mail: alertMail(a, now),
  }));
  return { open: views.filter((a) => !a.clearedAt), cleared: views.filter((a) => a.clearedAt) };
}
