// The open queue as JSON (React Query's fetch; also the refetch after a dropped stream). `asOf` is
// taken before the query so the page can merge by version (lib/verifications/merge.ts).
import { pageDealerOf, requireRouteDealer } from "@/lib/auth/require";
import { listOpen } from "@/lib/verifications/queries";
import type { QueueList } from "@/lib/verifications/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, dealer, denied } = await requireRouteDealer("viewer", { dealer: pageDealerOf(request) });
  if (denied) return denied;
  const asOf = Date.now();
  const items = await listOpen(dealer.id, dealer.chektDealerId, user.id);
  const body: QueueList = { items, serverTime: new Date().toISOString(), asOf };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
