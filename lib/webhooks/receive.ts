import "server-only";
import { prisma } from "@/lib/db";
import { secretsByDealerKey } from "./dealer-secrets";
import { recordDelivery, type DeliveryMeta, type DeliveryRecord } from "./delivery-log";
import { parseEvent } from "./events";
import { readBodyLimited } from "./read-body";
import { recordRefusal } from "./refusal-cap";
import { countUnknownDealerKey } from "./rejections";
import { storeOrRefuse, type StorableEvent, type StoreOutcome } from "./store";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./verify";
import { errorText } from "@/lib/error-text";

export const MAX_BODY_BYTES = 256 * 1024;
const MAX_DEALER_KEY_CHARS = 200;

/** A delivery turned away: what its webhook_deliveries row says and the answer CHeKT gets. */
type Refusal = {
  delivery: Omit<DeliveryRecord, "dealerKey" | "dealerLinkId">;
  response: Response;
};

/**
 * The whole receiver, independent of Next so the bench and tests drive the same code the route
 * runs. Order matters: dealer link → size limit while streaming → signature on the raw bytes →
 * JSON → store + apply. Every answer for a known dealer is recorded as a WebhookDelivery row; a
 * post to an unknown key is only counted (webhook_rejections), its body never read, and a known dealer's
 * refusals before its signature held are stored up to a daily cap, then counted (refusal-cap.ts).
 *
 * CHeKT retries every non-2xx answer for 24 hours (lib/chekt/openapi.yaml, the webhooks' description), so
 * a signed event that can never be stored (not JSON, not an event, data Postgres refuses) is answered 2xx,
 * refused in the body (malformed): a 4xx would only bring it back, and log it, a dozen times more. A bad
 * signature stays a 401: it is not CHeKT's own delivery, or not yet one we can trust.
 */
export async function receiveWebhook(
  request: Request,
  dealerKey: string,
  /** When the capped refusals' day is taken; tests pin it. */
  clock: () => Date = () => new Date(),
): Promise<Response> {
  const headers = request.headers;
  const meta = deliveryMeta(headers);
  const dealer = isPlausibleDealerKey(dealerKey) ? await secretsByDealerKey(dealerKey) : null;
  if (!dealer) return refuseUnknownDealer(request, dealerKey);
  const from = { dealerKey, dealerLinkId: dealer.dealerLinkId };
  // Before the signature holds, anyone with the URL can send: such refusals are capped per day.
  const refuseUnsigned = async (r: Refusal) => {
    await recordRefusal(prisma, { ...from, ...r.delivery }, meta, clock());
    return r.response;
  };

  const body = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!body.ok) return refuseUnsigned(tooLarge(body.bytesSeen));
  const raw = body.bytes;
  const badSignature = checkSignature(raw, headers, dealer.webhookSecret);
  if (badSignature) return refuseUnsigned(badSignature);
  const read = readEvent(raw, headers);
  if (!read.ok) {
    await recordDelivery({ ...from, ...read.refusal.delivery }, meta);
    return read.refusal.response;
  }
  return storeEvent({ ...from, bodyBytes: raw.length }, read, meta);
}

function deliveryMeta(headers: Headers): DeliveryMeta {
  const attemptHeader = Number(headers.get("x-chekt-attempt"));
  return {
    deliveryId: headers.get("x-chekt-delivery-id"),
    attempt: Number.isInteger(attemptHeader) && attemptHeader > 0 ? attemptHeader : null,
  };
}

/**
 * A key no dealer link can have (NUL, which Postgres text refuses, or longer than any we issue)
 * is unknown without asking the database.
 */
const isPlausibleDealerKey = (dealerKey: string) =>
  dealerKey.length <= MAX_DEALER_KEY_CHARS && !dealerKey.includes("\u0000");

async function refuseUnknownDealer(request: Request, dealerKey: string): Promise<Response> {
  await request.body?.cancel().catch(() => undefined);
  await countUnknownDealerKey(prisma, dealerKey);
  console.warn(
    JSON.stringify({
      at: "webhook.reject",
      dealerKey: dealerKey.slice(0, 200),
      verdict: "rejected",
      reason: "unknown_dealer",
    }),
  );
  // The same answer as a bad signature: a prober learns nothing about which keys exist.
  return answer(401, "webhook_signature_invalid", "Signature rejected");
}

function tooLarge(bytesSeen: number): Refusal {
  return {
    delivery: { verdict: "rejected", reason: `body_too_large: over ${MAX_BODY_BYTES} bytes`, bodyBytes: bytesSeen },
    response: answer(413, "payload_too_large", `Body over ${MAX_BODY_BYTES} bytes`),
  };
}

/** The signature over the raw bytes, before anything reads them as JSON; null when it holds. */
function checkSignature(raw: Uint8Array, headers: Headers, secret: string | null): Refusal | null {
  const verdict = verifySignature({
    rawBody: raw,
    signature: headers.get(SIGNATURE_HEADER),
    timestamp: headers.get(TIMESTAMP_HEADER),
    secret,
  });
  if (verdict.ok) return null;
  return {
    delivery: {
      eventId: headers.get("x-chekt-event-id"),
      verdict: "rejected",
      reason: `${verdict.reason}: ${verdict.detail}`,
      bodyBytes: raw.length,
    },
    // One generic answer: the reason is in our log, not a hint for whoever is probing.
    response: answer(401, "webhook_signature_invalid", "Signature rejected"),
  };
}

/** The signed body as an event: JSON, then the event schema (an unknown type is kept). */
function readEvent(
  raw: Uint8Array,
  headers: Headers,
): { ok: true; parsed: StorableEvent; text: string } | { ok: false; refusal: Refusal } {
  let json: unknown;
  // A view on the bytes read, not a copy.
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  try {
    json = JSON.parse(text);
  } catch (e) {
    const delivery: Refusal["delivery"] = {
      eventId: headers.get("x-chekt-event-id"),
      verdict: "malformed",
      reason: `invalid_json: ${errorText(e)}`,
      bodyBytes: raw.length,
    };
    return { ok: false, refusal: { delivery, response: malformed("invalid_json", "Body is not valid JSON") } };
  }
  const parsed = parseEvent(json);
  if (!parsed.ok && parsed.kind === "invalid") {
    const delivery: Refusal["delivery"] = {
      eventId: parsed.id ?? headers.get("x-chekt-event-id"),
      eventType: parsed.type,
      verdict: "malformed",
      reason: `invalid_event: ${parsed.message}`,
      bodyBytes: raw.length,
    };
    return { ok: false, refusal: { delivery, response: malformed("invalid_event", parsed.message) } };
  }
  return { ok: true, parsed, text };
}

/** Stores and applies the event; the delivery row is written inside the same transaction as the event. */
async function storeEvent(
  from: { dealerKey: string; dealerLinkId: string; bodyBytes: number },
  { parsed, text }: { parsed: StorableEvent; text: string },
  meta: DeliveryMeta,
): Promise<Response> {
  const { dealerKey, dealerLinkId, bodyBytes } = from;
  const eventId = parsed.ok ? parsed.event.id : parsed.id;
  const eventType = parsed.ok ? parsed.event.type : parsed.type;
  const delivery = { dealerKey, dealerLinkId, eventId, eventType, bodyBytes };
  let result: StoreOutcome;
  try {
    result = await storeOrRefuse(dealerLinkId, parsed, text, "webhook", {
      dealerKey: dealerKey.slice(0, 200),
      deliveryId: meta.deliveryId?.slice(0, 200) ?? null,
      attempt: meta.attempt,
      bodyBytes,
    });
  } catch (e) {
    // Nothing was stored (the transaction rolled back): a 5xx makes CHeKT retry later.
    console.error(JSON.stringify({ at: "webhook.apply", dealerKey, eventId, error: errorText(e) }));
    const reason = `apply_failed: ${errorText(e).slice(0, 300)}`;
    await recordDelivery({ ...delivery, verdict: "rejected", reason }, meta).catch(() => undefined);
    return answer(500, "apply_failed", "Could not store the event; retry later");
  }
  // A retry would fail the same way forever, so it is a malformed event, not a 500.
  if (result.outcome === "invalid") {
    await recordDelivery({ ...delivery, verdict: "malformed", reason: result.reason }, meta);
    return malformed("invalid_event", "The event holds data that cannot be stored");
  }
  return Response.json({ received: true, id: eventId, duplicate: result.outcome === "duplicate" });
}

function answer(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status });
}

/** Accepted-but-refused: a 2xx, so CHeKT does not send again what can never be stored; the body says why. */
function malformed(code: string, message: string) {
  return Response.json({ received: true, refused: { code, message } });
}
