// Snapshot images for the queue, from our store (fetched from CHeKT once, lib/verifications/
// snapshot-image.ts); credentials and signed URLs stay on the server. A passing CHeKT failure
// (429, 5xx, timeout) answers 503 with Retry-After so the page retries with backoff; any other is
// final (lib/verifications/snapshot-status.ts holds the one table).
import { pageDealerOf, requireRouteDealer } from "@/lib/auth/require";
import { auditRefusedLookup } from "@/lib/auth/refused-lookup";
import { loadSnapshotImage } from "@/lib/verifications/snapshot-image";
import { snapshotFailureAnswer } from "@/lib/verifications/snapshot-status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("viewer", { dealer: pageDealerOf(request) });
  if (denied) return denied;
  const id = safeDecode((await ctx.params).id);
  // A malformed escape or a control character (Postgres text cannot hold NUL) is a bad id, not a 500.
  if (id === null || /[\u0000-\u001f]/.test(id))
    return Response.json({ error: { code: "bad_id", message: "Not a snapshot id" } }, { status: 400 });
  if (id.length > 200)
    return Response.json({ error: { code: "bad_id", message: "Snapshot id too long" } }, { status: 400 });
  const image = await loadSnapshotImage(id, dealer.id);
  if (!image.ok) {
    if (image.notThisDealers)
      await auditRefusedLookup({ user, dealer, kind: "snapshot", id, where: new URL(request.url).pathname });
    const failed = snapshotFailureAnswer(image);
    return Response.json(
      { error: { code: failed.code, message: image.message } },
      {
        status: failed.status,
        headers:
          "retryAfterS" in failed
            ? { "retry-after": String(failed.retryAfterS), "cache-control": "no-store" }
            : { "cache-control": "no-store" },
      },
    );
  }
  return new Response(Buffer.from(image.body), {
    headers: {
      "content-type": image.contentType,
      // Kept images never change: the browser may keep them for the session.
      "cache-control": "private, max-age=86400, immutable",
      "x-content-type-options": "nosniff",
      "x-snapshot-source": image.stored ? "store" : "chekt",
    },
  });
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
