import "server-only";
import { prisma } from "@/lib/db";
import { isRecord } from "@/lib/is-record";
import type { JobLock } from "@/lib/jobs/lock";
import { connectedDealerSecrets, type DealerSecrets } from "./dealer-secrets";
import { recordDeliveryOnce } from "./delivery-log";
import { parseDate, parseEvent } from "./events";
import { storeOrRefuse, type StoreOutcome } from "./store";
import { errorText } from "@/lib/error-text";

// After downtime or a dropped stream, GET /v1/events holds everything CHeKT emitted; anything not
// yet stored is applied exactly as if the webhook had arrived (source = "catch-up"). An event the
// receiver would refuse as malformed (answered 200 with `refused`, receive.ts) is logged the same way
// and passed over, so one bad event never holds the cursor back.

export type EventsPage = { data: unknown[]; has_more: boolean; next_cursor: string | null };
export type FetchEventsPage = (
  apiKey: string,
  query: { cursor?: string; since?: string; limit: number },
  opts?: { signal?: AbortSignal },
) => Promise<EventsPage>;

/** How one dealer's catch-up runs: `now` stamps the cursor (tests inject it), `signal` stops it between pages. */
export type CatchUpOpts = { now?: () => Date; signal?: AbortSignal };

export type CatchUpReport = {
  dealerLinkId: string;
  fetched: number;
  applied: number;
  duplicates: number;
  invalid: number;
  pages: number;
  error?: string;
};

const STREAM = "events";
// CHeKT retries a failed delivery for 24 h, so a first run looks back as far.
const FIRST_LOOKBACK_MS = 24 * 3600_000;
const PAGE_LIMIT = 100;
const MAX_PAGES = 50;

/** Catch up one dealer link. Resumes from its SyncCursor; duplicates only count themselves. */
export async function catchUpDealer(
  dealer: DealerSecrets,
  fetchPage: FetchEventsPage,
  { now = () => new Date(), signal }: CatchUpOpts = {},
): Promise<CatchUpReport> {
  const report: CatchUpReport = {
    dealerLinkId: dealer.dealerLinkId,
    fetched: 0,
    applied: 0,
    duplicates: 0,
    invalid: 0,
    pages: 0,
  };
  if (!dealer.apiKey) return { ...report, error: "no API key for this dealer link" };

  const saved = await prisma.syncCursor.findUnique({
    where: { dealerLinkId_stream: { dealerLinkId: dealer.dealerLinkId, stream: STREAM } },
  });
  let cursor = saved?.cursor ?? undefined;
  let lastSeenAt = saved?.lastSeenAt ?? null;
  const since = cursor
    ? undefined
    : new Date(lastSeenAt ? lastSeenAt.getTime() : now().getTime() - FIRST_LOOKBACK_MS).toISOString();

  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      signal?.throwIfAborted();
      const query = { cursor, since: cursor ? undefined : since, limit: PAGE_LIMIT };
      const res = await fetchPage(dealer.apiKey, query, { signal });
      report.pages++;
      for (const raw of res.data) {
        report.fetched++;
        const { outcome, at } = await takeEvent(dealer, raw);
        if (outcome === "invalid") report.invalid++;
        else if (outcome === "duplicate") report.duplicates++;
        else report.applied++;
        if (at && (!lastSeenAt || at > lastSeenAt)) lastSeenAt = at;
      }
      // Keep the cursor when CHeKT gives one; at the end of the stream fall back to `since` the
      // newest event seen (events of that same instant come again and are deduplicated by id).
      cursor = res.next_cursor ?? undefined;
      await saveCursor(dealer.dealerLinkId, res.has_more ? res.next_cursor : null, lastSeenAt, now());
      if (!res.has_more || !res.next_cursor) break;
    }
  } catch (e) {
    report.error = errorText(e);
  }
  return report;
}

/**
 * One event of a page: stored and applied, a duplicate, or invalid (unreadable, or data Postgres refuses: what
 * the receiver refuses as malformed), logged as a malformed delivery and passed over. `at` is its time when it has one.
 */
async function takeEvent(
  dealer: DealerSecrets,
  raw: unknown,
): Promise<{ outcome: StoreOutcome["outcome"]; at: Date | null }> {
  const parsed = parseEvent(raw);
  if (!parsed.ok && parsed.kind === "invalid") {
    const envelope = isRecord(raw) ? raw : {};
    const id = parsed.id ?? (typeof envelope.id === "string" ? envelope.id : null);
    await logInvalid(dealer, raw, { id, type: parsed.type ?? null, reason: `invalid_event: ${parsed.message}` });
    return { outcome: "invalid", at: parseDate(envelope.created_at) };
  }
  const at = parsed.ok ? parsed.event.createdAt : parsed.createdAt;
  const result = await storeOrRefuse(dealer.dealerLinkId, parsed, raw, "catch-up");
  if (result.outcome === "invalid") {
    const type = parsed.ok ? parsed.event.type : parsed.type;
    await logInvalid(dealer, raw, { id: result.eventId, type, reason: result.reason });
  }
  return { outcome: result.outcome, at };
}

/**
 * The receiver's `malformed` row in the webhook log (no delivery id or attempt: nothing was delivered). Once per
 * event: the newest events come again in the next run (`since` is inclusive), and a webhook may have logged it.
 */
async function logInvalid(
  dealer: DealerSecrets,
  raw: unknown,
  e: { id: string | null; type: string | null; reason: string },
) {
  const { dealerLinkId, externalDealerId: dealerKey } = dealer;
  const bodyBytes = Buffer.byteLength(JSON.stringify(raw) ?? "");
  await recordDeliveryOnce(
    { dealerKey, dealerLinkId, eventId: e.id, eventType: e.type, verdict: "malformed", reason: e.reason, bodyBytes },
    { deliveryId: null, attempt: null },
  );
}

/** `at` is when this run saved it: catchUpAll passes over a dealer another instance caught up since it began. */
async function saveCursor(dealerLinkId: string, cursor: string | null, lastSeenAt: Date | null, at: Date) {
  await prisma.syncCursor.upsert({
    where: { dealerLinkId_stream: { dealerLinkId, stream: STREAM } },
    create: { dealerLinkId, stream: STREAM, cursor, lastSeenAt, updatedAt: at },
    update: { cursor, lastSeenAt, updatedAt: at },
  });
}

/** Whether the dealer's catch-up saved its cursor at or after `since` (another instance's run). */
async function caughtUpSince(dealerLinkId: string, since: Date): Promise<boolean> {
  const saved = await prisma.syncCursor.findUnique({
    where: { dealerLinkId_stream: { dealerLinkId, stream: STREAM } },
    select: { updatedAt: true },
  });
  return saved !== null && saved.updatedAt >= since;
}

export type CatchUpAllOpts = {
  /**
   * One catch-up per dealer across every instance (lib/jobs/lock.ts, a session lock on its own connection,
   * held for as long as that dealer's run takes). Without it (one process, a script) dealers are not locked.
   */
  lock?: JobLock;
  now?: () => Date;
};

/**
 * Every connected dealer link with an API key (or only those named in `only`), one at a time (the /v1
 * rate limit is per key anyway). Each dealer is locked on its own, so another instance catches up the
 * others while one dealer is slow, and never that dealer at the same time (held, it is passed over). A
 * dealer whose cursor another instance saved since this run began is passed over too: both instances
 * walk the same list, and the second to reach a dealer would otherwise read CHeKT for it again.
 */
export async function catchUpAll(
  fetchPage: FetchEventsPage,
  only?: ReadonlySet<string>,
  { lock, now = () => new Date() }: CatchUpAllOpts = {},
): Promise<CatchUpReport[]> {
  const began = now();
  const dealers = await connectedDealerSecrets();
  const reports: CatchUpReport[] = [];
  for (const d of dealers) {
    if (!d.apiKey || (only && !only.has(d.dealerLinkId))) continue;
    if (!lock) {
      reports.push(await catchUpDealer(d, fetchPage, { now }));
      continue;
    }
    const held = await lock(d.dealerLinkId);
    if (!held) continue;
    try {
      if (!(await caughtUpSince(d.dealerLinkId, began)))
        reports.push(await catchUpDealer(d, fetchPage, { now, signal: held.lost }));
    } finally {
      await held();
    }
  }
  return reports;
}
