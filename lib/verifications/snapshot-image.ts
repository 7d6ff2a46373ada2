import "server-only";
import { getSnapshot, snapshotBudget } from "@/lib/chekt/api/snapshots";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { secretsByLinkId } from "@/lib/webhooks/dealer-secrets";
import { fetchSnapshotBytes, type FetchedImage } from "./snapshot-fetch";
import { snapshotImageKey } from "./snapshot-key";
import { keepImage, storedImage } from "./snapshot-store";
import { errorText } from "@/lib/error-text";

// Snapshot images are fetched by our server once, kept in Postgres (snapshot-store.ts) and served
// from there, so the browser never sees a CHeKT credential or a signed CHeKT URL and a busy desk
// does not spend CHeKT's rate limit on the same image again. Both the store and the in-flight fetch
// are keyed by the image (snapshot-key.ts), not by the id it was asked by: a row that shows
// `alarm:<id>` and then, once snapshot.created lands, its snapshot row asks for one image, once.
export type ImageResult =
  | { ok: true; body: Uint8Array; contentType: string; stored: boolean }
  | { ok: false; status: number; message: string; retryAfterS?: number; notThisDealers?: true };

// One fetch per image per instance at a time: a queue of ten open pages asks once.
const inFlight = new Map<string, Promise<ImageResult>>();

// The CHeKT fetch is bounded on its own (snapshot-fetch.ts: 12 s), but a route that waits on
// anything else (a busy connection pool, a slow budget row) must still answer: the page can only say
// "Retrying in N s" once it has an answer, so past this the request is a 503 with Retry-After and
// the work left running keeps the image for the next try.
const LOAD_DEADLINE_MS = 20_000;

/** `snap_…` (a Snapshot row) or `alarm:<alarmId>` (the snapshot_url alarm.created carried). */
export async function loadSnapshotImage(
  id: string,
  dealerLinkId: string,
  { deadlineMs = LOAD_DEADLINE_MS }: { deadlineMs?: number } = {},
): Promise<ImageResult> {
  const stage = { at: "reading the snapshot's row" };
  let flightKey: string | undefined;
  let flight: Promise<ImageResult> | undefined;
  const work = (async (): Promise<ImageResult> => {
    const url = await snapshotUrlOf(id, dealerLinkId);
    // notThisDealers: the id names no row of this dealer (another dealer's, or none) — the route audits it.
    if (!url) return { ok: false, status: 404, message: "No such snapshot for this dealer", notThisDealers: true };
    const key = snapshotImageKey(url, new URL(env.CHEKT_API_BASE_URL).origin);
    stage.at = "reading the store";
    // `id`: the key an image was kept under before images were keyed by themselves.
    const kept = await storedImage(dealerLinkId, [key, id]);
    if (kept) return { ok: true, body: kept.bytes, contentType: kept.contentType, stored: true };
    const mineKey = `${dealerLinkId}\u0000${key}`;
    flightKey = mineKey;
    flight = inFlight.get(mineKey);
    if (!flight) {
      stage.at = "fetching from CHeKT";
      const mine = fetchAndKeep(id, url, key, dealerLinkId).finally(() => {
        if (inFlight.get(mineKey) === mine) inFlight.delete(mineKey);
      });
      inFlight.set(mineKey, mine);
      flight = mine;
    } else stage.at = "waiting for another request's fetch";
    return flight;
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ImageResult>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`[snapshots] ${id} not ready after ${deadlineMs} ms (${stage.at})`);
      // A fetch that hangs must not hold every later request for this image: they start afresh.
      if (flightKey && flight && inFlight.get(flightKey) === flight) inFlight.delete(flightKey);
      resolve({ ok: false, status: 503, message: "CHeKT is slow to send this image", retryAfterS: 2 });
    }, deadlineMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The image URL the id's row of this dealer holds; null when the dealer has no such row. */
async function snapshotUrlOf(id: string, dealerLinkId: string): Promise<string | null> {
  if (id.startsWith("alarm:")) {
    const alarm = await prisma.alarm.findFirst({
      where: { id: id.slice(6), dealerLinkId },
      select: { snapshotUrl: true },
    });
    return alarm?.snapshotUrl ?? null;
  }
  const snap = await prisma.snapshot.findFirst({ where: { id, dealerLinkId }, select: { url: true } });
  return snap?.url ?? null;
}

async function fetchAndKeep(id: string, url: string, key: string, dealerLinkId: string): Promise<ImageResult> {
  const secrets = await secretsByLinkId(dealerLinkId);
  const budget = secrets?.apiKey ? snapshotBudget(secrets.apiKey) : undefined;
  let got = await fetchSnapshotBytes(url, secrets?.apiKey ?? null, { budget });
  // The CHeKT snapshot this is: the row asked for, or the one CHeKT's image URL names (an alarm's).
  const snapId = id.startsWith("snap_") ? id : key.startsWith("snap_") ? key : null;
  if (!got.ok && got.status === 403 && snapId && secrets?.apiKey) {
    // Signed URLs expire (24 h): ask CHeKT for a fresh one once (snapshot budget class), keep it, retry.
    try {
      const fresh = (await getSnapshot(secrets.apiKey, snapId)).url;
      if (fresh) {
        await prisma.snapshot.updateMany({ where: { id: snapId, dealerLinkId }, data: { url: fresh } });
        got = await fetchSnapshotBytes(fresh, secrets.apiKey, { budget });
      }
    } catch {
      // keep the first failure
    }
  }
  return keepIfOk(dealerLinkId, key, got);
}

async function keepIfOk(dealerLinkId: string, key: string, got: FetchedImage): Promise<ImageResult> {
  if (!got.ok) return got;
  // Storing is best effort: the operator sees the image even if the store is full or down.
  await keepImage(dealerLinkId, key, got.contentType, got.body).catch((e: unknown) =>
    console.warn(`[snapshots] could not keep ${key}: ${errorText(e)}`),
  );
  return { ok: true, body: got.body, contentType: got.contentType, stored: false };
}
