// The two receivers the webhook bench compares ours against, written as Web handlers
// (`Request` → `Response`) so bench/webhooks-instance.ts serves them exactly as it serves ours:
// same process type, same HTTP server, same Request/Response adaptation (the part the Next route
// pays for too). Only the handler's own work differs:
// - verify-only: the size-limited body read, the HMAC check on the raw bytes, JSON.parse, 200;
// - durable floor: the same, then ONE `INSERT … ON CONFLICT DO NOTHING` per event, autocommit
//   (the least a receiver that keeps what it accepts can do), into webhook_events under a dealer
//   link of its own so it never meets our receiver's rows.
import pg from "pg";
import { readBodyLimited } from "@/lib/webhooks/read-body";
import { MAX_BODY_BYTES } from "@/lib/webhooks/receive";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "@/lib/webhooks/verify";

export type BaselineReceiver = (request: Request) => Promise<Response>;

type Floor = { pool: pg.Pool; dealerLinkId: string };

export function baselineReceiver(secret: string, floor: Floor | null): BaselineReceiver {
  return async (request) => {
    const body = await readBodyLimited(request, MAX_BODY_BYTES);
    if (!body.ok) return new Response(null, { status: 413 });
    const verdict = verifySignature({
      rawBody: body.bytes,
      signature: request.headers.get(SIGNATURE_HEADER),
      timestamp: request.headers.get(TIMESTAMP_HEADER),
      secret,
    });
    if (!verdict.ok) return new Response(null, { status: 401 });
    const text = Buffer.from(body.bytes).toString("utf8");
    let event: { id: string; type: string; created_at: string };
    try {
      event = JSON.parse(text) as typeof event;
    } catch {
      return new Response(null, { status: 400 });
    }
    if (floor) {
      try {
        await floor.pool.query(
          `INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source)
           VALUES ($1, $2, $3, $4, now(), $5::jsonb, 'webhook') ON CONFLICT (dealer_link_id, id) DO NOTHING`,
          [event.id, floor.dealerLinkId, event.type, event.created_at, text],
        );
      } catch {
        return new Response(null, { status: 500 });
      }
    }
    return Response.json({ received: true, id: event.id });
  };
}

/** From the instance's environment: BENCH_RECEIVER = verify-only | floor (then BENCH_FLOOR_DEALER_LINK). */
export function baselineFromEnv(env: NodeJS.ProcessEnv): BaselineReceiver | null {
  const kind = env.BENCH_RECEIVER;
  if (!kind) return null;
  const secret = env.BENCH_SECRET;
  if (!secret) throw new Error("BENCH_SECRET is required with BENCH_RECEIVER");
  if (kind === "verify-only") return baselineReceiver(secret, null);
  if (kind !== "floor") throw new Error(`BENCH_RECEIVER must be verify-only or floor, not ${kind}`);
  const dealerLinkId = env.BENCH_FLOOR_DEALER_LINK;
  if (!dealerLinkId) throw new Error("BENCH_FLOOR_DEALER_LINK is required with BENCH_RECEIVER=floor");
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE || 10) });
  return baselineReceiver(secret, { pool, dealerLinkId });
}
