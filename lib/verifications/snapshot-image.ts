import "server-only";
import { getSnapshot, snapshotBudget } from "@/lib/chekt/api/snapshots";
import { prisma } from "@/lib/db";
import { secretsByLinkId } from "@/lib/webhooks/dealer-secrets";
import { fetchSnapshotBytes, type FetchedImage } from "./snapshot-fetch";
import { keepImage, storedImage } from "./snapshot-store";

// Snapshot images are fetched by our server once, kept in Postgres (snapshot-store.ts) and served
// from there, so the browser never sees a CHeKT credential or a signed CHeKT URL and a busy desk
// does not spend CHeKT's rate limit on the same image again.
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
  o: { deadlineMs?: number } = {},
): Promise<ImageResult> {
  const deadlineMs = o.deadlineMs ?? LOAD_DEADLINE_MS;
  const stage = { at: "reading the store" };
  const flightKey = `${dealerLinkId}\u0000${id}`;
  let flight: Promise<ImageResult> | undefined;
  const work = (async (): Promise<ImageResult> => {
    const kept = await storedImage(dealerLinkId, id);
    if (kept) return { ok: true, body: kept.bytes, contentType: kept.contentType, stored: true };
    flight = inFlight.get(flightKey);
    if (!flight) {
      stage.at = "fetching from CHeKT";
      const mine = fetchAndKeep(id, dealerLinkId).finally(() => {
        if (inFlight.get(flightKey) === mine) inFlight.delete(flightKey);
      });
      inFlight.set(flightKey, mine);
      flight = mine;
    } else stage.at = "waiting for another request's fetch";
    return flight;
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ImageResult>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`[snapshots] ${id} not ready after ${deadlineMs} ms (${stage.at})`);
      // A fetch that hangs must not hold every later request for this image: they start afresh.
      if (flight && inFlight.get(flightKey) === flight) inFlight.delete(flightKey);
      resolve({ ok: false, status: 503, message: "CHeKT is slow to send this image", retryAfterS: 2 });
    }, deadlineMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchAndKeep(id: string, dealerLinkId: string): Promise<ImageResult> {
  let url: string | null = null;
  if (id.startsWith("alarm:")) {
    const alarm = await prisma.alarm.findFirst({
      where: { id: id.slice(6), dealerLinkId },
      select: { snapshotUrl: true },
    });
    url = alarm?.snapshotUrl ?? null;
  } else {
    const snap = await prisma.snapshot.findFirst({ where: { id, dealerLinkId }, select: { url: true } });
    url = snap?.url ?? null;
  }
  // notThisDealers: the id names no row of this dealer (another dealer's, or none) — the route audits it.
  if (!url) return { ok: false, status: 404, message: "No such snapshot for this dealer", notThisDealers: true };

  const secrets = await secretsByLinkId(dealerLinkId);
  const budget = secrets?.apiKey ? snapshotBudget(secrets.apiKey) : undefined;
  let got = await fetchSnapshotBytes(url, secrets?.apiKey ?? null, { budget });
  if (!got.ok && got.status === 403 && id.startsWith("snap_") && secrets?.apiKey) {
    // Signed URLs expire (24 h): ask CHeKT for a fresh one once (snapshot budget class), keep it, retry.
    try {
      const fresh = (await getSnapshot(secrets.apiKey, id)).url;
      if (fresh) {
        await prisma.snapshot.updateMany({ where: { id, dealerLinkId }, data: { url: fresh } });
        got = await fetchSnapshotBytes(fresh, secrets.apiKey, { budget });
      }
    } catch {
      // keep the first failure
    }
  }
  return keepIfOk(dealerLinkId, id, got);
}

async function keepIfOk(dealerLinkId: string, id: string, got: FetchedImage): Promise<ImageResult> {
  if (!got.ok) return got;
  // Storing is best effort: the operator sees the image even if the store is full or down.
  await keepImage(dealerLinkId, id, got.contentType, got.body).catch((e: unknown) =>
    console.warn(`[snapshots] could not keep ${id}: ${e instanceof Error ? e.message : String(e)}`),
  );
  return { ok: true, body: got.body, contentType: got.contentType, stored: false };
}
