import "server-only";
import { webhookPool } from "./pool";

// Group commit for the webhook hot path. Every alarm-path event becomes one JSON text of an array
// and ONE statement, `webhook_ingest` (prisma/migrations/20261201184000_webhook_ingest_function),
// stores, de-duplicates, applies and notifies it. Events that arrive while earlier calls are in
// flight wait for the next call and share its transaction: one round trip, one WAL flush and one
// NOTIFY per dealer for the whole batch. A lone event still goes out at once (no timer, no delay).

/** One event as webhook_ingest reads it. `payload` is the verified raw JSON text, embedded as is. */
export type IngestItem = {
  dealerLinkId: string;
  id: string;
  type: string;
  createdAt: Date;
  source: "webhook" | "catch-up";
  /** The parsed, normalised payload (ids as integers, dates as ISO strings); null for an ignored type. */
  data: unknown;
  payload: string;
  /** Stored as `ignored` with this note instead of applied. */
  ignoredNote?: string;
  delivery?: { dealerKey: string; deliveryId: string | null; attempt: number | null; bodyBytes: number };
};

export type IngestRow = { outcome: "applied" | "ignored" | "duplicate"; note: string | null };

/** An event whose own subtransaction failed; nothing of it was stored. `code` is the SQLSTATE. */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// A call's cost is dominated by its fixed part, not its size: its commit alone (the WAL flush) took
// about 500 µs of backend CPU here, the whole call about 1.5 ms on top of some 170 µs an event.
// So one call is in flight while the next batch gathers: every event that arrives meanwhile rides
// it, and calls under load carry about twice the events they did with two always in flight
// (Postgres CPU per event 400-545 → 255-350 µs in one run of bench/webhooks-cpu.ts). A second call
// starts only when a full batch already waits, so a large burst is not held behind the first.
// 64 keeps one call well under a second on a busy machine.
const MAX_BATCH = 64;
const MAX_IN_FLIGHT = 2;

type Waiting = { json: string; lock: string | null; resolve: (r: IngestRow) => void; reject: (e: unknown) => void };
const queue: Waiting[] = [];
let inFlight = 0;

export function ingest(item: IngestItem): Promise<IngestRow> {
  const json = toJson(item);
  const alarmId = item.ignoredNote === undefined ? alarmOf(item.data) : null;
  const lock = alarmId === null ? null : `alarm:${item.dealerLinkId}:${alarmId}`;
  return new Promise((resolve, reject) => {
    queue.push({ json, lock, resolve, reject });
    pump();
  });
}

function pump() {
  while (queue.length > 0 && (inFlight === 0 || (inFlight < MAX_IN_FLIGHT && queue.length >= MAX_BATCH))) {
    // A lock key Postgres text cannot hold (a NUL from a \u0000 escape) would fail the whole call:
    // such an event goes alone, so only it is refused.
    const alone = queue[0].lock?.includes("\u0000") ?? false;
    const end = alone ? 1 : queue.findIndex((w, k) => k > 0 && (w.lock?.includes("\u0000") ?? false));
    const batch = queue.splice(0, Math.min(MAX_BATCH, end < 0 ? queue.length : end));
    inFlight++;
    void run(batch).finally(() => {
      inFlight--;
      pump();
    });
  }
}

type Row = { i: number; outcome: string; note: string | null; err_state: string | null; err_message: string | null };

async function run(batch: Waiting[]) {
  try {
    const res = await webhookPool().query<Row>(
      "SELECT i, outcome, note, err_state, err_message FROM webhook_ingest($1::text[], $2::text[], $3::timestamp(3))",
      [batch.map((w) => w.json), batch.flatMap((w) => (w.lock === null ? [] : [w.lock])), new Date().toISOString()],
    );
    const byIndex = new Map(res.rows.map((r) => [r.i, r]));
    batch.forEach((w, k) => {
      const r = byIndex.get(k + 1);
      if (!r) w.reject(new Error("webhook_ingest returned no row for the event"));
      else if (r.outcome === "error") {
        w.reject(new IngestError(r.err_message ?? "event failed", r.err_state ?? "XX000"));
      } else w.resolve({ outcome: r.outcome as IngestRow["outcome"], note: r.note });
    });
  } catch (e) {
    // The whole call failed (connection lost, database down): the transaction rolled back, so
    // nothing of any event in it was stored and each caller answers 5xx for CHeKT to retry.
    for (const w of batch) w.reject(e);
  }
}

function alarmOf(data: unknown): string | null {
  if (!data || typeof data !== "object" || !("alarm_id" in data)) return null;
  return typeof data.alarm_id === "string" ? data.alarm_id : null;
}

/** The array element, built as text so the raw body is embedded without parsing it again. */
function toJson(item: IngestItem): string {
  const meta = JSON.stringify({
    d: item.dealerLinkId,
    id: item.id,
    type: item.type,
    at: item.createdAt.toISOString(),
    src: item.source,
    data: item.data,
    ignored: item.ignoredNote !== undefined,
    note: item.ignoredNote ?? null,
    delivery: item.delivery
      ? {
          key: item.delivery.dealerKey,
          id: item.delivery.deliveryId,
          attempt: item.delivery.attempt,
          bytes: item.delivery.bodyBytes,
        }
      : null,
  });
  return `${meta.slice(0, -1)},"payload":${item.payload}}`;
}
