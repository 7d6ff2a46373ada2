// Server-sent events for the verification queue. Fed by this instance's single LISTEN connection,
// so it works behind a load balancer: whichever instance took the webhook, Postgres NOTIFY reaches
// every instance and each pushes to its own open pages.
import { pageDealerOf, requireRouteDealer } from "@/lib/auth/require";
import { liveListener } from "@/lib/live/listen";
import { queueEventStream, SSE_HEADERS } from "@/lib/live/sse";
import { liveHeartbeatMs } from "@/lib/verifications/config";
import { getItem, listOpen } from "@/lib/verifications/queries";
import { requestCatchUp } from "@/lib/webhooks/background";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Neither the open nor each heartbeat's check counts as activity (`touch: false`): the page opens
// the stream and re-opens it every 30 minutes by itself, so a tab left on the queue would never idle out.
// The page names its dealer: a switch in another tab ends the stream instead of reconnecting to the other's queue.
export async function GET(request: Request) {
  const check = { touch: false, dealer: pageDealerOf(request) };
  const { user, dealer, denied } = await requireRouteDealer("viewer", check);
  if (denied) return denied;

  // A browser that resumes (Last-Event-ID) was away: fetch anything CHeKT sent its dealer meanwhile.
  if (request.headers.get("last-event-id")) requestCatchUp(dealer.id);

  const stream = queueEventStream({
    listener: liveListener(),
    dealerLinkId: dealer.id,
    loadOpen: () => listOpen(dealer.id, dealer.chektDealerId, user.id),
    loadItem: (id) => getItem(id, dealer.id, dealer.chektDealerId, user.id),
    signal: request.signal,
    heartbeatMs: liveHeartbeatMs(),
    // The check above, asked again at each heartbeat: still signed in (session not ended, user not
    // disabled, no new password) and still working on this dealer. It runs in this request's async
    // context (the heartbeat's timer was started in it), where Next still reads the request's cookies.
    stillAllowed: async () => {
      const again = await requireRouteDealer("viewer", check);
      return !again.denied && again.dealer.id === dealer.id;
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
