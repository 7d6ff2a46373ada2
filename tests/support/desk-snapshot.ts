// Another dealer's open alarm with the snapshot CHeKT sent for it, written straight to Postgres: what the
// tenancy files need in place to prove a dealer can neither list nor fetch the other's snapshot.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedOpenAlarm } from "./desk-rows";

/** `seedOpenAlarm`'s rows plus a snapshot row `snapshotId` of that alarm at its `snapshotUrl`, taken at `now`. */
export async function seedOpenAlarmWithSnapshot(
  prisma: PrismaClient,
  row: Parameters<typeof seedOpenAlarm>[1] & { snapshotId: string },
) {
  const { snapshotId, ...alarm } = row;
  await seedOpenAlarm(prisma, alarm);
  await prisma.snapshot.create({
    data: {
      id: snapshotId,
      dealerLinkId: alarm.dealerLinkId,
      alarmId: alarm.alarmId,
      siteId: alarm.siteId,
      url: alarm.snapshotUrl,
      capturedAt: alarm.now,
    },
  });
}
