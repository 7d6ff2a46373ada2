// Signature check for CHeKT webhooks (`webhooks` in lib/chekt/openapi.yaml): hex HMAC-SHA256 of
// `${timestamp}.${rawBody}` with the dealer's signing secret, timestamp within ±300 s.
// Pure: no I/O, no env, so the receiver, the bench and the unit tests share one code path.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-chekt-signature";
export const TIMESTAMP_HEADER = "x-chekt-timestamp";
export const TOLERANCE_S = 300;

export type VerifyReason =
  | "missing_signature"
  | "missing_timestamp"
  | "bad_timestamp"
  | "timestamp_too_old"
  | "timestamp_in_future"
  | "malformed_signature"
  | "signature_mismatch"
  | "no_secret";

export type Verdict = { ok: true } | { ok: false; reason: VerifyReason; detail: string };

export type VerifyInput = {
  rawBody: Uint8Array;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  secret: string | null | undefined;
  /** Unix seconds; injectable so tests can pin the clock. */
  nowS?: number;
  toleranceS?: number;
};

/** Hex HMAC-SHA256 over `${timestamp}.` followed by the raw bytes, never a re-serialised body. */
export function computeSignature(secret: string, timestamp: string, rawBody: Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestamp}.`, "utf8").update(rawBody).digest("hex");
}

/** What a sender (the simulator, tests, the bench) puts in the headers. */
export function signPayload(secret: string, rawBody: Uint8Array | string, nowS = Math.floor(Date.now() / 1000)) {
  const bytes = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  const timestamp = String(nowS);
  return { [SIGNATURE_HEADER]: computeSignature(secret, timestamp, bytes), [TIMESTAMP_HEADER]: timestamp };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

export function verifySignature(input: VerifyInput): Verdict {
  const { rawBody, secret } = input;
  const signature = input.signature?.trim();
  const timestamp = input.timestamp?.trim();
  if (!secret) return fail("no_secret", "no signing secret is configured for this dealer link");
  if (!signature) return fail("missing_signature", `header ${SIGNATURE_HEADER} is missing`);
  if (!timestamp) return fail("missing_timestamp", `header ${TIMESTAMP_HEADER} is missing`);
  if (!UNIX_SECONDS.test(timestamp)) return fail("bad_timestamp", `${TIMESTAMP_HEADER} is not unix seconds`);

  const now = input.nowS ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceS ?? TOLERANCE_S;
  const skew = Number(timestamp) - now;
  if (skew < -tolerance) return fail("timestamp_too_old", `timestamp is ${-skew} s old (limit ${tolerance} s)`);
  if (skew > tolerance) return fail("timestamp_in_future", `timestamp is ${skew} s ahead (limit ${tolerance} s)`);

  // Shape check first so a wrong length or non-hex value is a clean "no", not an exception.
  // Even then we compare two fixed-length digests, so the timing never depends on the input length.
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), "hex");
  const wellFormed = HEX_SHA256.test(signature);
  const given = wellFormed ? Buffer.from(signature, "hex") : Buffer.alloc(expected.length);
  const equal = timingSafeEqual(given, expected);
  if (!wellFormed) return fail("malformed_signature", "signature is not 64 hex characters");
  if (!equal) return fail("signature_mismatch", "signature does not match the body and timestamp");
  return { ok: true };
}

function fail(reason: VerifyReason, detail: string): Verdict {
  return { ok: false, reason, detail };
}
