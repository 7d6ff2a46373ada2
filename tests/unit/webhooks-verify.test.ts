import { describe, expect, it } from "vitest";
import { computeSignature, signPayload, verifySignature } from "@/lib/webhooks/verify";

const SECRET = "whsec_unit_test_secret";
const NOW = 1_790_000_000;
// Deliberately odd spacing and key order: the signature covers these exact bytes.
const RAW = '{"id":"evt_1",  "type":"alarm.created","data":{"alarm_id":"alm_1","priority":"high"}}';
const raw = Buffer.from(RAW, "utf8");

type Delivery = {
  /** The bytes CHeKT signed (default: RAW). */
  signed?: Uint8Array;
  /** The bytes that reach us (default: the signed ones). */
  rawBody?: Uint8Array;
  signSecret?: string;
  signedAt?: number;
  /** What the signature header looks like on arrival. */
  signature?: (sent: string) => string;
  /** A timestamp header that replaces the signed one. */
  timestamp?: string;
};

/** CHeKT signs `signed` with `signSecret` at `signedAt`; we verify what arrives with our secret at NOW. */
function verifyDelivery(d: Delivery = {}) {
  const signed = d.signed ?? raw;
  const h = signPayload(d.signSecret ?? SECRET, signed, d.signedAt ?? NOW);
  return verifySignature({
    rawBody: d.rawBody ?? signed,
    signature: (d.signature ?? ((x) => x))(h["x-chekt-signature"]),
    timestamp: d.timestamp ?? h["x-chekt-timestamp"],
    secret: SECRET,
    nowS: NOW,
  });
}

/** A delivery of RAW correctly signed at NOW, verified with `arrived` in place of what it names. */
function verifyArrived(arrived: Partial<Parameters<typeof verifySignature>[0]>) {
  const signature = computeSignature(SECRET, String(NOW), raw);
  return verifySignature({ rawBody: raw, signature, timestamp: String(NOW), secret: SECRET, nowS: NOW, ...arrived });
}

const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW)), "utf8");

describe("verifySignature", () => {
  it.each<[string, Delivery]>([
    ["a correct signature over the raw bytes", {}],
    ["upper-case hex and surrounding whitespace", { signature: (s) => ` ${s.toUpperCase()} ` }],
    ["a timestamp at the 300 s edge", { signedAt: NOW - 300 }],
    [
      "a multi-byte UTF-8 body signed byte for byte",
      { signed: Buffer.from('{"description":"Tür geöffnet — 門"}', "utf8") },
    ],
  ])("accepts %s", (_label, delivery) => {
    expect(verifyDelivery(delivery)).toEqual({ ok: true });
  });

  it("the re-serialised JSON of the case below is not the raw bytes", () => {
    expect(reserialised.equals(raw)).toBe(false);
  });

  it.each<[string, Delivery, string]>([
    ["a signature made with another secret", { signSecret: "whsec_someone_else" }, "signature_mismatch"],
    ["a tampered body", { rawBody: Buffer.from(RAW.replace('"high"', '"low"'), "utf8") }, "signature_mismatch"],
    ["the same JSON re-serialised instead of the raw bytes", { rawBody: reserialised }, "signature_mismatch"],
    ["a timestamp older than 300 s", { signedAt: NOW - 301 }, "timestamp_too_old"],
    ["a timestamp more than 300 s in the future", { signedAt: NOW + 301 }, "timestamp_in_future"],
    [
      "a signature whose timestamp was swapped (replay with a fresh timestamp)",
      { signedAt: NOW - 1000, timestamp: String(NOW) },
      "signature_mismatch",
    ],
  ])("rejects %s", (_label, delivery, reason) => {
    expect(verifyDelivery(delivery)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ["too short", "abcd"],
    ["too long", "a".repeat(128)],
    ["non-hex of the right length", "z".repeat(64)],
    ["odd length", "a".repeat(63)],
    ["prefixed", `sha256=${"a".repeat(64)}`],
  ])("rejects a %s signature without throwing", (_label, signature) => {
    expect(() => verifyArrived({ signature })).not.toThrow();
    expect(verifyArrived({ signature })).toMatchObject({ ok: false, reason: "malformed_signature" });
  });

  it.each<[string, Partial<Parameters<typeof verifySignature>[0]>, string]>([
    ["no signature header", { signature: null }, "missing_signature"],
    ["no timestamp header", { timestamp: undefined }, "missing_timestamp"],
    ["a non-numeric timestamp", { timestamp: "2026-01-01T00:00:00Z" }, "bad_timestamp"],
    ["no secret of ours", { secret: "" }, "no_secret"],
  ])("rejects %s", (_label, arrived, reason) => {
    expect(verifyArrived(arrived)).toMatchObject({ ok: false, reason });
  });
});
