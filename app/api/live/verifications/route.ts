// Server-sent events for the verification queue. Fed by this instance's single LISTEN connection,
// so it works behind a load balancer: whichever instance took the webhook, Postgres NOTIFY reaches
// every instance and each pushes to its own open pages.
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { liveListener, type LiveEvent } from "@/lib/live/listen";
import { getItem, listOpen } from "@/lib/verifications/queries";
import type { LiveMessage } from "@/lib/verifications/types";
import { requestCatchUp } from "@/lib/webhooks/background";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export async function GET(request: Request) {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });

  // A browser that resumes (Last-Event-ID) was away: fetch anything CHeKT sent meanwhile.
  if (request.headers.get("last-event-id")) requestCatchUp();

  const listener = liveListener();
  const encoder = new TextEncoder();
  let seq = Date.now();
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
        }
      };
      const send = (msg: LiveMessage) => write(`id: ${++seq}\ndata: ${JSON.stringify(msg)}\n\n`);
      const close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", close);

      // Notifications are handled one at a time so the page sees them in commit order.
      let chain: Promise<void> = Promise.resolve();
      const sendSnapshot = async () => send({ type: "snapshot", items: await listOpen(dealer.id, dealer.chektDealerId), serverTime: new Date().toISOString() });
      const onEvent = (event: LiveEvent) => {
        chain = chain
          .then(async () => {
            if (!open) return;
            if (event.kind === "resync") return sendSnapshot();
            if (event.kind !== "verification" || event.message.dealer !== dealer.id) return;
            const item = await getItem(event.message.id, dealer.id, dealer.chektDealerId);
            const live = item && (item.state === "pending" || item.state === "claimed") && new Date(item.expiresAt).getTime() > Date.now();
            if (item && live) send({ type: "upsert", item, receivedAt: event.message.at });
            else send({ type: "remove", id: event.message.id, state: (item?.state ?? event.message.state) as never, receivedAt: event.message.at });
          })
          .catch((e: unknown) => write(`: error ${(e as Error).message.replace(/\n/g, " ")}\n\n`));
      };

      // Subscribe before the snapshot so nothing committed in between is missed (the client
      // applies upserts idempotently by id).
      unsubscribe = listener.subscribe(onEvent);
      write("retry: 3000\n\n");
      heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      chain = chain.then(sendSnapshot).catch(() => close());
    },
    cancel() {
      unsubscribe();
      clearInterval(heartbeat);
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
