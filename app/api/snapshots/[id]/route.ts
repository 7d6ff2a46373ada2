// Snapshot thumbnails and full images for the queue, proxied by our server (credentials stay here).
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { loadSnapshotImage } from "@/lib/verifications/snapshot-image";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const id = safeDecode((await ctx.params).id);
  // A malformed escape or a control character (Postgres text cannot hold NUL) is a bad id, not a 500.
  if (id === null || /[\u0000-\u001f]/.test(id)) return Response.json({ error: { code: "bad_id", message: "Not a snapshot id" } }, { status: 400 });
  if (id.length > 200) return Response.json({ error: { code: "bad_id", message: "Snapshot id too long" } }, { status: 400 });
  const image = await loadSnapshotImage(id, dealer.id);
  if (!image.ok) return Response.json({ error: { code: "snapshot_unavailable", message: image.message } }, { status: image.status });
  return new Response(image.body, {
    headers: { "content-type": image.contentType, "cache-control": "private, max-age=600", "x-content-type-options": "nosniff" },
  });
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
