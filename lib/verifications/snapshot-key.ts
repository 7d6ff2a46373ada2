// What the snapshot store and the in-flight fetches know an image by (lib/verifications/snapshot-image.ts):
// the image, not the way it was asked for. alarm.created's snapshot_url and the snapshot row that
// snapshot.created brings carry the same image, so `alarm:<id>` and `snap_…` must cost one CHeKT fetch
// and share one stored copy. Pure module.
import { createHash } from "node:crypto";

// CHeKT's image URL (contract: GET /v1/snapshots/{id}/image, signed with exp and sig).
const CHEKT_IMAGE_PATH = /\/v1\/snapshots\/(snap_[A-Za-z0-9]+)\/image$/;

/**
 * CHeKT's snapshot id (`snap_…`) when `url` is CHeKT's own image URL, whatever its signature (a
 * re-signed URL is the same image); otherwise `url:` and the URL's SHA-256 (the same URL is the same
 * image; hashed, so a long signed URL stays a short key).
 */
export function snapshotImageKey(url: string, chektOrigin: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // not a URL: keyed by its text like any other (the fetch refuses it)
  }
  const chektId = parsed?.origin === chektOrigin ? CHEKT_IMAGE_PATH.exec(parsed.pathname)?.[1] : undefined;
  return chektId ?? `url:${createHash("sha256").update(url).digest("hex")}`;
}
