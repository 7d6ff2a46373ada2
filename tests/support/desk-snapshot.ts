// Another dealer's open alarm with the snapshot CHeKT sent for it, written straight to Postgres: what the
// tenancy files need in place to prove a dealer can neither list nor fetch the other's snapshot.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedOpenAlarm } from "./desk-rows";

/**
 * `seedOpenAlarm`'s rows (alarm `alm_<id>`, verification `ver_<id>`, at "B lobby") plus its snapshot row
 * `snap_<id>` at the simulator's `/snap.jpg`, all taken at `now`.
 */
export async function seedOpenAlarmWithSnapshot(
  prisma: PrismaClient,
  id: string,
  at: { dealerLinkId: string; siteId: number; simUrl: string; now: Date },
) {
  const { dealerLinkId, siteId, now } = at;
  const alarm = { alarmId: `alm_${id}`, dealerLinkId, siteId, snapshotUrl: `${at.simUrl}/snap.jpg`, now };
  await seedOpenAlarm(prisma, { ...alarm, verificationId: `ver_${id}`, location: "B lobby" });
  await prisma.snapshot.create({
    data: { id: `snap_${id}`, dealerLinkId, alarmId: alarm.alarmId, siteId, url: alarm.snapshotUrl, capturedAt: now },
  });
}
