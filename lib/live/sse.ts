// The verification queue as a server-sent event stream, independent of Next so a test or bench can
// serve it from a second process exactly as the route does. Fed by a Listener (LISTEN fan-out).
import type { Listener, LiveEvent } from "./listen";
import { SseSink } from "./sse-sink";
import { isVerificationState, type LiveMessage, type QueueItem } from "@/lib/verifications/types";
import { isOpen } from "@/lib/verifications/open";
import type { VerificationMessage } from "@/lib/webhooks/notify";
import { errorText } from "@/lib/error-text";

export const HEARTBEAT_MS = 15_000;
/**
 * The longest one response is served. The browser's EventSource reconnects by itself when a stream
 * ends, so a page only sees a fresh snapshot; the reconnect passes the route's full sign-in check.
 */
export const MAX_STREAM_MS = 30 * 60_000;

export type QueueStreamOptions = {
  listener: Listener;
  dealerLinkId: string;
  loadOpen: () => Promise<QueueItem[]>;
  loadItem: (id: string) => Promise<QueueItem | null>;
  signal: AbortSignal;
  /**
   * Whether the viewer may still see this dealer's queue, asked at every heartbeat: the stream
   * ends when it says no or fails (the route asks its own sign-in check again).
   */
  stillAllowed: () => Promise<boolean>;
  heartbeatMs?: number;
  maxLifetimeMs?: number;
  /** The clock the lifetime is measured on (default Date.now). */
  now?: () => number;
  /** Where a change naming an unknown state is reported (default console.warn). */
  log?: (message: string) => void;
};

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export function queueEventStream(o: QueueStreamOptions): ReadableStream<Uint8Array> {
  let sink: SseSink | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      sink = new SseSink(controller);
      streamQueue(sink, o);
    },
    cancel() {
      sink?.stop();
    },
  });
}

/**
 * A change to one item as the page applies it: upsert while it is still open, else remove. A change
 * whose item this dealer cannot read is a remove whatever its state: were it dropped, the page would
 * keep the row until its next list fetch. A state the type does not know is logged and sent as null.
 */
export function queueChange(
  message: VerificationMessage,
  item: QueueItem | null,
  now: number,
  log: (message: string) => void = (m) => console.warn(m),
): LiveMessage {
  if (item && isOpen(item, now)) return { type: "upsert", item, receivedAt: message.at };
  return {
    type: "remove",
    id: message.id,
    state: item?.state ?? notifiedState(message, log),
    receivedAt: message.at,
    version: item?.version ?? message.at,
  };
}

function notifiedState(message: VerificationMessage, log: (message: string) => void) {
  if (isVerificationState(message.state)) return message.state;
  log(`[live] verification ${message.id}: unknown state "${message.state.slice(0, 40)}", removed from the queue`);
  return null;
}

function streamQueue(sink: SseSink, o: QueueStreamOptions) {
  if (o.signal.aborted) return sink.close();
  o.signal.addEventListener("abort", () => sink.close());

  // Handled one at a time so the page sees changes in commit order.
  let chain: Promise<void> = Promise.resolve();
  // asOf is taken before the query: the page keeps anything newer that the snapshot lacks.
  const sendSnapshot = async () => {
    const asOf = Date.now();
    sink.send({ type: "snapshot", items: await o.loadOpen(), serverTime: new Date().toISOString(), asOf });
  };
  const onEvent = (event: LiveEvent) => {
    chain = chain
      .then(async () => {
        if (!sink.isOpen) return;
        if (event.kind === "resync") return sendSnapshot();
        if (event.kind !== "verification" || event.message.dealer !== o.dealerLinkId) return;
        const item = await o.loadItem(event.message.id);
        sink.send(queueChange(event.message, item, Date.now(), o.log));
      })
      .catch((e: unknown) => sink.write(`: error ${errorText(e).replace(/\n/g, " ")}\n\n`));
  };

  // Subscribe before reading the snapshot so nothing committed in between is missed (the
  // page applies upserts by id, so seeing one twice is harmless).
  sink.unsubscribe = o.listener.subscribe(onEvent);
  sink.write("retry: 3000\n\n");
  sink.heartbeat = setInterval(heartbeat(sink, o), o.heartbeatMs ?? HEARTBEAT_MS);
  chain = chain.then(sendSnapshot).catch(() => sink.close());
}

/**
 * Each beat: past the lifetime, or no longer allowed, the stream ends (the browser's reconnect goes
 * through the route's check); otherwise a comment keeps proxies from closing an idle connection.
 * A check still under way when the next beat comes is not doubled.
 */
function heartbeat(sink: SseSink, o: QueueStreamOptions): () => void {
  const now = o.now ?? Date.now;
  const endsAt = now() + (o.maxLifetimeMs ?? MAX_STREAM_MS);
  let checking = false;
  return () => {
    if (checking || !sink.isOpen) return;
    if (now() >= endsAt) return sink.close();
    checking = true;
    o.stillAllowed()
      .catch(() => false)
      .then((allowed) => {
        if (allowed) sink.write(`: heartbeat ${new Date(now()).toISOString()}\n\n`);
        else sink.close();
      })
      .finally(() => (checking = false));
  };
}
