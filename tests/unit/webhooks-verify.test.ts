import { describe, expect, it } from "vitest";
import { computeSignature, signPayload, verifySignature } from "@/lib/webhooks/verify";

const SECRET = "whsec_unit_test_secret";
const NOW = 1_790_000_000;
// Deliberately odd spacing and key order: the signature covers these exact bytes.
const RAW = '{"id":"evt_1",  "type":"alarm.created","data":{"alarm_id":"alm_1","priority":"high"}}';
const raw = Buffer.from(RAW, "utf8");

function headers(body: Uint8Array | string = raw, secret = SECRET, ts = NOW) {
  return signPayload(secret, body, ts);
}

describe("verifySignature", () => {
  it("accepts a correct signature over the raw bytes", () => {
    const h = headers();
    expect(
      verifySignature({
        rawBody: raw,
        signature: h["x-chekt-signature"],
        timestamp: h["x-chekt-timestamp"],
        secret: SECRET,
        nowS: NOW,
      }),
    ).toEqual({ ok: true });
  });

  it("accepts upper-case hex and surrounding whitespace", () => {
    const h = headers();
    const v = verifySignature({
      rawBody: raw,
      signature: ` ${h["x-chekt-signature"].toUpperCase()} `,
      timestamp: h["x-chekt-timestamp"],
      secret: SECRET,
      nowS: NOW,
    });
    expect(v.ok).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    const h = headers(raw, "whsec_someone_else");
    const v = verifySignature({
      rawBody: raw,
      signature: h["x-chekt-signature"],
      timestamp: h["x-chekt-timestamp"],
      secret: SECRET,
      nowS: NOW,
    });
    expect(v).toMatchObject({ ok: false, reason: "signature_mismatch" });
  });

  it("rejects a tampered body", () => {
    const h = headers();
    const tampered = Buffer.from(RAW.replace('"high"', '"low"'), "utf8");
    const v = verifySignature({
      rawBody: tampered,
      signature: h["x-chekt-signature"],
      timestamp: h["x-chekt-timestamp"],
      secret: SECRET,
      nowS: NOW,
    });
    expect(v).toMatchObject({ ok: false, reason: "signature_mismatch" });
  });

  it("rejects the same JSON re-serialised instead of the raw bytes", () => {
    const h = headers();
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW)), "utf8");
    expect(reserialised.equals(raw)).toBe(false);
    const v = verifySignature({
      rawBody: reserialised,
      signature: h["x-chekt-signature"],
      timestamp: h["x-chekt-timestamp"],
      secret: SECRET,
      nowS: NOW,
    });
    expect(v).toMatchObject({ ok: false, reason: "signature_mismatch" });
  });

  it("rejects a timestamp older than 300 s and accepts one at the edge", () => {
    const old = headers(raw, SECRET, NOW - 301);
    expect(
      verifySignature({
        rawBody: raw,
        signature: old["x-chekt-signature"],
        timestamp: old["x-chekt-timestamp"],
        secret: SECRET,
        nowS: NOW,
      }),
    ).toMatchObject({ ok: false, reason: "timestamp_too_old" });
    const edge = headers(raw, SECRET, NOW - 300);
    expect(
      verifySignature({
        rawBody: raw,
        signature: edge["x-chekt-signature"],
        timestamp: edge["x-chekt-timestamp"],
        secret: SECRET,
        nowS: NOW,
      }).ok,
    ).toBe(true);
  });

  it("rejects a timestamp more than 300 s in the future", () => {
    const future = headers(raw, SECRET, NOW + 301);
    expect(
      verifySignature({
        rawBody: raw,
        signature: future["x-chekt-signature"],
        timestamp: future["x-chekt-timestamp"],
        secret: SECRET,
        nowS: NOW,
      }),
    ).toMatchObject({ ok: false, reason: "timestamp_in_future" });
  });

  it("rejects a signature whose timestamp was swapped (replay with a fresh timestamp)", () => {
    const h = headers(raw, SECRET, NOW - 1000);
    const v = verifySignature({
      rawBody: raw,
      signature: h["x-chekt-signature"],
      timestamp: String(NOW),
      secret: SECRET,
      nowS: NOW,
    });
    expect(v).toMatchObject({ ok: false, reason: "signature_mismatch" });
  });

  it.each([
    ["too short", "abcd"],
    ["too long", "a".repeat(128)],
    ["non-hex of the right length", "z".repeat(64)],
    ["odd length", "a".repeat(63)],
    ["prefixed", `sha256=${"a".repeat(64)}`],
  ])("rejects a %s signature without throwing", (_label, sig) => {
    expect(() =>
      verifySignature({ rawBody: raw, signature: sig, timestamp: String(NOW), secret: SECRET, nowS: NOW }),
    ).not.toThrow();
    expect(
      verifySignature({ rawBody: raw, signature: sig, timestamp: String(NOW), secret: SECRET, nowS: NOW }),
    ).toMatchObject({ ok: false, reason: "malformed_signature" });
  });

  it("rejects missing headers, a non-numeric timestamp and a missing secret", () => {
    const sig = computeSignature(SECRET, String(NOW), raw);
    expect(
      verifySignature({ rawBody: raw, signature: null, timestamp: String(NOW), secret: SECRET, nowS: NOW }),
    ).toMatchObject({ reason: "missing_signature" });
    expect(
      verifySignature({ rawBody: raw, signature: sig, timestamp: undefined, secret: SECRET, nowS: NOW }),
    ).toMatchObject({ reason: "missing_timestamp" });
    expect(
      verifySignature({ rawBody: raw, signature: sig, timestamp: "2026-01-01T00:00:00Z", secret: SECRET, nowS: NOW }),
    ).toMatchObject({ reason: "bad_timestamp" });
    expect(
      verifySignature({ rawBody: raw, signature: sig, timestamp: String(NOW), secret: "", nowS: NOW }),
    ).toMatchObject({ reason: "no_secret" });
  });

  it("signs multi-byte UTF-8 bodies byte for byte", () => {
    const body = Buffer.from('{"description":"Tür geöffnet — 門"}', "utf8");
    const h = headers(body);
    expect(
      verifySignature({
        rawBody: body,
        signature: h["x-chekt-signature"],
        timestamp: h["x-chekt-timestamp"],
        secret: SECRET,
        nowS: NOW,
      }).ok,
    ).toBe(true);
  });
});
