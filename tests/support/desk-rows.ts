// Alarm desk rows written straight to Postgres, as the webhook receiver would store them, for tests
// that need another dealer's desk data in place (tenancy) without raising alarms on the simulator.
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A high-priority alarm of the dealer at `siteId` and its pending verification, due 30 minutes after `now`. */
export async function seedOpenAlarm(
  prisma: PrismaClient,
  row: {
    alarmId: string;
    verificationId: string;
    dealerLinkId: string;
    siteId: number;
    location: string;
    snapshotUrl: string;
    now: Date;
  },
) {
  const { alarmId, verificationId, dealerLinkId, siteId, now } = row;
  await prisma.alarm.create({
    data: {
      id: alarmId,
      dealerLinkId,
      siteId,
      priority: "high",
      location: row.location,
      snapshotUrl: row.snapshotUrl,
      seenCreated: true,
      createdAt: now,
    },
  });
  await prisma.verification.create({
    data: {
      id: verificationId,
      dealerLinkId,
      alarmId,
      siteId,
      occurredAt: now,
      expiresAt: new Date(now.getTime() + 30 * 60_000),
    },
  });
}
