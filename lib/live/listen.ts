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
  return new PgListener(connectionString, opts.log ?? ((m: string) => console.warn(m)));
}

/** What a notification on our channels means to subscribers (nothing, for a foreign payload). */
function eventsOf(n: pg.Notification): LiveEvent[] {
  if (n.channel === VERIFICATIONS_CHANNEL) {
    // A webhook batch lists several verifications in one notify: one event each for subscribers.
    return parseVerificationMessages(n.payload).map((message) => ({ kind: "verification", message }));
  }
  if (n.channel === DEVICE_STATUS_CHANNEL) {
    try {
      return [{ kind: "device", payload: JSON.parse(n.payload ?? "null") }];
    } catch {
      // ignore foreign payloads
    }
  }
  return [];
}

/** The connection, its reconnects with backoff, and the fan-out to this instance's subscribers. */
class PgListener implements Listener {
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private connectedOnce = false;
  private readyPromise: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: (msg: string) => void,
  ) {}

  subscribe(fn: Subscriber) {
    this.subscribers.add(fn);
    this.start();
    return () => this.subscribers.delete(fn);
  }

  async ready() {
    this.start();
    // Wait through reconnects until LISTEN is really active.
    for (let i = 0; i < 200 && !this.closed; i++) {
      await this.readyPromise;
      if (this.client && this.connectedOnce && this.attempt === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = null;
    this.subscribers.clear();
    if (c) {
      c.removeAllListeners();
      await c.end().catch(() => undefined);
    }
  }

  get subscriberCount() {
    return this.subscribers.size;
  }

  /** The first connection, made by whichever of subscribe and ready comes first. */
  private start() {
    if (!this.readyPromise) this.readyPromise = this.connect().catch(() => undefined);
  }

  private fanOut(event: LiveEvent) {
    for (const fn of this.subscribers) {
      try {
        fn(event);
      } catch (e) {
        this.log(`live subscriber failed: ${errorText(e)}`);
      }
    }
  }

  private connect(): Promise<void> {
    const c = new pg.Client({
      connectionString: this.connectionString,
      keepAlive: true,
      application_name: "chekt-live-listen",
    });
    this.client = c;
    c.on("notification", (n) => {
      for (const event of eventsOf(n)) this.fanOut(event);
    });
    c.on("error", (e) => this.lost(c, e.message));
    c.on("end", () => this.lost(c, "connection ended"));
    return c
      .connect()
      .then(() => c.query(`LISTEN ${VERIFICATIONS_CHANNEL}; LISTEN ${DEVICE_STATUS_CHANNEL}`))
      .then(() => {
        this.attempt = 0;
        if (this.connectedOnce) this.fanOut({ kind: "resync" });
        this.connectedOnce = true;
      })
      .catch((e: Error) => {
        this.lost(c, e.message);
        throw e;
      });
  }

  /** Connection `c` failed or ended: drop it and reconnect unless closed (news from a replaced client is ignored). */
  private lost(c: pg.Client, why: string) {
    if (this.client !== c) return;
    this.client = null;
    c.removeAllListeners();
    c.end().catch(() => undefined);
    if (!this.closed) this.scheduleReconnect(why);
  }

  private scheduleReconnect(why: string) {
    if (this.retryTimer || this.closed) return;
    const delay = Math.min(30_000, 250 * 2 ** this.attempt++);
    this.log(`live LISTEN connection lost (${why}); reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.readyPromise = this.connect().catch(() => undefined);
    }, delay);
    this.retryTimer.unref?.();
  }
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
