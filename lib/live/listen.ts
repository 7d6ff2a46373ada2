// ONE dedicated Postgres connection per app instance that LISTENs and fans out to in-process
// subscribers (open SSE streams). NOTIFY is the source, so every instance behind a load balancer
// hears every change whichever instance received the webhook.
// Not from the Prisma pool: a LISTEN connection must stay checked out for the process lifetime.
import pg from "pg";
import {
  DEVICE_STATUS_CHANNEL,
  VERIFICATIONS_CHANNEL,
  parseVerificationMessages,
  type VerificationMessage,
} from "@/lib/webhooks/notify";
import { errorText } from "@/lib/error-text";

export type LiveEvent =
  | { kind: "verification"; message: VerificationMessage }
  | { kind: "device"; payload: unknown }
  /** The connection dropped and came back: notifications in the gap are lost, so resync. */
  | { kind: "resync" };

type Subscriber = (event: LiveEvent) => void;

export type Listener = {
  subscribe(fn: Subscriber): () => void;
  /** Resolves once LISTEN is active (tests and the bench wait on it). */
  ready(): Promise<void>;
  close(): Promise<void>;
  readonly subscriberCount: number;
};

export function createListener(connectionString: string, opts: { log?: (msg: string) => void } = {}): Listener {
  const subscribers = new Set<Subscriber>();
  const log = opts.log ?? ((m: string) => console.warn(m));
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let connectedOnce = false;
  let readyPromise: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  const fanOut = (event: LiveEvent) => {
    for (const fn of subscribers) {
      try {
        fn(event);
      } catch (e) {
        log(`live subscriber failed: ${errorText(e)}`);
      }
    }
  };

  const connect = (): Promise<void> => {
    const c = new pg.Client({ connectionString, keepAlive: true, application_name: "chekt-live-listen" });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === VERIFICATIONS_CHANNEL) {
        // A webhook batch lists several verifications in one notify: one event each for subscribers.
        for (const message of parseVerificationMessages(n.payload)) fanOut({ kind: "verification", message });
      } else if (n.channel === DEVICE_STATUS_CHANNEL) {
        try {
          fanOut({ kind: "device", payload: JSON.parse(n.payload ?? "null") });
        } catch {
          // ignore foreign payloads
        }
      }
    });
    const onLost = (why: string) => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners();
      c.end().catch(() => undefined);
      if (!closed) scheduleReconnect(why);
    };
    c.on("error", (e) => onLost(e.message));
    c.on("end", () => onLost("connection ended"));
    return c
      .connect()
      .then(() => c.query(`LISTEN ${VERIFICATIONS_CHANNEL}; LISTEN ${DEVICE_STATUS_CHANNEL}`))
      .then(() => {
        attempt = 0;
        if (connectedOnce) fanOut({ kind: "resync" });
        connectedOnce = true;
      })
      .catch((e: Error) => {
        onLost(e.message);
        throw e;
      });
  };

  const scheduleReconnect = (why: string) => {
    if (retryTimer || closed) return;
    const delay = Math.min(30_000, 250 * 2 ** attempt++);
    log(`live LISTEN connection lost (${why}); reconnecting in ${delay} ms`);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      readyPromise = connect().catch(() => undefined);
    }, delay);
    retryTimer.unref?.();
  };

  return {
    subscribe(fn) {
      subscribers.add(fn);
      if (!readyPromise) readyPromise = connect().catch(() => undefined);
      return () => subscribers.delete(fn);
    },
    async ready() {
      if (!readyPromise) readyPromise = connect().catch(() => undefined);
      // Wait through reconnects until LISTEN is really active.
      for (let i = 0; i < 200 && !closed; i++) {
        await readyPromise;
        if (client && connectedOnce && attempt === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      subscribers.clear();
      if (c) {
        c.removeAllListeners();
        await c.end().catch(() => undefined);
      }
    },
    get subscriberCount() {
      return subscribers.size;
    },
  };
}

// One per process; Next's dev server reloads modules, so keep it on globalThis.
const g = globalThis as unknown as { __chektLiveListener?: Listener };

/** The app instance's listener, created on first use from DATABASE_URL. */
export function liveListener(): Listener {
  if (!g.__chektLiveListener) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    g.__chektLiveListener = createListener(url);
  }
  return g.__chektLiveListener;
}
