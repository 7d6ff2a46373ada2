import "server-only";
import { prisma } from "@/lib/db";
import { secretsByDealerKey } from "./dealer-secrets";
import { parseEvent } from "./events";
import { readBodyLimited } from "./read-body";
import { countUnknownDealerKey } from "./rejections";
import { storeAndApply } from "./store";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./verify";
import { errorText } from "@/lib/error-text";

export const MAX_BODY_BYTES = 256 * 1024;
const MAX_DEALER_KEY_CHARS = 200;

type Verdict = "accepted" | "duplicate" | "rejected" | "malformed";

type DeliveryRecord = {
  dealerKey: string;
  dealerLinkId?: string | null;
  eventId?: string | null;
  eventType?: string | null;
  verdict: Verdict;
  reason?: string | null;
  bodyBytes: number;
};

/**
 * The whole receiver, independent of Next so the bench and tests drive the same code the route
 * runs. Order matters: dealer link → size limit while streaming → signature on the raw bytes →
 * JSON → store + apply. Every answer for a known dealer is recorded as a WebhookDelivery row; a
 * post to an unknown key is only counted (webhook_rejections), its body never read.
 */
export async function receiveWebhook(request: Request, dealerKey: string): Promise<Response> {
  const headers = request.headers;
  const deliveryId = headers.get("x-chekt-delivery-id");
  const attemptHeader = Number(headers.get("x-chekt-attempt"));
  const attempt = Number.isInteger(attemptHeader) && attemptHeader > 0 ? attemptHeader : null;
  const record = (r: DeliveryRecord) => recordDelivery(r, deliveryId, attempt);

  // A key no dealer link can have (NUL, which Postgres text refuses, or longer than any we issue)
  // is unknown without asking the database.
  const plausible = dealerKey.length <= MAX_DEALER_KEY_CHARS && !dealerKey.includes("\u0000");
  const dealer = plausible ? await secretsByDealerKey(dealerKey) : null;
  if (!dealer) {
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

  const body = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!body.ok) {
    await record({
      dealerKey,
      dealerLinkId: dealer.dealerLinkId,
      verdict: "rejected",
      reason: `body_too_large: over ${MAX_BODY_BYTES} bytes`,
      bodyBytes: body.bytesSeen,
    });
    return answer(413, "payload_too_large", `Body over ${MAX_BODY_BYTES} bytes`);
  }
  const raw = body.bytes;

  const verdict = verifySignature({
    rawBody: raw,
    signature: headers.get(SIGNATURE_HEADER),
    timestamp: headers.get(TIMESTAMP_HEADER),
    secret: dealer.webhookSecret,
  });
  if (!verdict.ok) {
    await record({
      dealerKey,
      dealerLinkId: dealer.dealerLinkId,
      eventId: headers.get("x-chekt-event-id"),
      verdict: "rejected",
      reason: `${verdict.reason}: ${verdict.detail}`,
      bodyBytes: raw.length,
    });
    // One generic answer: the reason is in our log, not a hint for whoever is probing.
    return answer(401, "webhook_signature_invalid", "Signature rejected");
  }

  let json: unknown;
  // A view on the bytes read, not a copy.
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  try {
    json = JSON.parse(text);
  } catch (e) {
    await record({
      dealerKey,
      dealerLinkId: dealer.dealerLinkId,
      eventId: headers.get("x-chekt-event-id"),
      verdict: "malformed",
      reason: `invalid_json: ${errorText(e)}`,
      bodyBytes: raw.length,
    });
    return answer(400, "invalid_json", "Body is not valid JSON");
  }
  const parsed = parseEvent(json);
  if (!parsed.ok && parsed.kind === "invalid") {
    await record({
      dealerKey,
      dealerLinkId: dealer.dealerLinkId,
      eventId: parsed.id ?? headers.get("x-chekt-event-id"),
      eventType: parsed.type,
      verdict: "malformed",
      reason: `invalid_event: ${parsed.message}`,
      bodyBytes: raw.length,
    });
    return answer(400, "invalid_event", parsed.message);
  }

  const eventId = parsed.ok ? parsed.event.id : parsed.id;
  const eventType = parsed.ok ? parsed.event.type : parsed.type;
  try {
    // The delivery row is written inside the same transaction as the event.
    const result = await storeAndApply(dealer.dealerLinkId, parsed, text, "webhook", {
      dealerKey: dealerKey.slice(0, 200),
      deliveryId: deliveryId?.slice(0, 200) ?? null,
      attempt,
      bodyBytes: raw.length,
    });
    return Response.json({ received: true, id: eventId, duplicate: result.outcome === "duplicate" });
  } catch (e) {
    // Postgres refused the event's own data (class 22: a NUL character, a date it cannot hold…):
    // a retry would fail the same way forever, so it is a malformed event, not a 500.
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("22")) {
      await record({
        dealerKey,
        dealerLinkId: dealer.dealerLinkId,
        eventId,
        eventType,
        verdict: "malformed",
        reason: `invalid_event: ${errorText(e).slice(0, 300)}`,
        bodyBytes: raw.length,
      });
      return answer(400, "invalid_event", "The event holds data that cannot be stored");
    }
    // Nothing was stored (the transaction rolled back): a 5xx makes CHeKT retry later.
    console.error(JSON.stringify({ at: "webhook.apply", dealerKey, eventId, error: errorText(e) }));
    await record({
      dealerKey,
      dealerLinkId: dealer.dealerLinkId,
      eventId,
      eventType,
      verdict: "rejected",
      reason: `apply_failed: ${errorText(e).slice(0, 300)}`,
      bodyBytes: raw.length,
    }).catch(() => undefined);
    return answer(500, "apply_failed", "Could not store the event; retry later");
  }
}

function answer(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status });
}

/** Postgres text cannot hold NUL; a hostile body must not turn the log write into a 500. */
const clean = (v: string | null | undefined, max: number) =>
  v == null ? null : v.replace(/\u0000/g, "").slice(0, max);

async function recordDelivery(r: DeliveryRecord, deliveryId: string | null, attempt: number | null) {
  if (r.verdict === "rejected" || r.verdict === "malformed") {
    console.warn(
      JSON.stringify({
        at: "webhook.reject",
        dealerKey: r.dealerKey,
        verdict: r.verdict,
        reason: r.reason,
        eventId: r.eventId,
        deliveryId,
      }),
    );
  }
  await prisma.webhookDelivery.create({
    data: {
      dealerKey: clean(r.dealerKey, 200)!,
      dealerLinkId: r.dealerLinkId ?? null,
      eventId: clean(r.eventId, 200),
      eventType: clean(r.eventType, 100),
      deliveryId: clean(deliveryId, 200),
      attempt,
      verdict: r.verdict,
      reason: clean(r.reason, 500),
      bodyBytes: r.bodyBytes,
    },
  });
}
