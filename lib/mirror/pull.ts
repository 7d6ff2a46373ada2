import "server-only";
// Reads one object or one list from CHeKT and writes what it answered into the mirror (how: "read",
// so a copy that differs from ours is flagged changedAt). Shared by the Refresh button, the
// stale-while-revalidate job and the background sweep; only the budget class differs. A 404 marks
// the row gone; any other failure is thrown untouched (the caller decides: show it, or retry).
import { getArming } from "@/lib/chekt/api/arming";
import { getContact, listContactsPage } from "@/lib/chekt/api/contacts";
import { getDealer } from "@/lib/chekt/api/dealers";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import { getSite, listSites, type SiteRow } from "@/lib/chekt/api/sites";
import { getStation, listStationsPage } from "@/lib/chekt/api/stations";
import type { CallOpts } from "@/lib/chekt/api/call";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import type { ResponseSiteBasicDto } from "@/lib/schemas/contract";
import { parseSiteListState, siteListControls } from "@/lib/schemas/site-list";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  markGone,
  mirrorArming,
  mirrorContact,
  mirrorDealer,
  mirrorDevice,
  mirrorSite,
  mirrorStation,
  type MirrorKind,
} from "./write";

// A page of rows is one transaction: many statements, so more than Prisma's 5 s default on a busy
// machine (the sweep is background work; it may wait, it must not fail half-way).
const PAGE_TX = { timeout: 60_000, maxWait: 10_000 };

/** Which dealer: our link row (the mirror's key) and CHeKT's dealer id (the calls' path). */
export type PullScope = { dealerLinkId: string; dealerId: number };
export type PullOpts = CallOpts & { now?: () => Date };
export type Pulled = "fresh" | "gone";

/** Page size of the sweep's list reads: few calls, answers well under a megabyte. */
export const SWEEP_PAGE = 200;

const isNotFound = (e: unknown) => isChektError(e) && e.kind === "not_found";
const clock = (o: PullOpts) => (o.now ?? (() => new Date()))();

/** A 404 becomes "gone" (after `onGone`), anything else is rethrown. */
async function orGone(read: () => Promise<void>, onGone: () => Promise<void>): Promise<Pulled> {
  try {
    await read();
    return "fresh";
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await onGone();
    return "gone";
  }
}

type Tx = Prisma.TransactionClient;

/**
 * Reads one object and mirrors CHeKT's answer in one transaction (`read` answering nothing: no
 * change). A 404 marks `gone` (that object, or the site it belongs to) gone.
 */
function pullOne<T>(
  scope: PullScope,
  o: PullOpts,
  read: () => Promise<T | undefined>,
  write: (tx: Tx, dto: T, at: Date) => Promise<unknown>,
  gone: { kind: MirrorKind; id: number },
): Promise<Pulled> {
  return orGone(
    async () => {
      const dto = await read();
      if (dto === undefined) return;
      await prisma.$transaction((tx) => write(tx, dto, clock(o)));
    },
    () => prisma.$transaction((tx) => markGone(tx, scope.dealerLinkId, gone.kind, gone.id, clock(o))),
  );
}

/** One page of a list read into the mirror, as one transaction, every row confirmed at the same time. */
async function mirrorRows<T>(o: PullOpts, rows: T[], write: (tx: Tx, dto: T, at: Date) => Promise<unknown>) {
  const at = clock(o);
  await prisma.$transaction(async (tx) => {
    for (const dto of rows) await write(tx, dto, at);
  }, PAGE_TX);
}

export async function pullDealer(scope: PullScope, o: PullOpts = {}): Promise<Pulled> {
  return orGone(
    async () => {
      const dto = await getDealer(scope, o);
      await prisma.$transaction((tx) => mirrorDealer(tx, scope.dealerLinkId, dto, { how: "read", at: clock(o) }));
    },
    async () =>
      void (await prisma.mirrorDealer.updateMany({
        where: { dealerLinkId: scope.dealerLinkId, goneAt: null },
        data: { goneAt: clock(o) },
      })),
  );
}

export function pullStation(scope: PullScope, stationId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    () => getStation(scope, stationId, o),
    (tx, dto, at) => mirrorStation(tx, scope.dealerLinkId, dto, { how: "read", at }),
    { kind: "station", id: stationId },
  );
}

/** Every station of the dealer; stations CHeKT no longer lists are marked gone. */
export async function pullStations(scope: PullScope, o: PullOpts = {}): Promise<number> {
  const started = clock(o);
  let seen = 0;
  for (let offset = 0; ; offset += SWEEP_PAGE) {
    const page = await listStationsPage(scope, { limit: SWEEP_PAGE, offset }, o);
    await mirrorRows(o, page.rows, (tx, dto, at) => mirrorStation(tx, scope.dealerLinkId, dto, { how: "read", at }));
    seen += page.rows.length;
    if (page.rows.length < SWEEP_PAGE || seen >= page.total) break;
  }
  await goneIfNotSeenSince(scope.dealerLinkId, "station", started, clock(o));
  return seen;
}

export function pullSite(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    () => getSite(scope, siteId, o),
    (tx, dto, at) => mirrorSite(tx, scope.dealerLinkId, dto, { how: "read", at }),
    { kind: "site", id: siteId },
  );
}

/** Mirrors a page of full site rows (what a sweep or a list view read). */
const mirrorSiteRows = (scope: PullScope, o: PullOpts, rows: ResponseSiteBasicDto[]) =>
  mirrorRows(o, rows, (tx, dto, at) => mirrorSite(tx, scope.dealerLinkId, dto, { how: "read", at }));

/** A list row with every column of ResponseSiteBasicDto (a list asked for without `fields` has them all). */
function isFullSite(r: SiteRow): r is ResponseSiteBasicDto {
  return (
    typeof r.external_site_id === "string" &&
    typeof r.name === "string" &&
    typeof r.timezone === "string" &&
    (r.is_activated === 0 || r.is_activated === 1) &&
    typeof r.created_at === "string"
  );
}

/**
 * One page of the dealer's sites after `afterId` (keyset paging on site_id: a site created or
 * deleted meanwhile cannot shift the pages and hide another one), written to the mirror.
 * Returns the last id of the page (null at the end) and CHeKT's count of what is left.
 */
export async function pullSitesPage(
  scope: PullScope,
  afterId: number,
  o: PullOpts = {},
): Promise<{ lastId: number | null; rows: number; left: number }> {
  const page = await listSites(
    scope,
    {
      filter: [{ column: "site_id", value: afterId, op: "gt" }],
      sort: "site_id",
      dir: "asc",
      limit: SWEEP_PAGE,
      offset: 0,
    },
    o,
  );
  const rows = page.rows.filter(isFullSite);
  await mirrorSiteRows(scope, o, rows);
  const last = page.rows.at(-1)?.site_id ?? null;
  return { lastId: page.rows.length < SWEEP_PAGE ? null : last, rows: page.rows.length, left: page.total };
}

/**
 * The page of sites a list view shows, read with CHeKT's own list controls (one call). It cannot
 * tell which of our rows CHeKT dropped (its search and ours differ), so it marks nothing gone:
 * the sweep does that.
 */
export async function pullSitesView(scope: PullScope, view: string, o: PullOpts = {}): Promise<number> {
  const state = parseSiteListState(Object.fromEntries(new URLSearchParams(view)));
  // Every column (no `fields`): the mirror keeps whole rows.
  const page = await listSites(scope, { ...siteListControls(state), fields: undefined }, o);
  const rows = page.rows.filter(isFullSite);
  await mirrorSiteRows(scope, o, rows);
  return rows.length;
}

/** Every site of the dealer; sites CHeKT no longer lists are marked gone. */
export async function pullSites(scope: PullScope, o: PullOpts = {}): Promise<number> {
  const started = clock(o);
  let seen = 0;
  for (let after = 0; ;) {
    const page = await pullSitesPage(scope, after, o);
    seen += page.rows;
    if (page.lastId === null) break;
    after = page.lastId;
  }
  await goneIfNotSeenSince(scope.dealerLinkId, "site", started, clock(o));
  return seen;
}

export function pullContact(scope: PullScope, siteId: number, contactId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    () => getContact(scope, siteId, contactId, o),
    (tx, dto, at) => mirrorContact(tx, scope.dealerLinkId, siteId, dto, { how: "read", at }),
    { kind: "contact", id: contactId },
  );
}

/**
 * A site's children of one kind, read whole by `read`: rows CHeKT no longer lists are marked gone.
 * A 404 means the site itself is gone.
 */
function pullSiteChildren(
  scope: PullScope,
  siteId: number,
  kind: "contact" | "device",
  o: PullOpts,
  read: () => Promise<void>,
): Promise<Pulled> {
  const started = clock(o);
  return orGone(
    async () => {
      await read();
      await goneIfNotSeenSince(scope.dealerLinkId, kind, started, clock(o), siteId);
    },
    () => prisma.$transaction((tx) => markGone(tx, scope.dealerLinkId, "site", siteId, clock(o))),
  );
}

/** A site's contacts, page by page. */
export function pullContacts(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullSiteChildren(scope, siteId, "contact", o, async () => {
    for (let offset = 0, seen = 0; ; offset += SWEEP_PAGE) {
      const page = await listContactsPage(scope, siteId, { limit: SWEEP_PAGE, offset }, o);
      await mirrorRows(o, page.rows, (tx, dto, at) =>
        mirrorContact(tx, scope.dealerLinkId, siteId, dto, { how: "read", at }),
      );
      seen += page.rows.length;
      if (page.rows.length < SWEEP_PAGE || seen >= page.total) break;
    }
  });
}

export function pullDevice(scope: PullScope, siteId: number, deviceId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    () => appDeviceApi().get(scope.dealerId, siteId, deviceId, o),
    (tx, dto, at) => mirrorDevice(tx, scope.dealerLinkId, siteId, dto, { how: "read", at }),
    { kind: "device", id: deviceId },
  );
}

/** A site's devices, in one answer. */
export function pullDevices(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullSiteChildren(scope, siteId, "device", o, async () => {
    const devices = await appDeviceApi().list(scope.dealerId, siteId, o);
    await mirrorRows(o, devices, (tx, dto, at) =>
      mirrorDevice(tx, scope.dealerLinkId, siteId, dto, { how: "read", at }),
    );
  });
}

export function pullArming(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    () => getArming(scope, siteId, o),
    (tx, dto, at) => mirrorArming(tx, scope.dealerLinkId, dto, { at }),
    { kind: "site", id: siteId },
  );
}

/**
 * After a complete list read: rows not confirmed since the read began were not listed, so CHeKT
 * no longer has them (rows written meanwhile by a write-through or refresh carry a later time).
 */
export async function goneIfNotSeenSince(
  dealerLinkId: string,
  kind: "station" | "site" | "contact" | "device",
  since: Date,
  at: Date,
  siteId?: number,
): Promise<number> {
  const where = { dealerLinkId, goneAt: null, confirmedAt: { lt: since }, ...(siteId !== undefined ? { siteId } : {}) };
  if (kind === "station") return (await prisma.mirrorStation.updateMany({ where, data: { goneAt: at } })).count;
  if (kind === "contact") return (await prisma.mirrorContact.updateMany({ where, data: { goneAt: at } })).count;
  if (kind === "device") return (await prisma.mirrorDevice.updateMany({ where, data: { goneAt: at } })).count;
  // A site that went takes its contacts and devices with it (markGone does both).
  const gone = await prisma.mirrorSite.findMany({ where, select: { chektId: true } });
  for (const s of gone) await prisma.$transaction((tx) => markGone(tx, dealerLinkId, "site", s.chektId, at));
  return gone.length;
}
