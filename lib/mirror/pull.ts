import "server-only";
// Reads one object or one list from CHeKT and writes what it answered into the mirror (a copy that
// differs from ours is flagged changedAt). Shared by the Refresh button, the stale-while-revalidate
// job and the background sweep; only the budget class differs. A 404 marks the row gone; any other
// failure is thrown untouched (the caller decides: show it, or retry). Each answer (one object, or
// one page of a list with, on a complete list's last page, the gone mark of what it did not name and the
// date of a site's list)
// is ONE statement on the pool (lib/mirror/batch.ts): no transaction, no Prisma client engine.
// Each answer is written as of the time its request went out (after its wait for the budget, which
// may be long for the sweep's class), not the time it came back: CHeKT may have answered it before one
// of our own writes that went through meanwhile, and batch.ts lets no read older than a row's last write
// (or than our delete of it) change that row. Nor the time the token was asked for: a read stamped
// before a long budget wait would look older than it is, and "As of" would say so.
import { getArming } from "@/lib/chekt/api/arming";
import { getContact, listContactsPage } from "@/lib/chekt/api/contacts";
import { getDealer } from "@/lib/chekt/api/dealers";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import { getSite, listSites, type SiteRow } from "@/lib/chekt/api/sites";
import { getStation, listStationsPage } from "@/lib/chekt/api/stations";
import type { CallOpts } from "@/lib/chekt/api/call";
import { isChektError } from "@/lib/chekt/errors";
import { prisma, sql } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  ResponseContactDto,
  ResponseMonitoringStationDto,
  ResponseSiteBasicDto,
  ResponseSiteDto,
} from "@/lib/schemas/contract";
import { siteList, siteListControls } from "@/lib/schemas/site-list";
import {
  armingReadSql,
  contactsReadSql,
  devicesReadSql,
  goneSitesSql,
  sitesReadSql,
  stationsReadSql,
  type GoneScope,
} from "./batch";
import type { MirroredDevice } from "./sql-values";
import { markGone, mirrorDealer, type MirrorKind } from "./write";

/** Which dealer: our link row (the mirror's key) and CHeKT's dealer id (the calls' path). */
export type PullScope = { dealerLinkId: string; dealerId: number };
export type PullOpts = CallOpts & { now?: () => Date };
export type Pulled = "fresh" | "gone";

/** Page size of the sweep's list reads: few calls, answers well under a megabyte. */
export const SWEEP_PAGE = 200;

const isNotFound = (e: unknown) => isChektError(e) && e.kind === "not_found";
const clock = (o: PullOpts) => (o.now ?? (() => new Date()))();

/**
 * Runs `read` and returns its answer with the time, by the pull's clock, its first request went out
 * (CallOpts.onSend: after the budget granted it): the time the answer is written as of. The first, so a
 * list read page by page is as old as its first page. The caller's own onSend is told too (the sweep
 * dates a site's children read by its first call).
 */
async function timedRead<T>(o: PullOpts, read: (o: PullOpts) => Promise<T>): Promise<{ answer: T; asked: Date }> {
  let asked: Date | undefined;
  const onSend = () => {
    asked ??= clock(o);
    o.onSend?.();
  };
  const answer = await read({ ...o, onSend });
  return { answer, asked: asked ?? clock(o) };
}

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

/** A batch statement of lib/mirror/batch.ts for these rows, all confirmed at `at`, when their read went out. */
type PageSql<T> = (rows: T[], at: Date, gone?: GoneScope) => Prisma.Sql;

/**
 * Reads one object and mirrors CHeKT's answer in one statement (`read` answering nothing: no
 * change). A 404 marks `gone` (that object, or the site it belongs to) gone.
 */
function pullOne<T>(
  scope: PullScope,
  o: PullOpts,
  read: (o: PullOpts) => Promise<T | undefined>,
  write: PageSql<T>,
  gone: { kind: MirrorKind; id: number },
): Promise<Pulled> {
  return orGone(
    async () => {
      const { answer, asked } = await timedRead(o, read);
      if (answer !== undefined) await sql(write([answer], asked));
    },
    () => prisma.$transaction((tx) => markGone(tx, scope.dealerLinkId, gone.kind, gone.id, clock(o))),
  );
}

/** One page of a list, sent at `asked`, into the mirror: one statement, every row confirmed at that time. */
async function mirrorRows<T>(asked: Date, rows: T[], write: PageSql<T>, gone?: GoneScope) {
  await sql(write(rows, asked, gone));
}

export async function pullDealer(scope: PullScope, o: PullOpts = {}): Promise<Pulled> {
  return orGone(
    async () => {
      const { answer, asked } = await timedRead(o, (ro) => getDealer(scope, ro));
      await prisma.$transaction((tx) => mirrorDealer(tx, scope.dealerLinkId, answer, { how: "read", at: asked }));
    },
    async () =>
      void (await prisma.mirrorDealer.updateMany({
        where: { dealerLinkId: scope.dealerLinkId, goneAt: null },
        data: { goneAt: clock(o) },
      })),
  );
}

export function pullStation(scope: PullScope, stationId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(scope, o, (ro) => getStation(scope, stationId, ro), stationsSql(scope), {
    kind: "station",
    id: stationId,
  });
}

const stationsSql =
  (scope: PullScope): PageSql<ResponseMonitoringStationDto> =>
  (rows, at, gone) =>
    stationsReadSql(scope.dealerLinkId, rows, at, gone);
const sitesSql =
  (scope: PullScope): PageSql<ResponseSiteBasicDto | ResponseSiteDto> =>
  (rows, at, gone) =>
    sitesReadSql(scope.dealerLinkId, rows, at, gone);
const contactsSql =
  (scope: PullScope, siteId: number): PageSql<ResponseContactDto> =>
  (rows, at, gone) =>
    contactsReadSql(scope.dealerLinkId, siteId, rows, at, gone);
const devicesSql =
  (scope: PullScope, siteId: number): PageSql<MirroredDevice> =>
  (rows, at, gone) =>
    devicesReadSql(scope.dealerLinkId, siteId, rows, at, gone);

/**
 * Every row of an offset-paged list (stations, a site's contacts) into the mirror, a statement a
 * page; the last page's statement also marks gone what the list no longer names (of `siteId` when
 * given: rows not confirmed since the read began, the earlier pages' rows carry a later time) and
 * dates the site's list as of its first page.
 */
async function pullPages<T>(
  o: PullOpts,
  list: (page: { limit: number; offset: number }, o: PullOpts) => Promise<{ rows: T[]; total: number }>,
  write: PageSql<T>,
  siteId?: number,
): Promise<number> {
  const since = clock(o);
  let seen = 0;
  let first: Date | undefined;
  for (let offset = 0; ; offset += SWEEP_PAGE) {
    const { answer: page, asked } = await timedRead(o, (ro) => list({ limit: SWEEP_PAGE, offset }, ro));
    first ??= asked;
    seen += page.rows.length;
    const last = page.rows.length < SWEEP_PAGE || seen >= page.total;
    const gone: GoneScope = siteId === undefined ? { since } : { since, siteId, asked: first };
    await mirrorRows(asked, page.rows, write, last ? gone : undefined);
    if (last) return seen;
  }
}

/** Every station of the dealer; stations CHeKT no longer lists are marked gone. */
export function pullStations(scope: PullScope, o: PullOpts = {}): Promise<number> {
  return pullPages(o, (page, ro) => listStationsPage(scope, page, ro), stationsSql(scope));
}

export function pullSite(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(scope, o, (ro) => getSite(scope, siteId, ro), sitesSql(scope), { kind: "site", id: siteId });
}

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
  const { answer: page, asked } = await timedRead(o, (ro) =>
    listSites(
      scope,
      {
        filter: [{ column: "site_id", value: afterId, op: "gt" }],
        sort: "site_id",
        dir: "asc",
        limit: SWEEP_PAGE,
        offset: 0,
      },
      ro,
    ),
  );
  await mirrorRows(asked, page.rows.filter(isFullSite), sitesSql(scope));
  const last = page.rows.at(-1)?.site_id ?? null;
  return { lastId: page.rows.length < SWEEP_PAGE ? null : last, rows: page.rows.length, left: page.total };
}

/**
 * The page of sites a list view shows, read with CHeKT's own list controls (one call). It cannot
 * tell which of our rows CHeKT dropped (its search and ours differ), so it marks nothing gone:
 * the sweep does that.
 */
export async function pullSitesView(scope: PullScope, view: string, o: PullOpts = {}): Promise<number> {
  const state = siteList.parse(Object.fromEntries(new URLSearchParams(view)));
  // Every column (no `fields`): the mirror keeps whole rows.
  const { answer: page, asked } = await timedRead(o, (ro) =>
    listSites(scope, { ...siteListControls(state), fields: undefined }, ro),
  );
  const rows = page.rows.filter(isFullSite);
  await mirrorRows(asked, rows, sitesSql(scope));
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
  await goneSitesNotSeenSince(scope.dealerLinkId, started, clock(o));
  return seen;
}

export function pullContact(scope: PullScope, siteId: number, contactId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(scope, o, (ro) => getContact(scope, siteId, contactId, ro), contactsSql(scope, siteId), {
    kind: "contact",
    id: contactId,
  });
}

/** A 404 on a site's list of children means the site itself is gone (and its children with it). */
function siteListOrGone(scope: PullScope, siteId: number, o: PullOpts, read: () => Promise<unknown>) {
  return orGone(
    async () => void (await read()),
    () => prisma.$transaction((tx) => markGone(tx, scope.dealerLinkId, "site", siteId, clock(o))),
  );
}

/** A site's contacts, page by page; contacts CHeKT no longer lists are marked gone. */
export function pullContacts(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return siteListOrGone(scope, siteId, o, () =>
    pullPages(o, (page, ro) => listContactsPage(scope, siteId, page, ro), contactsSql(scope, siteId), siteId),
  );
}

export function pullDevice(scope: PullScope, siteId: number, deviceId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    (ro) => appDeviceApi().get(scope.dealerId, siteId, deviceId, ro),
    devicesSql(scope, siteId),
    { kind: "device", id: deviceId },
  );
}

/** A site's devices, in one answer; devices CHeKT no longer lists are marked gone. */
export function pullDevices(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return siteListOrGone(scope, siteId, o, async () => {
    const { answer: devices, asked } = await timedRead(o, (ro) => appDeviceApi().list(scope.dealerId, siteId, ro));
    await mirrorRows(asked, devices, devicesSql(scope, siteId), { since: asked, siteId, asked });
  });
}

export function pullArming(scope: PullScope, siteId: number, o: PullOpts = {}): Promise<Pulled> {
  return pullOne(
    scope,
    o,
    (ro) => getArming(scope, siteId, ro),
    (rows, at) => armingReadSql(scope.dealerLinkId, rows, at),
    { kind: "site", id: siteId },
  );
}

/**
 * After a complete read of the dealer's sites: sites not confirmed since the read began were not
 * listed, so CHeKT no longer has them (rows written meanwhile by a write-through or refresh carry
 * a later time); their contacts and devices go with them. One statement, however many went.
 */
export async function goneSitesNotSeenSince(dealerLinkId: string, since: Date, at: Date): Promise<number> {
  const { rows } = await sql<{ gone: number }>(goneSitesSql(dealerLinkId, since, at));
  return rows[0]?.gone ?? 0;
}
