import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { siteInfo } from "./site-info";
import type { QueueItem, QueueSnapshot, VerificationState } from "./types";

type Row = Prisma.VerificationGetPayload<object>;

/**
 * Pending and claimed items of one dealer, oldest deadline first, not yet past their deadline.
 * `viewerId` decides `claimedByMe`; no user id ever leaves the server.
 */
export async function listOpen(
  dealerLinkId: string,
  chektDealerId: number,
  viewerId: string | null,
  now = new Date(),
): Promise<QueueItem[]> {
  const rows = await prisma.verification.findMany({
    where: { dealerLinkId, state: { in: ["pending", "claimed"] }, expiresAt: { gt: now } },
    orderBy: [{ expiresAt: "asc" }, { occurredAt: "asc" }],
    take: 500,
  });
  return decorate(rows, chektDealerId, viewerId);
}

export async function getItem(
  id: string,
  dealerLinkId: string,
  chektDealerId: number,
  viewerId: string | null,
): Promise<QueueItem | null> {
  const row = await prisma.verification.findFirst({ where: { id, dealerLinkId } });
  if (!row) return null;
  return (await decorate([row], chektDealerId, viewerId))[0];
}

export type HistoryFilter = {
  state?: VerificationState;
  siteId?: number;
  operator?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

export const HISTORY_PAGE_SIZE = 50;

export async function listHistory(dealerLinkId: string, chektDealerId: number, f: HistoryFilter) {
  const where: Prisma.VerificationWhereInput = {
    dealerLinkId,
    ...(f.state ? { state: f.state } : {}),
    ...(f.siteId ? { siteId: f.siteId } : {}),
    ...(f.operator
      ? {
          OR: [
            { answeredByName: { contains: f.operator, mode: "insensitive" } },
            { claimedByName: { contains: f.operator, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const page = Math.max(1, f.page ?? 1);
  const [total, rows] = await Promise.all([
    prisma.verification.count({ where }),
    prisma.verification.findMany({
      where,
      orderBy: { occurredAt: "desc" },
      skip: (page - 1) * HISTORY_PAGE_SIZE,
      take: HISTORY_PAGE_SIZE,
    }),
  ]);
  return { total, page, items: await decorate(rows, chektDealerId, null) };
}

/** Joins alarm details and snapshots by alarm id (whichever arrived first) and the site's name. */
async function decorate(rows: Row[], chektDealerId: number, viewerId: string | null): Promise<QueueItem[]> {
  if (rows.length === 0) return [];
  const alarmIds = [...new Set(rows.map((r) => r.alarmId).filter((a): a is string => !!a))];
  // Alarm and snapshot ids are only unique within a dealer link: join on (dealer link, alarm id).
  const dealerLinkIds = [...new Set(rows.map((r) => r.dealerLinkId))];
  const [alarms, snaps] = await Promise.all([
    prisma.alarm.findMany({ where: { dealerLinkId: { in: dealerLinkIds }, id: { in: alarmIds } } }),
    prisma.snapshot.findMany({
      where: { dealerLinkId: { in: dealerLinkIds }, alarmId: { in: alarmIds } },
      orderBy: { capturedAt: "asc" },
    }),
  ]);
  const alarmById = new Map(alarms.map((a) => [`${a.dealerLinkId}:${a.id}`, a]));
  const snapsByAlarm = new Map<string, { id: string; url: string; capturedAt: Date; createdAt: Date }[]>();
  for (const s of snaps) {
    if (!s.alarmId) continue;
    const key = `${s.dealerLinkId}:${s.alarmId}`;
    const list = snapsByAlarm.get(key) ?? [];
    list.push(s);
    snapsByAlarm.set(key, list);
  }
  const siteIds = [...new Set(rows.map((r) => r.siteId))];
  const sites = new Map(await Promise.all(siteIds.map(async (id) => [id, await siteInfo(chektDealerId, id)] as const)));

  return rows.map((r) => {
    const alarm = r.alarmId ? alarmById.get(`${r.dealerLinkId}:${r.alarmId}`) : undefined;
    const list = (r.alarmId && snapsByAlarm.get(`${r.dealerLinkId}:${r.alarmId}`)) || [];
    const snapshots: QueueSnapshot[] = list.map((s) => ({ id: s.id, capturedAt: s.capturedAt.toISOString() }));
    // alarm.created carries one snapshot_url of its own; show it unless a snapshot row has the same image.
    if (alarm?.snapshotUrl && !list.some((s) => s.url === alarm.snapshotUrl)) {
      snapshots.unshift({ id: `alarm:${alarm.id}`, capturedAt: alarm.createdAt?.toISOString() ?? null });
    }
    const site = sites.get(r.siteId);
    // The item's version: its newest change, whichever row it came from (a snapshot or an alarm
    // update changes what the page shows without touching the verification row).
    const version = Math.max(
      r.updatedAt.getTime(),
      alarm?.updatedAt.getTime() ?? 0,
      ...list.map((s) => s.createdAt.getTime()),
    );
    return {
      id: r.id,
      alarmId: r.alarmId,
      siteId: r.siteId,
      siteName: site?.name ?? null,
      siteTimezone: site?.timezone ?? null,
      deviceId: r.deviceId,
      zoneNumber: r.zoneNumber,
      contactId: r.contactId,
      eventCode: r.eventCode,
      description: r.description,
      occurredAt: r.occurredAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      state: r.state,
      claimedByMe: viewerId !== null && r.state === "claimed" && r.claimedById === viewerId,
      claimedByName: r.claimedByName,
      claimedAt: r.claimedAt?.toISOString() ?? null,
      answeredByName: r.answeredByName,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      answerAction: r.answerAction,
      answerError: r.answerError,
      priority: alarm?.priority ?? null,
      trigger: alarm?.trigger ?? null,
      location: alarm?.location ?? null,
      alarmState: alarm?.state ?? null,
      snapshots,
      updatedAt: r.updatedAt.toISOString(),
      version,
      answerStored:
        r.state === "claimed" && r.answerIdemKey && (r.answerAction === "dispatch" || r.answerAction === "disregard")
          ? r.answerAction
          : null,
    };
  });
}
