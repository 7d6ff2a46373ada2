// The open queue as JSON (React Query's fetch; also the refetch after a dropped stream).
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { listOpen } from "@/lib/verifications/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const items = await listOpen(dealer.id, dealer.chektDealerId);
  return Response.json({ items, serverTime: new Date().toISOString() }, { headers: { "cache-control": "no-store" } });
}
