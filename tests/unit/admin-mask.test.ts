import { describe, expect, it } from "vitest";
import { maskPrivateKey, maskSecret } from "@/lib/settings/mask";

describe("maskSecret", () => {
  it("keeps the kind prefix and at most the last 4 characters of an API key", () => {
    const m = maskSecret("chekt_test_demo0000000000000000000000000001");
    expect(m).toEqual({ set: true, masked: "chekt_test_…0001", length: 43 });
  });

  it("never shows more than 4 characters of a secret without a known prefix", () => {
    const secret = "demo-partner-secret-7f3a9c2e5b1d4f60";
    const m = maskSecret(secret);
    expect(m.set && m.masked).toBe("…4f60");
    // No 5-character run of the secret survives.
    for (let i = 0; i + 5 <= secret.length; i++) expect(m.set && m.masked.includes(secret.slice(i, i + 5))).toBe(false);
  });

  it("shows no tail at all for a short value", () => {
    expect(maskSecret("short-secret")).toEqual({ set: true, masked: "…", length: 12 });
    expect(maskSecret("whsec_abc")).toEqual({ set: true, masked: "whsec_…", length: 9 });
  });

  it("reports unset for missing or blank values", () => {
    expect(maskSecret(undefined)).toEqual({ set: false });
    expect(maskSecret(null)).toEqual({ set: false });
    expect(maskSecret("   ")).toEqual({ set: false });
  });
});

describe("maskPrivateKey", () => {
  it("shows only the PEM kind, never key material", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    const m = maskPrivateKey(pem);
    expect(m).toEqual({ set: true, masked: "PEM (private key)", length: pem.length });
    expect(maskPrivateKey("")).toEqual({ set: false });
  });
});
