import { createHmac } from "node:crypto";
import { errorText } from "../lib/error-text";
import type { SimConfig } from "./config";
import type { Schemas } from "./handlers";
import type { App, Delivery, SimEvent, Store } from "./store";

type WebhookEvent = Schemas["WebhookEvent"];
/** What a caller of emit() says: one of the document's event types with that type's data. */
export type EventInput = WebhookEvent extends infer E
  ? E extends { type: infer T; data: infer D }
    ? { type: T; data: D }
    : never
  : never;

/** Which scope an event type needs; an app without it never gets the event. */
export const EVENT_SCOPES: Record<WebhookEvent["type"], string | null> & Record<string, string | null | undefined> = {
  "alarm.created": "events:read",
  "verification.requested": "events:read",
  "alarm.acknowledged": "events:read",
  "alarm.dispatched": "events:read",
  "alarm.resolved": "events:read",
  "snapshot.created": "snapshots:read",
  "device.online": "devices:read",
  "device.offline": "devices:read",
  "device.firmware_updated": "devices:read",
  ping: null,
};
export const EVENT_TYPES = Object.keys(EVENT_SCOPES);

/** Contract schedule: 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then hourly, for 24 h. */
export const RETRY_SCHEDULE_S = [1, 5, 30, 120, 600, 1800, 3600];
const GIVE_UP_AFTER_S = 24 * 3600;

export function sign(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

export function envelopeOf(e: SimEvent): WebhookEvent {
  const { seq: _seq, dealer_id: _dealer, ...event } = e;
  return event;
}

export function appWants(app: App, type: string): boolean {
  const scope = EVENT_SCOPES[type];
  if (scope === undefined) return false;
  if (scope !== null && !app.scopes.includes(scope)) return false;
  return type === "ping" || app.events.includes(type);
}

/** Sends events to apps, retrying with the (scaled) contract schedule. Owns its timers. */
export class Deliverer {
  private timers = new Set<NodeJS.Timeout>();
  private inflight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly store: () => Store,
    private readonly config: SimConfig,
    private readonly onChange: () => void,
  ) {}

  /** Store an event and start a delivery to every app that subscribes to it and holds its scope. */
  emit(dealerId: number, input: EventInput, opts: { onlyApp?: App; record?: boolean } = {}): SimEvent {
    const s = this.store();
    const seq = s.next("event");
    const event: SimEvent = {
      ...input,
      seq,
      id: `evt_${seq}`,
      dealer_id: dealerId,
      created_at: new Date().toISOString(),
    };
    const type = event.type;
    if (opts.record !== false) s.addEvent(event);
    const apps = opts.onlyApp ? [opts.onlyApp] : [...s.apps.values()].filter((a) => a.dealer_id === dealerId);
    for (const app of apps) {
      if (!app.webhook_url || !appWants(app, type)) continue;
      this.start(app, event);
    }
    this.onChange();
    return event;
  }

  private start(app: App, event: SimEvent) {
    const s = this.store();
    const d: Delivery = {
      id: `dlv_${s.next("delivery")}`,
      event_id: event.id,
      event_type: event.type,
      app_id: app.id,
      url: app.webhook_url!,
      state: "pending",
      attempts: [],
      next_attempt_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    };
    s.deliveries.set(d.id, d);
    this.schedule(d, JSON.stringify(envelopeOf(event)), 0);
  }

  /** After a restart: pick up deliveries that were still being retried. */
  resume() {
    const s = this.store();
    for (const d of s.deliveries.values()) {
      if (d.state !== "pending") continue;
      const event = s.events.get(d.event_id);
      if (!event) {
        d.state = "failed";
        continue;
      }
      const wait = Math.max(0, Date.parse(d.next_attempt_at ?? "") - Date.now() || 0);
      this.schedule(d, JSON.stringify(envelopeOf(event)), wait);
    }
  }

  private schedule(d: Delivery, body: string, delayMs: number) {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.attempt(d, body);
    }, delayMs);
    this.timers.add(t);
  }

  private async attempt(d: Delivery, body: string) {
    const s = this.store();
    const app = s.apps.get(d.app_id);
    // The store may have been reset under us, or the app deleted.
    if (this.closed || !app || s.deliveries.get(d.id) !== d) return;
    const n = d.attempts.length + 1;
    const ts = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const ctrl = new AbortController();
    this.inflight.add(ctrl);
    const timeout = setTimeout(
      () => ctrl.abort(new Error(`no answer in ${this.config.webhookTimeoutMs} ms`)),
      this.config.webhookTimeoutMs,
    );
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: "POST",
        body,
        signal: ctrl.signal,
        headers: {
          "content-type": "application/json",
          "user-agent": "CHeKT-Webhooks/1.0 (simulator)",
          "x-chekt-signature": sign(app.signing_secret, ts, body),
          "x-chekt-timestamp": String(ts),
          "x-chekt-event-id": d.event_id,
          "x-chekt-delivery-id": d.id,
          "x-chekt-attempt": String(n),
        },
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      // fetch's own "fetch failed" says less than its cause (ECONNREFUSED, a reset socket).
      error = ctrl.signal.aborted
        ? errorText(ctrl.signal.reason ?? "aborted")
        : errorText(e instanceof Error && e.cause !== undefined ? e.cause : e);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(ctrl);
    }
    if (this.closed) return;
    d.attempts.push({
      attempt: n,
      at: new Date(started).toISOString(),
      status,
      error,
      duration_ms: Date.now() - started,
    });
    if (error === null) {
      d.state = "succeeded";
      d.next_attempt_at = null;
    } else {
      const waitS = RETRY_SCHEDULE_S[n - 1] ?? 3600;
      const elapsedS = (Date.now() - Date.parse(d.created_at)) / 1000;
      if (elapsedS + waitS * this.config.webhookRetryScale > GIVE_UP_AFTER_S * this.config.webhookRetryScale) {
        d.state = "failed";
        d.next_attempt_at = null;
      } else {
        const waitMs = waitS * 1000 * this.config.webhookRetryScale;
        d.next_attempt_at = new Date(Date.now() + waitMs).toISOString();
        this.schedule(d, body, waitMs);
      }
    }
    this.onChange();
  }

  /** Send one test event to an app's URL, outside the event log. */
  test(app: App, message: string): SimEvent {
    return this.emit(
      app.dealer_id,
      { type: "ping", data: { message, app_id: app.id } },
      { onlyApp: app, record: false },
    );
  }

  /** Forget pending timers (on reset) but keep running. */
  cancelAll() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inflight) c.abort(new Error("simulator reset"));
  }

  close() {
    this.closed = true;
    this.cancelAll();
  }
}
