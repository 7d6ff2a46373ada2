import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  ResponseArmingSettingDto,
  ResponseContactDto,
  ResponseDealerDto,
  ResponseMonitoringStationDto,
  ResponseSiteBasicDto,
  ResponseSiteDto,
} from "@/lib/schemas/contract";
import {
  armingReadSql,
  armingWriteSql,
  contactsReadSql,
  contactsWriteSql,
  deletedSql,
  devicesReadSql,
  devicesWriteSql,
  sitesReadSql,
  sitesWriteSql,
  stationsReadSql,
  stationsWriteSql,
  type MirrorKind,
} from "./batch";
import { json, siteSearchText, type MirroredDevice } from "./sql-values";

export { siteSearchText, type MirroredDevice, type MirrorKind };

/**
 * Writes CHeKT's answers into the mirror (docs/mirror.md). One function per kind, each taking a
 * transaction so a write-through lands with the mapping and the audit row, or not at all. Every
 * writer records `confirmedAt` (CHeKT just told us this) and clears `goneAt`. `how` says whether
 * the answer came from our own write (a change we made) or from a read/sweep: only a read that
 * differs from what we had marks the row as changed in CHeKT. Each is batch.ts's one-statement
 * upsert for a batch of one, the statement the sweep writes whole pages with.
 */
type Tx = Prisma.TransactionClient;
export type MirrorSource = "write" | "read";
type Opts = { at?: Date; how?: MirrorSource };

/** JSON with object keys sorted: jsonb hands keys back in its own order, not the order written. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

function sameDto(before: Prisma.JsonValue | undefined, dto: object): boolean {
  return before !== undefined && canonical(before) === canonical(json(dto));
}

const isRead = (o: Opts) => (o.how ?? "read") === "read";

/**
 * What every row of an upsert takes from CHeKT's answer: the answer itself, confirmed now, not gone,
 * and `changedAt` set when a read finds CHeKT's copy differs from ours (our own write flags nothing).
 */
function fromAnswer(prior: { dto: Prisma.JsonValue; changedAt: Date | null } | null, dto: object, o: Opts, at: Date) {
  const changedAt = !prior || (o.how ?? "read") === "write" ? null : sameDto(prior.dto, dto) ? prior.changedAt : at;
  return { dto: json(dto), confirmedAt: at, goneAt: null, changedAt };
}

export async function mirrorDealer(tx: Tx, dealerLinkId: string, dto: ResponseDealerDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  const prior = await tx.mirrorDealer.findUnique({ where: { dealerLinkId }, select: { dto: true, changedAt: true } });
  const data = {
    chektDealerId: dto.dealer_id,
    companyName: dto.company_name,
    ...fromAnswer(prior, dto, o, at),
  };
  await tx.mirrorDealer.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...data }, update: data });
}

export async function mirrorStation(tx: Tx, dealerLinkId: string, dto: ResponseMonitoringStationDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  await tx.$executeRaw((isRead(o) ? stationsReadSql : stationsWriteSql)(dealerLinkId, [dto], at));
}

/** A site as a list or a write answered it (ResponseSiteBasicDto) or as GET answered it (ResponseSiteDto). */
export async function mirrorSite(
  tx: Tx,
  dealerLinkId: string,
  dto: ResponseSiteBasicDto | ResponseSiteDto,
  o: Opts = {},
) {
  const at = o.at ?? new Date();
  await tx.$executeRaw((isRead(o) ? sitesReadSql : sitesWriteSql)(dealerLinkId, [dto], at));
}

export async function mirrorContact(
  tx: Tx,
  dealerLinkId: string,
  siteId: number,
  dto: ResponseContactDto,
  o: Opts = {},
) {
  const at = o.at ?? new Date();
  const write = isRead(o)
    ? contactsReadSql(dealerLinkId, siteId, [dto], at)
    : contactsWriteSql(dealerLinkId, [{ siteId, dto }], at);
  await tx.$executeRaw(write);
}

/**
 * A device as CHeKT answered it. A read or our own write, a status from CHeKT's answer only replaces ours
 * when it is newer than what a device.* webhook told us, so a sweep never rolls a live status back.
 */
export async function mirrorDevice(tx: Tx, dealerLinkId: string, siteId: number, dto: MirroredDevice, o: Opts = {}) {
  const at = o.at ?? new Date();
  await tx.$executeRaw((isRead(o) ? devicesReadSql : devicesWriteSql)(dealerLinkId, siteId, [dto], at));
}

export async function mirrorArming(tx: Tx, dealerLinkId: string, dto: ResponseArmingSettingDto, o: Opts = {}) {
  const at = o.at ?? new Date();
  await tx.$executeRaw((isRead(o) ? armingReadSql : armingWriteSql)(dealerLinkId, [dto], at));
}

/** CHeKT said it is gone (404 on refresh, or a sweep no longer lists it): keep the row, flagged. */
export async function markGone(tx: Tx, dealerLinkId: string, kind: MirrorKind, chektId: number, at = new Date()) {
  const where = { dealerLinkId, chektId, goneAt: null };
  const data = { goneAt: at };
  if (kind === "station") await tx.mirrorStation.updateMany({ where, data });
  if (kind === "site") {
    await tx.mirrorSite.updateMany({ where, data });
    // CHeKT deletes a site's contacts and devices with it.
    await tx.mirrorContact.updateMany({ where: { dealerLinkId, siteId: chektId, goneAt: null }, data });
    await tx.mirrorDevice.updateMany({ where: { dealerLinkId, siteId: chektId, goneAt: null }, data });
  }
  if (kind === "contact") await tx.mirrorContact.updateMany({ where, data });
  if (kind === "device") await tx.mirrorDevice.updateMany({ where, data });
}

/**
 * Our own delete, accepted by CHeKT: the row goes (the audit row keeps what it was), and the delete is
 * remembered so that a read CHeKT answered before it cannot bring the row back (lib/mirror/batch.ts).
 */
export async function forget(tx: Tx, dealerLinkId: string, kind: MirrorKind, chektId: number) {
  await tx.$executeRaw(deletedSql(dealerLinkId, kind, [chektId]));
  const where = { dealerLinkId, chektId };
  if (kind === "station") await tx.mirrorStation.deleteMany({ where });
  if (kind === "site") {
    await tx.mirrorSite.deleteMany({ where });
    await tx.mirrorContact.deleteMany({ where: { dealerLinkId, siteId: chektId } });
    await tx.mirrorDevice.deleteMany({ where: { dealerLinkId, siteId: chektId } });
    await tx.mirrorArming.deleteMany({ where: { dealerLinkId, siteId: chektId } });
  }
  if (kind === "contact") await tx.mirrorContact.deleteMany({ where });
  if (kind === "device") await tx.mirrorDevice.deleteMany({ where });
}
