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
  const id = decodeURIComponent((await ctx.params).id);
  if (id.length > 200) return Response.json({ error: { code: "bad_id", message: "Snapshot id too long" } }, { status: 400 });
  const image = await loadSnapshotImage(id, dealer.id);
  if (!image.ok) return Response.json({ error: { code: "snapshot_unavailable", message: image.message } }, { status: image.status });
  return new Response(image.body, {
    headers: { "content-type": image.contentType, "cache-control": "private, max-age=600", "x-content-type-options": "nosniff" },
  });
}
