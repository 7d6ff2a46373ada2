// The open queue as JSON (React Query's fetch; also the refetch after a dropped stream). `asOf` is
// taken before the query so the page can merge by version (lib/verifications/merge.ts).
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { listOpen } from "@/lib/verifications/queries";
import type { QueueList } from "@/lib/verifications/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { user, denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const asOf = Date.now();
  const items = await listOpen(dealer.id, dealer.chektDealerId, user.id);
  const body: QueueList = { items, serverTime: new Date().toISOString(), asOf };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
