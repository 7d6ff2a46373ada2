// The verification queue as a server-sent event stream, independent of Next so a test or bench can
// serve it from a second process exactly as the route does. Fed by a Listener (LISTEN fan-out).
import type { Listener, LiveEvent } from "./listen";
import type { LiveMessage, QueueItem } from "@/lib/verifications/types";
import { errorText } from "@/lib/error-text";

export const HEARTBEAT_MS = 15_000;

export type QueueStreamOptions = {
  listener: Listener;
  dealerLinkId: string;
  loadOpen: () => Promise<QueueItem[]>;
  loadItem: (id: string) => Promise<QueueItem | null>;
  signal: AbortSignal;
  heartbeatMs?: number;
};

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export function queueEventStream(o: QueueStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let seq = Date.now();
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client went away without an abort signal: stop listening for it.
          open = false;
          unsubscribe();
          clearInterval(heartbeat);
        }
      };
      // `id:` lets the browser resume with Last-Event-ID; the route then catches up from CHeKT.
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
      if (o.signal.aborted) return close();
      o.signal.addEventListener("abort", close);

      // Handled one at a time so the page sees changes in commit order.
      let chain: Promise<void> = Promise.resolve();
      // asOf is taken before the query: the page keeps anything newer that the snapshot lacks.
      const sendSnapshot = async () => {
        const asOf = Date.now();
        send({ type: "snapshot", items: await o.loadOpen(), serverTime: new Date().toISOString(), asOf });
      };
      const onEvent = (event: LiveEvent) => {
        chain = chain
          .then(async () => {
            if (!open) return;
            if (event.kind === "resync") return sendSnapshot();
            if (event.kind !== "verification" || event.message.dealer !== o.dealerLinkId) return;
            const item = await o.loadItem(event.message.id);
            const live =
              item && (item.state === "pending" || item.state === "claimed") && Date.parse(item.expiresAt) > Date.now();
            if (item && live) send({ type: "upsert", item, receivedAt: event.message.at });
            else
              send({
                type: "remove",
                id: event.message.id,
                state: item?.state ?? (event.message.state as QueueItem["state"]),
                receivedAt: event.message.at,
                version: item?.version ?? event.message.at,
              });
          })
          .catch((e: unknown) => write(`: error ${errorText(e).replace(/\n/g, " ")}\n\n`));
      };

      // Subscribe before reading the snapshot so nothing committed in between is missed (the
      // page applies upserts by id, so seeing one twice is harmless).
      unsubscribe = o.listener.subscribe(onEvent);
      write("retry: 3000\n\n");
      heartbeat = setInterval(
        () => write(`: heartbeat ${new Date().toISOString()}\n\n`),
        o.heartbeatMs ?? HEARTBEAT_MS,
      );
      chain = chain.then(sendSnapshot).catch(() => close());
    },
    cancel() {
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
}
