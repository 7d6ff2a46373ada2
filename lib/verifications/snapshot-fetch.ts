import "server-only";
import type { SnapshotBudget } from "@/lib/chekt/api/snapshots";
import { kindForStatus, rateLimitWaitMs, retryAfterFor, waitSeconds } from "@/lib/chekt/errors";
import { env } from "@/lib/env";
import { errorText } from "@/lib/error-text";
import { isPassingFailure, SNAPSHOT_UNUSABLE } from "./snapshot-status";

// Fetches one snapshot image from CHeKT. Rules:
// - the API key goes only to CHeKT's own origin; any other origin must be https and gets no key;
// - redirects are followed by hand, and only to CHeKT's own origin (a signed URL that bounces
//   elsewhere is refused: no fetching of hosts CHeKT's answer names), at most 3 hops;
// - a passing failure (snapshot-status.ts: a 429 or 5xx, a timeout, a dropped connection) is retried
//   within the deadline, waiting what Retry-After asks (capped), so a 429 storm costs the operator a
//   short wait, not the image; any other answer is final at once (SNAPSHOT_UNUSABLE, 403 or 404);
// - requests to CHeKT's host spend the App key's shared budget on the "snapshot" class, and a 429
//   blocks that budget for every instance as long as it would after any other call (rateLimitWaitMs:
//   Retry-After, else one token's refill).
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const ATTEMPT_TIMEOUT_MS = 8_000;
const MAX_WAIT_MS = 5_000;

export type FetchedImage =
  | { ok: true; body: Uint8Array; contentType: string }
  | { ok: false; status: number; message: string; retryAfterS?: number };

export type FetchSnapshotOptions = {
  deadlineMs?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  /** CHeKT's origin (default: CHEKT_API_BASE_URL's). */
  chektOrigin?: string;
  /** The App key's shared budget (requests to CHeKT's host only). */
  budget?: SnapshotBudget;
  /** The clock the deadline and a 429's wait are read against (default Date.now). */
  now?: () => number;
};

export async function fetchSnapshotBytes(
  url: string,
  apiKey: string | null,
  o: FetchSnapshotOptions = {},
): Promise<FetchedImage> {
  const doFetch = o.fetch ?? globalThis.fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const chektOrigin = o.chektOrigin ?? new URL(env.CHEKT_API_BASE_URL).origin;
  const now = o.now ?? Date.now;
  const deadline = now() + (o.deadlineMs ?? 12_000);
  let last: FetchedImage = { ok: false, status: 503, message: "CHeKT did not answer" };
  for (let attempt = 0; ; attempt++) {
    const result = await fetchOnce(
      url,
      apiKey,
      chektOrigin,
      doFetch,
      Math.max(1, Math.min(ATTEMPT_TIMEOUT_MS, deadline - now())),
      o.budget,
      deadline,
      now,
    );
    if (result.ok || !isPassingFailure(result.status)) return result;
    last = result;
    const wait = Math.min(
      MAX_WAIT_MS,
      result.retryAfterS !== undefined ? result.retryAfterS * 1000 : 250 * 2 ** attempt,
    );
    if (now() + wait + 250 > deadline) return last;
    await sleep(wait);
  }
}

function checkTarget(
  raw: string,
  chektOrigin: string,
): { ok: true; url: URL; sameOrigin: boolean } | { ok: false; message: string } {
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return { ok: false, message: "Snapshot URL is not valid" };
  }
  if (target.protocol !== "https:" && target.protocol !== "http:")
    return { ok: false, message: "Snapshot URL is not http(s)" };
  const sameOrigin = target.origin === chektOrigin;
  // Only http for CHeKT's own configured origin (the local simulator); anything else must be https.
  if (!sameOrigin && target.protocol !== "https:")
    return { ok: false, message: "Refusing a non-https snapshot URL outside CHeKT" };
  return { ok: true, url: target, sameOrigin };
}

/** What one fetch of the image carries along its redirects. */
type FetchContext = {
  apiKey: string | null;
  chektOrigin: string;
  doFetch: typeof globalThis.fetch;
  timeoutMs: number;
  budget: SnapshotBudget | undefined;
  deadline: number;
  now: () => number;
};

/** One request's outcome: the image (or why not), or where CHeKT's redirect points. */
type Hop = { image: FetchedImage } | { redirect: string };

async function fetchOnce(
  raw: string,
  apiKey: string | null,
  chektOrigin: string,
  doFetch: typeof globalThis.fetch,
  timeoutMs: number,
  budget: SnapshotBudget | undefined,
  deadline: number,
  now: () => number,
): Promise<FetchedImage> {
  const c: FetchContext = { apiKey, chektOrigin, doFetch, timeoutMs, budget, deadline, now };
  let current = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (hop > 0 && new URL(current).origin !== chektOrigin)
      return {
        ok: false,
        status: SNAPSHOT_UNUSABLE,
        message: `Refusing a snapshot redirect off CHeKT's host (to ${new URL(current).host})`,
      };
    const next = await fetchHop(current, c);
    if ("image" in next) return next.image;
    current = next.redirect;
  }
  return { ok: false, status: SNAPSHOT_UNUSABLE, message: "Too many redirects" };
}

/** One request: the key and a budget slot only for CHeKT's host; a redirect is returned, not followed. */
async function fetchHop(url: string, c: FetchContext): Promise<Hop> {
  const target = checkTarget(url, c.chektOrigin);
  if (!target.ok) return { image: { ok: false, status: SNAPSHOT_UNUSABLE, message: target.message } };
  let ticket: { settle(headers: Headers | null): Promise<void> } | null = null;
  if (c.budget && target.sameOrigin) {
    try {
      ticket = await c.budget.acquire(c.deadline);
    } catch (e) {
      return { image: budgetWait(e) };
    }
  }
  let res: Response;
  try {
    res = await c.doFetch(target.url, {
      headers:
        target.sameOrigin && c.apiKey
          ? { authorization: `Bearer ${c.apiKey}`, accept: "image/*" }
          : { accept: "image/*" },
      signal: AbortSignal.timeout(c.timeoutMs),
      redirect: "manual",
    });
  } catch (e) {
    await ticket?.settle(null).catch(() => undefined);
    return { image: { ok: false, status: 503, message: `CHeKT did not answer: ${errorText(e)}` } };
  }
  await ticket?.settle(res.headers).catch(() => undefined);
  const answeredAt = c.now();
  if (res.status === 429 && c.budget && target.sameOrigin)
    await c.budget.block(answeredAt + rateLimitWaitMs(res.headers, answeredAt)).catch(() => undefined);
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get("location");
    discard(res);
    if (!location)
      return {
        image: { ok: false, status: SNAPSHOT_UNUSABLE, message: `CHeKT answered ${res.status} without a Location` },
      };
    return { redirect: new URL(location, target.url).toString() };
  }
  return { image: res.ok ? await readImage(res) : refused(res, answeredAt) };
}

/** The budget had no slot before the deadline: retry after the wait it named (else 2 s). */
function budgetWait(e: unknown): FetchedImage {
  const waitMs =
    typeof e === "object" && e !== null && "waitMs" in e && typeof e.waitMs === "number" ? e.waitMs : 2_000;
  return {
    ok: false,
    status: 503,
    message: "Waiting for CHeKT's rate limit",
    retryAfterS: waitSeconds(waitMs),
  };
}

/**
 * A non-2xx answer: a passing one as it is (retried), else final (finalStatus). The wait is the one
 * CHeKT client errors carry (retryAfterFor): a 429's is the wait it blocked the budget for (whole
 * seconds, as the route's Retry-After says it); any other answer's its own Retry-After, else the backoff.
 */
function refused(res: Response, now: number): FetchedImage {
  discard(res);
  const status = isPassingFailure(res.status) ? res.status : finalStatus(res.status);
  const retryAfterS = retryAfterFor(res.status, res.headers, now);
  return {
    ok: false,
    status,
    message: `CHeKT answered ${res.status}`,
    ...(retryAfterS !== undefined ? { retryAfterS } : {}),
  };
}

/**
 * A final refusal as the route answers it: 404 or 410 as 404, 403 as it is (snapshot-image.ts asks
 * for a fresh signed URL), any other SNAPSHOT_UNUSABLE.
 */
function finalStatus(status: number): number {
  const kind = kindForStatus(status);
  if (kind === "not_found") return 404;
  return kind === "forbidden" ? 403 : SNAPSHOT_UNUSABLE;
}

/** A 2xx answer's body, if it is an image of a type we show and no larger than the cap. */
async function readImage(res: Response): Promise<FetchedImage> {
  const contentType = res.headers.get("content-type") ?? "";
  if (!/^image\/(png|jpeg|jpg|webp|gif)\b/i.test(contentType)) {
    discard(res);
    return { ok: false, status: SNAPSHOT_UNUSABLE, message: `Not an image (${contentType || "no type"})` };
  }
  const length = Number(res.headers.get("content-length"));
  if (length > MAX_IMAGE_BYTES) {
    discard(res);
    return { ok: false, status: SNAPSHOT_UNUSABLE, message: "Image too large" };
  }
  let body: Uint8Array;
  try {
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return {
      ok: false,
      status: 503,
      message: `The image download broke off: ${errorText(e)}`,
    };
  }
  if (body.byteLength > MAX_IMAGE_BYTES) return { ok: false, status: SNAPSHOT_UNUSABLE, message: "Image too large" };
  return { ok: true, body, contentType: contentType.split(";")[0]!.trim().toLowerCase() };
}

/**
 * Lets go of an answer's body we will not read. Not awaited: on Node 20 the cancel of a 503's body
 * can stay pending, and awaiting it held the snapshot route until the browser gave up (the page
 * never got to say "Retrying in N s"; Node 24 settles it at once).
 */
function discard(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}
