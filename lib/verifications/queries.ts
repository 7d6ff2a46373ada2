import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { occurredWhere } from "./day-query";
import { stateAt } from "./open";
import { openWhere, stateWhere } from "./open-query";
import { siteInfo } from "./site-info";
import { snapshotImageKey } from "./snapshot-key";
import type { QueueItem, QueueSnapshot, VerificationState } from "./types";
import { siteLabel } from "@/lib/site-label";

type Row = Prisma.VerificationGetPayload<object>;

/**
 * The open items of one dealer (open.ts: pending or claimed, not past their deadline), oldest deadline first.
 * `viewerId` decides `claimedByMe`; no user id ever leaves the server.
 */
export async function listOpen(
  dealerLinkId: string,
  chektDealerId: number,
  viewerId: string | null,
  now = new Date(),
): Promise<QueueItem[]> {
  const rows = await prisma.verification.findMany({
    where: { dealerLinkId, ...openWhere(now) },
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
  // One round trip: the live stream reads one item per change, and three queries in a row (the
  // verification, then its alarm and snapshots, then its site) were most of webhook → visible.
  const rows = await prisma.$queryRaw<OneRow[]>`
    SELECT v.id, v.dealer_link_id AS "dealerLinkId", v.alarm_id AS "alarmId", v.site_id AS "siteId",
           v.device_id AS "deviceId", v.zone_number AS "zoneNumber", v.contact_id AS "contactId",
           v.event_code AS "eventCode", v.description, v.occurred_at AS "occurredAt", v.expires_at AS "expiresAt",
           v.state::text AS state, v.claimed_by_id AS "claimedById", v.claimed_by_name AS "claimedByName",
           v.claimed_at AS "claimedAt", v.answered_by_name AS "answeredByName", v.answered_at AS "answeredAt",
           v.answer_action AS "answerAction", v.answer_error AS "answerError",
           v.answer_idempotency_key AS "answerIdemKey", v.updated_at AS "updatedAt",
           a.id AS "aId", a.priority AS "aPriority", a."trigger" AS "aTrigger", a.location AS "aLocation",
           a.state AS "aState", a.snapshot_url AS "aSnapshotUrl", a.created_at AS "aCreatedAt",
           a.updated_at AS "aUpdatedAt",
           (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                     'id', s.id, 'url', s.url,
                     'capturedAt', (extract(epoch FROM s.captured_at) * 1000)::bigint,
                     'createdAt', (extract(epoch FROM s.created_at) * 1000)::bigint) ORDER BY s.captured_at), '[]')
              FROM snapshots s WHERE s.dealer_link_id = v.dealer_link_id AND s.alarm_id = v.alarm_id) AS snaps,
           ms.name AS "siteName", ms.timezone AS "siteTimezone", ms.chekt_id IS NOT NULL AS "siteKnown"
      FROM verifications v
      LEFT JOIN alarms a ON a.dealer_link_id = v.dealer_link_id AND a.id = v.alarm_id
      LEFT JOIN dealer_links l ON l.chekt_dealer_id = ${chektDealerId}
      LEFT JOIN mirror_sites ms ON ms.dealer_link_id = l.id AND ms.chekt_id = v.site_id
     WHERE v.dealer_link_id = ${dealerLinkId} AND v.id = ${id}`;
  const r = rows[0];
  if (!r) return null;
  const alarm: ItemAlarm | undefined = r.aId
    ? {
        id: r.aId,
        priority: r.aPriority,
        trigger: r.aTrigger,
        location: r.aLocation,
        state: r.aState ?? "open",
        snapshotUrl: r.aSnapshotUrl,
        createdAt: r.aCreatedAt,
        updatedAt: r.aUpdatedAt ?? r.updatedAt,
      }
    : undefined;
  const snaps: ItemSnapshot[] = r.snaps.map((x) => ({
    id: x.id,
    url: x.url,
    capturedAt: new Date(Number(x.capturedAt)),
    createdAt: new Date(Number(x.createdAt)),
  }));
  const site = r.siteKnown ? { name: siteLabel(r.siteId, r.siteName), timezone: r.siteTimezone } : null;
  return toItem(r, alarm, snaps, site, viewerId);
}

type ItemRow = Pick<
  Row,
  | "id"
  | "alarmId"
  | "siteId"
  | "deviceId"
  | "zoneNumber"
  | "contactId"
  | "eventCode"
  | "description"
  | "occurredAt"
  | "expiresAt"
  | "state"
  | "claimedById"
  | "claimedByName"
  | "claimedAt"
  | "answeredByName"
  | "answeredAt"
  | "answerAction"
  | "answerError"
  | "answerIdemKey"
  | "updatedAt"
>;
type ItemAlarm = {
  id: string;
  priority: string | null;
  trigger: string | null;
  location: string | null;
  state: string;
  snapshotUrl: string | null;
  createdAt: Date | null;
  updatedAt: Date;
};
type ItemSnapshot = { id: string; url: string; capturedAt: Date; createdAt: Date };
type OneRow = ItemRow & {
  dealerLinkId: string;
  aId: string | null;
  aPriority: string | null;
  aTrigger: string | null;
  aLocation: string | null;
  aState: string | null;
  aSnapshotUrl: string | null;
  aCreatedAt: Date | null;
  aUpdatedAt: Date | null;
  // bigint epoch ms come back from jsonb as numbers
  snaps: { id: string; url: string; capturedAt: number; createdAt: number }[];
  siteName: string | null;
  siteTimezone: string | null;
  siteKnown: boolean;
};

export type HistoryFilter = {
  state?: VerificationState;
  siteId?: number;
  operator?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

export const HISTORY_PAGE_SIZE = 50;

/**
 * One page of a dealer's verifications, newest alarm first. Days are the alarm's own (day-query.ts) and
 * states as they stand at `now` (stateAt in open.ts), as the desk report counts them: an item past its
 * deadline is listed, filtered and shown as expired even before the sweep moved it.
 */
export async function listHistory(dealerLinkId: string, chektDealerId: number, f: HistoryFilter, now = new Date()) {
  const operator: Prisma.VerificationWhereInput = {
    OR: [
      { answeredByName: { contains: f.operator, mode: "insensitive" } },
      { claimedByName: { contains: f.operator, mode: "insensitive" } },
    ],
  };
  const where: Prisma.VerificationWhereInput = {
    dealerLinkId,
    ...(f.siteId ? { siteId: f.siteId } : {}),
    ...occurredWhere(f.from, f.to),
    // The state filter and the operator's may each be an OR: side by side under AND, neither replaces the other.
    AND: [...(f.state ? [stateWhere(f.state, now)] : []), ...(f.operator ? [operator] : [])],
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
  const seen = rows.map((r) => ({ ...r, state: stateAt(r, now) }));
  return { total, page, items: await decorate(seen, chektDealerId, null) };
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
    return toItem(r, alarm, list, sites.get(r.siteId) ?? null, viewerId);
  });
}

function sameImage(a: string, b: string): boolean {
  const origin = new URL(env.CHEKT_API_BASE_URL).origin;
  return a === b || snapshotImageKey(a, origin) === snapshotImageKey(b, origin);
}

function toItem(
  r: ItemRow,
  alarm: ItemAlarm | undefined,
  list: ItemSnapshot[],
  site: { name: string; timezone: string | null } | null,
  viewerId: string | null,
): QueueItem {
  const snapshots: QueueSnapshot[] = list.map((s) => ({ id: s.id, capturedAt: s.capturedAt.toISOString() }));
  // alarm.created carries one snapshot_url of its own; show it unless a snapshot row has the same image
  // (the same key the store uses: a re-signed URL of the same CHeKT snapshot is the same image).
  const alarmUrl = alarm?.snapshotUrl;
  if (alarm && alarmUrl && !list.some((s) => sameImage(s.url, alarmUrl))) {
    snapshots.unshift({ id: `alarm:${alarm.id}`, capturedAt: alarm.createdAt?.toISOString() ?? null });
  }
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
}
