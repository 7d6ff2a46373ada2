import "server-only";
import { getSnapshot } from "@/lib/chekt/api/snapshots";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { secretsByLinkId } from "@/lib/webhooks/dealer-secrets";

// Snapshot images are fetched by our server, so the browser never sees a CHeKT credential or a
// signed CHeKT URL. The API key is only ever sent to CHeKT's own origin.
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type ImageResult = { ok: true; body: ArrayBuffer; contentType: string } | { ok: false; status: number; message: string };

/** `snap_…` (a Snapshot row) or `alarm:<alarmId>` (the snapshot_url alarm.created carried). */
export async function loadSnapshotImage(id: string, dealerLinkId: string): Promise<ImageResult> {
  let url: string | null = null;
  if (id.startsWith("alarm:")) {
    const alarm = await prisma.alarm.findFirst({ where: { id: id.slice(6), dealerLinkId }, select: { snapshotUrl: true } });
    url = alarm?.snapshotUrl ?? null;
  } else {
    const snap = await prisma.snapshot.findFirst({ where: { id, dealerLinkId }, select: { url: true } });
    url = snap?.url ?? null;
  }
  if (!url) return { ok: false, status: 404, message: "No such snapshot for this dealer" };

  const secrets = await secretsByLinkId(dealerLinkId);
  const first = await fetchImage(url, secrets?.apiKey ?? null);
  if (first.ok || first.status !== 403 || !id.startsWith("snap_") || !secrets?.apiKey) return first;

  // Signed URLs expire (24 h): ask CHeKT for a fresh one once, keep it, and retry.
  try {
    const fresh = (await getSnapshot(secrets.apiKey, id)).url;
    if (!fresh) return first;
    await prisma.snapshot.update({ where: { id }, data: { url: fresh } });
    return fetchImage(fresh, secrets.apiKey);
  } catch {
    return first;
  }
}

async function fetchImage(url: string, apiKey: string | null): Promise<ImageResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, status: 502, message: "Snapshot URL is not valid" };
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") return { ok: false, status: 502, message: "Snapshot URL is not http(s)" };
  const sameOrigin = target.origin === new URL(env.CHEKT_API_BASE_URL).origin;
  // Only http for CHeKT's own configured origin (the local simulator); anything else must be https.
  if (!sameOrigin && target.protocol !== "https:") return { ok: false, status: 502, message: "Refusing a non-https snapshot URL outside CHeKT" };
  const res = await fetch(target, {
    headers: sameOrigin && apiKey ? { authorization: `Bearer ${apiKey}`, accept: "image/*" } : { accept: "image/*" },
    signal: AbortSignal.timeout(8000),
    redirect: "follow",
  }).catch((e: Error) => ({ ok: false, status: 502, statusText: e.message }) as const);
  if (!("headers" in res)) return { ok: false, status: 502, message: `CHeKT did not answer: ${res.statusText}` };
  if (!res.ok) return { ok: false, status: res.status === 404 ? 404 : res.status === 403 ? 403 : 502, message: `CHeKT answered ${res.status}` };
  const contentType = res.headers.get("content-type") ?? "";
  if (!/^image\/(png|jpeg|jpg|webp|gif)\b/i.test(contentType)) return { ok: false, status: 502, message: `Not an image (${contentType || "no type"})` };
  const length = Number(res.headers.get("content-length"));
  if (length > MAX_IMAGE_BYTES) return { ok: false, status: 502, message: "Image too large" };
  const body = await res.arrayBuffer();
  if (body.byteLength > MAX_IMAGE_BYTES) return { ok: false, status: 502, message: "Image too large" };
  return { ok: true, body, contentType };
}
